"""The life of a commune report (Báo cáo): draft > submitted > issued, or returned to draft.

The same shape as a decision's (``decisions.workflow``): every transition is one service
call in one transaction that checks who acts through ``tungAnh.scoping``. The clerk
drafts, edits and submits; the chairman or a vice-chairman returns it with a comment or
issues it. Issuance locks the report, takes the next number of the year's BC sequence,
builds the document (the period's totals as they stand now), renders and stores the PDF
once with its SHA-256, writes the outgoing register line and keeps the document as the
snapshot. If any step fails, everything rolls back and no number is consumed.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from decisions import numbering, rendering, storage
from decisions.models import DocumentType, RegisterEntry
from decisions.workflow import log_issued
from tungAnh import scoping

from . import report_documents
from .models import CommuneReport, ReportingPeriod

TEMPLATE = "documents/report.html"
EDITABLE_FIELDS = ("subject", "intro", "difficulties", "proposals", "recipients")


@transaction.atomic
def commune_report_create(*, period: ReportingPeriod, by, **fields) -> CommuneReport:
    """A new draft for ``period``, filled with the standard wording; one report per period."""
    commune = period.commune
    scoping.require_clerk(by, commune)
    if CommuneReport.objects.filter(period=period).exists():
        raise ValidationError(
            _("The commune report for %(month)s has already been drafted.") % {"month": period.month_label}
        )
    for name in fields:
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a commune report")
    initial = {
        "subject": report_documents.default_subject(period),
        "intro": report_documents.default_intro(period),
        "difficulties": report_documents.DEFAULT_DIFFICULTIES,
        "proposals": report_documents.DEFAULT_PROPOSALS,
        "recipients": report_documents.default_recipients(period),
        **fields,
    }
    report = CommuneReport(commune=commune, period=period, created_by=by, **initial)
    report.full_clean()
    report.save()
    return report


def _locked(report: CommuneReport) -> CommuneReport:
    return (
        CommuneReport.objects.select_for_update(of=("self",))
        .select_related("commune", "period__commune")
        .get(pk=report.pk)
    )


def _require_draft(report: CommuneReport) -> None:
    if report.status != CommuneReport.Status.DRAFT:
        raise ValidationError(
            _("Only a draft can be changed; this report is %(status)s.") % {"status": report.get_status_display()}
        )


@transaction.atomic
def commune_report_update(*, report: CommuneReport, by, **fields) -> CommuneReport:
    report = _locked(report)
    scoping.require_clerk(by, report.commune)
    _require_draft(report)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a commune report")
        setattr(report, name, value)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def commune_report_submit(*, report: CommuneReport, by) -> CommuneReport:
    report = _locked(report)
    scoping.require_clerk(by, report.commune)
    _require_draft(report)
    report.full_clean()
    report.status = CommuneReport.Status.SUBMITTED
    report.save(update_fields=["status", "updated_at"])
    return report


@transaction.atomic
def commune_report_return(*, report: CommuneReport, by, comment: str) -> CommuneReport:
    report = _locked(report)
    scoping.require_signer(by, report.commune)
    if report.status != CommuneReport.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError(_("Say what must change: a returned report needs a comment."))
    report.status = CommuneReport.Status.DRAFT
    report.return_comment = comment.strip()
    report.returned_by = by
    report.returned_at = timezone.now()
    report.full_clean()
    report.save(update_fields=["status", "return_comment", "returned_by", "returned_at", "updated_at"])
    return report


@transaction.atomic
def commune_report_issue(*, report: CommuneReport, by, on: datetime.date | None = None) -> CommuneReport:
    """The chairman signs: number, date, figures, PDF and register line, all at once."""
    report = _locked(report)
    official = scoping.require_signer(by, report.commune)
    if report.status == CommuneReport.Status.ISSUED:
        raise ValidationError(
            _("This report has already been issued as %(number)s.") % {"number": report.number_symbol}
        )
    if report.status != CommuneReport.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be issued."))
    if official.person is None:
        raise ValidationError(_("Your account has no person record to print under the signature."))
    on = on or timezone.localdate()
    signer = official.person
    report.number = numbering.take_number(commune=report.commune, doc_type=DocumentType.REPORT, year=on.year)
    report.year = on.year
    report.issued_on = on
    report.issued_at = timezone.now()
    report.issued_by = by
    report.signer = signer
    report.signer_is_vice = official.role == official.Role.VICE_CHAIRMAN
    document = report_documents.build_report_document(report)
    pdf = rendering.document_pdf(TEMPLATE, document)
    report.register_entry = RegisterEntry.objects.create(
        commune=report.commune,
        doc_type=DocumentType.REPORT,
        year=on.year,
        number=report.number,
        symbol=report.symbol,
        issued_on=on,
        subject=_register_subject(report.subject),
        signer_name=signer.full_name[:50],
        signer_position=" ".join(document["signature"]["lines"])[:100],
        recipients="; ".join(r.lstrip("- ").rstrip(";.") for r in document["recipients"]),
        copies=len(document["recipients"]) or 1,
    )
    report.snapshot = document
    report.pdf_sha256 = storage.store(pdf)
    report.status = CommuneReport.Status.ISSUED
    report.save()
    log_issued(report, by)
    return report


def _register_subject(subject: str) -> str:
    """Column 3 of the register names the type, then the subject: "Báo cáo kết quả ..."."""
    subject = " ".join(subject.split())
    if not subject.lower().startswith("báo cáo"):
        subject = f"Báo cáo {subject[:1].lower()}{subject[1:]}"
    return subject[:500]


def pdf_bytes(report: CommuneReport) -> bytes:
    """The stored PDF of an issued report, checked against its SHA-256 (never re-rendered)."""
    if not report.is_issued:
        raise ValidationError(_("Only an issued report has a stored PDF."))
    return storage.read(report.pdf_sha256)
