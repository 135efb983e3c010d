"""The life of a commune report (Báo cáo): draft > submitted > issued, or returned to draft.

A report's own part lives here: its draft, one per reporting period, with the standard
wording, and its text while it is a draft. Submitting, returning and issuing (the next
number of the year's BC sequence, the document built from the period's totals as they
stand, the PDF, the register line, the event trail) are ``documents.lifecycle``'s, with
``KIND`` describing a report to them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from documents import lifecycle

from . import report_appendix, report_documents
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
    return lifecycle.created(report, by)


def _require_draft(report: CommuneReport) -> None:
    lifecycle.require_draft(KIND, report)


@transaction.atomic
def commune_report_update(*, report: CommuneReport, by, **fields) -> CommuneReport:
    report = KIND.locked(report)
    scoping.require_clerk(by, report.commune)
    _require_draft(report)
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a commune report")
        setattr(report, name, value)
    report.full_clean()
    report.save()
    return report


def _register_subject(report: CommuneReport, printed: dict) -> str:
    """Column 3 of the register names the type, then the subject: "Báo cáo kết quả ..."."""
    subject = " ".join(report.subject.split())
    if not subject.lower().startswith("báo cáo"):
        subject = f"Báo cáo {subject[:1].lower()}{subject[1:]}"
    return subject[:500]


KIND = lifecycle.Kind(
    model=CommuneReport,
    template=TEMPLATE,
    build=report_documents.build_report_document,
    register_subject=_register_subject,
    copies=lambda report, printed: len(printed["recipients"]) or 1,
    already_issued=gettext_lazy("This report has already been issued as %(number)s."),
    only_submitted_issued=gettext_lazy("Only a submitted report can be issued."),
    only_submitted_returned=gettext_lazy("Only a submitted report can be returned."),
    comment_required=gettext_lazy("Say what must change: a returned report needs a comment."),
    only_drafts_change=gettext_lazy("Only a draft can be changed; this report is %(status)s."),
    only_issued_have_pdf=gettext_lazy("Only an issued report has a stored PDF."),
    attachments=report_appendix.appendix,
)


def commune_report_submit(*, report: CommuneReport, by) -> CommuneReport:
    return lifecycle.submit(KIND, report, by=by)


def commune_report_return(*, report: CommuneReport, by, comment: str) -> CommuneReport:
    return lifecycle.return_to_clerk(KIND, report, by=by, comment=comment)


def commune_report_issue(*, report: CommuneReport, by, on: datetime.date | None = None) -> CommuneReport:
    """The chairman signs: number, date, figures, PDF and register line, all at once."""
    return lifecycle.issue(KIND, report, by=by, on=on)


def pdf_bytes(report: CommuneReport) -> bytes:
    """The stored PDF of an issued report, checked against its SHA-256 (never re-rendered)."""
    return lifecycle.pdf_bytes(KIND, report)
