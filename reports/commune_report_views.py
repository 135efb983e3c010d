"""Pages for the commune's report to the district (Báo cáo, "BC").

Thin views: every change goes through ``reports.commune_reports``, and
``tungAnh.scoping`` decides who sees what. A report or period outside the user's reach is
a 404; in reach but not theirs to act on (a district officer, the chairman on the
clerk's steps) is a 403 raised by the service. A refusal the rules explain
(``ValidationError``) is shown on the page.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from decisions import rendering
from teams.forms import add_model_errors
from tungAnh import forms as ascii_forms
from tungAnh import scoping

from . import commune_reports, report_documents
from .models import CommuneReport, ReportingPeriod

# The preview is our own escaped HTML with one stylesheet and its fonts; forbid anything else.
PREVIEW_CSP = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; frame-ancestors 'self'"


class CommuneReportForm(forms.ModelForm):
    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = CommuneReport
        fields = list(commune_reports.EDITABLE_FIELDS)
        widgets = {
            "subject": forms.TextInput(),
            "intro": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the clerk"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


def _report_in_scope(user, pk: int) -> CommuneReport:
    queryset = CommuneReport.objects.select_related("commune", "period__commune", "signer", "created_by", "returned_by")
    return scoping.get_in_scope(user, queryset, pk=pk)


def _refused(request, intro: str, exc: ValidationError) -> None:
    messages.error(request, " ".join([intro, *exc.messages]))


def _to_detail(report: CommuneReport):
    return redirect("commune_reports:detail", pk=report.pk)


@login_required
def commune_report_create(request, period_pk: int):
    """Draft the commune's report on a period, with the standard wording (clerk, once)."""
    period = scoping.get_in_scope(request.user, ReportingPeriod.objects.select_related("commune"), pk=period_pk)
    existing = CommuneReport.objects.filter(period=period).first()
    if existing is not None:
        return _to_detail(existing)
    scoping.require_clerk(request.user, period.commune)
    if request.method == "POST":
        try:
            report = commune_reports.commune_report_create(period=period, by=request.user)
        except ValidationError as exc:
            _refused(request, _("The report was not drafted:"), exc)
        else:
            messages.success(request, _("The draft was created: review its text, then submit it."))
            return redirect("commune_reports:edit", pk=report.pk)
    return render(request, "reports/commune_report_create.html", {"period": period})


@login_required
def commune_report_edit(request, pk: int):
    report = _report_in_scope(request.user, pk)
    scoping.require_clerk(request.user, report.commune)
    if not report.is_editable:
        messages.error(
            request,
            _("Only a draft can be changed; this report is %(status)s.") % {"status": report.get_status_display()},
        )
        return _to_detail(report)
    # The form validates a copy: a refused text must not show up in the page's headings.
    form = CommuneReportForm(request.POST or None, instance=CommuneReport.objects.get(pk=report.pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in commune_reports.EDITABLE_FIELDS}
        try:
            commune_reports.commune_report_update(report=report, by=request.user, **fields)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return _to_detail(report)
    return render(request, "reports/commune_report_form.html", {"report": report, "form": form})


def _render_detail(request, report: CommuneReport, *, return_form=None):
    user = request.user
    may_sign = scoping.is_signer_of(user, report.commune) and report.status == CommuneReport.Status.SUBMITTED
    context = {
        "report": report,
        "may_edit": scoping.is_clerk_of(user, report.commune) and report.is_editable,
        "may_sign": may_sign,
        "return_form": (return_form or ReturnForm()) if may_sign else None,
    }
    return render(request, "reports/commune_report_detail.html", context)


@login_required
def commune_report_detail(request, pk: int):
    return _render_detail(request, _report_in_scope(request.user, pk))


@login_required
@xframe_options_sameorigin
def commune_report_preview(request, pk: int):
    """The document exactly as it prints: the snapshot once issued, else the draft with today's figures."""
    report = _report_in_scope(request.user, pk)
    document = report_documents.report_document(report)
    html = rendering.render_html(commune_reports.TEMPLATE, document, link_stylesheet=True)
    return HttpResponse(html, headers={"Content-Security-Policy": PREVIEW_CSP})


@login_required
def commune_report_pdf(request, pk: int):
    """The stored bytes of an issued report, checked against their SHA-256, never re-rendered."""
    report = _report_in_scope(request.user, pk)
    try:
        pdf = commune_reports.pdf_bytes(report)
    except ValidationError as exc:
        _refused(request, _("The PDF cannot be served:"), exc)
        return _to_detail(report)
    filename = f"bao-cao-{report.number:02d}-{report.year}.pdf"
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})


@require_POST
@login_required
def commune_report_submit(request, pk: int):
    report = _report_in_scope(request.user, pk)
    try:
        commune_reports.commune_report_submit(report=report, by=request.user)
    except ValidationError as exc:
        _refused(request, _("The report was not submitted:"), exc)
    else:
        messages.success(request, _("Submitted to the chairman."))
    return _to_detail(report)


@require_POST
@login_required
def commune_report_return(request, pk: int):
    report = _report_in_scope(request.user, pk)
    scoping.require_signer(request.user, report.commune)
    form = ReturnForm(request.POST)
    if not form.is_valid() and report.status == CommuneReport.Status.SUBMITTED:
        return _render_detail(request, report, return_form=form)
    try:
        commune_reports.commune_report_return(
            report=report, by=request.user, comment=form.cleaned_data.get("comment", "")
        )
    except ValidationError as exc:
        _refused(request, _("The report was not returned:"), exc)
    else:
        messages.success(request, _("Returned to the clerk with your comment."))
    return _to_detail(report)


@require_POST
@login_required
def commune_report_issue(request, pk: int):
    report = _report_in_scope(request.user, pk)
    scoping.require_signer(request.user, report.commune)
    try:
        report = commune_reports.commune_report_issue(report=report, by=request.user)
    except (ValidationError, rendering.RenderingError) as exc:
        if isinstance(exc, rendering.RenderingError):
            exc = ValidationError(str(exc))
        _refused(request, _("The report was not issued:"), exc)
    else:
        messages.success(
            request,
            _("Issued as %(number)s on %(date)s.")
            % {"number": report.number_symbol, "date": report.issued_on.strftime("%d/%m/%Y")},
        )
    return _to_detail(report)
