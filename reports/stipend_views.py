"""The stipend list of a month: the page, the finance office's XLSX and a draft PDF.

Thin views over ``reports.stipends``. The list covers every team of the commune, so it is
read by whoever reads the month as a whole (the commune's officials, the supervisors), not
by a team leader (403). A month outside the user's reach is a 404, and so are the files of
a month the plan sets no stipend for. The PDF is a preview of the attachment the chairman
issues with the month's commune report (``reports.report_appendix``): unnumbered, undated.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts import scoping
from documents import attachments, rendering
from lib import responses

from . import stipends
from .models import ReportingPeriod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _listed(user, pk: int) -> stipends.StipendList:
    period = scoping.get_in_scope(user, ReportingPeriod.objects.select_related("commune"), pk=pk)
    if not scoping.reads_whole_commune(user):
        raise PermissionDenied(_("The stipend list covers every team of the commune: a team leader does not read it."))
    return stipends.stipend_list(period)


def _with_rule(user, pk: int) -> stipends.StipendList:
    listed = _listed(user, pk)
    if listed.rule is None:
        raise Http404(_("The plan sets no stipend for this month."))
    return listed


@login_required
def stipend_list(request, pk: int):
    listed = _listed(request.user, pk)
    return render(request, "reports/stipend_list.html", {"period": listed.period, "listed": listed})


@login_required
def stipend_xlsx(request, pk: int):
    listed = _with_rule(request.user, pk)
    return responses.download(stipends.as_xlsx(listed), filename=stipends.filename(listed, "xlsx"), content_type=XLSX)


@login_required
def stipend_pdf(request, pk: int):
    listed = _with_rule(request.user, pk)
    printed = stipends.attachment(listed, reference=stipends.draft_reference(listed.period))
    pdf = rendering.render_pdf(rendering.render_html(attachments.TEMPLATE, printed, link_stylesheet=False))
    return responses.pdf_response(pdf, filename=stipends.filename(listed, "pdf"), as_attachment=False)
