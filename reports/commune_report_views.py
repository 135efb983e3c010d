"""Pages for the commune's report to the district (Báo cáo, "BC").

Thin views: every change goes through ``reports.commune_reports``, and
``accounts.scoping`` decides who sees what (``reports.selectors.commune_report_in_scope``:
a team leader reads no commune report). A report or period outside the user's reach is
a 404; in reach but not theirs to act on (a district officer, the chairman on the
clerk's steps) is a 403 raised by the service. A refusal the rules explain
(``ValidationError``) is shown on the page.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts import scoping
from documents import views as document_views
from lib import forms as ascii_forms
from lib import responses
from lib.forms import add_model_errors

from . import commune_reports, report_documents, selectors
from .models import CommuneReport, ReportingPeriod


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


def _to_detail(report: CommuneReport):
    return redirect("commune_reports:detail", pk=report.pk)


@login_required
def commune_report_create(request, period_pk: int):
    """Draft the commune's report on a period, with the standard wording (clerk, once)."""
    period = scoping.get_in_scope(request.user, ReportingPeriod.objects.select_related("commune"), pk=period_pk)
    existing = selectors.readable_commune_reports(request.user).filter(period=period).first()
    if existing is not None:
        return _to_detail(existing)
    scoping.require_clerk(request.user, period.commune)
    if request.method == "POST":
        try:
            report = commune_reports.commune_report_create(period=period, by=request.user)
        except ValidationError as exc:
            responses.refused(request, exc, _("The report was not drafted:"))
        else:
            messages.success(request, _("The draft was created: review its text, then submit it."))
            return redirect("commune_reports:edit", pk=report.pk)
    return render(request, "reports/commune_report_create.html", {"period": period})


@login_required
def commune_report_edit(request, pk: int):
    report = selectors.commune_report_in_scope(request.user, pk)
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


PAGES = document_views.Pages(
    kind=commune_reports.KIND,
    namespace="commune_reports",
    template="reports/commune_report_detail.html",
    in_scope=selectors.commune_report_in_scope,
    pdf_filename=lambda report: f"bao-cao-{report.number:02d}-{report.year}.pdf",
    printed=report_documents.report_document,
    extra_context=lambda request, report: {"report": report},
    not_submitted=gettext_lazy("The report was not submitted:"),
    not_returned=gettext_lazy("The report was not returned:"),
    not_issued=gettext_lazy("The report was not issued:"),
    confirm_issue=False,
)


@login_required
def commune_report_detail(request, pk: int):
    return document_views.page(PAGES, request, selectors.commune_report_in_scope(request.user, pk))


@login_required
@xframe_options_sameorigin
def commune_report_preview(request, pk: int):
    return document_views.preview(PAGES, request, pk)


@login_required
def commune_report_page_image(request, pk: int, number: int):
    return document_views.page_image(PAGES, request, pk, number)


@login_required
def commune_report_pdf(request, pk: int):
    return document_views.pdf(PAGES, request, pk)


@require_POST
@login_required
def commune_report_submit(request, pk: int):
    return document_views.submit(PAGES, request, pk)


@require_POST
@login_required
def commune_report_return(request, pk: int):
    return document_views.return_to_clerk(PAGES, request, pk)


@require_POST
@login_required
def commune_report_issue(request, pk: int):
    return document_views.issue(PAGES, request, pk)
