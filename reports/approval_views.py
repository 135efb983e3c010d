"""The approval's pages and buttons: what waits for me, and one POST per step.

Thin views over ``reports.approval``: a report or month outside the user's reach is a 404;
in reach but not theirs to act on is a 403 (the service's ``PermissionDenied``); a refusal
the rules explain is shown on the page it came from, and nothing is stored.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from lib import responses
from teams.selectors import readable_teams

from . import approval, selectors
from .models import ReportingPeriod, TeamReport


def _period(user, pk: int) -> ReportingPeriod:
    return scoping.get_in_scope(user, ReportingPeriod.objects.select_related("commune"), pk=pk)


def _report(user, period_pk: int, team_pk: int) -> TeamReport:
    period = _period(user, period_pk)
    team = scoping.get_in_scope(user, readable_teams(user).filter(commune=period.commune_id), pk=team_pk)
    return get_object_or_404(TeamReport, period=period, team=team)


def _act(request, step, done: str, **kwargs) -> bool:
    try:
        step(by=request.user, **kwargs)
    except ValidationError as exc:
        responses.refused(request, exc)
        return False
    messages.success(request, done)
    return True


def _comment(request) -> str:
    return request.POST.get("comment", "")


@login_required
def waiting(request):
    """Reports > "Waiting for me": the reports and months for the user's step."""
    waiting = selectors.waiting_for(request.user, page=request.GET.get("page"))
    return render(request, "reports/waiting.html", {"waiting": waiting})


@login_required
@require_POST
def report_accept(request, period_pk: int, team_pk: int):
    report = _report(request.user, period_pk, team_pk)
    _act(request, approval.report_accept, _("The report was accepted."), report=report)
    return redirect("reports:report_file", period_pk=period_pk, team_pk=team_pk)


@login_required
@require_POST
def report_return(request, period_pk: int, team_pk: int):
    report = _report(request.user, period_pk, team_pk)
    done = _("The report was returned to the team with your comment.")
    _act(request, approval.report_return, done, report=report, comment=_comment(request))
    return redirect("reports:report_file", period_pk=period_pk, team_pk=team_pk)


@login_required
@require_POST
def period_approve(request, pk: int):
    period = _period(request.user, pk)
    done = _("The month %(month)s is approved.") % {"month": period.month_label}
    _act(request, approval.period_approve, done, period=period, comment=_comment(request))
    return redirect("reports:period_detail", pk=pk)


@login_required
@require_POST
def period_accept(request, pk: int):
    period = _period(request.user, pk)
    done = _("The month %(month)s is accepted and locked.") % {"month": period.month_label}
    _act(request, approval.period_accept, done, period=period, comment=_comment(request))
    return redirect("reports:period_detail", pk=pk)


@login_required
@require_POST
def period_send_back(request, pk: int):
    period = _period(request.user, pk)
    done = _("The month %(month)s was sent back to the commune.") % {"month": period.month_label}
    _act(request, approval.period_send_back, done, period=period, comment=_comment(request))
    return redirect("reports:period_detail", pk=pk)


@login_required
@require_POST
def period_reopen(request, pk: int):
    period = _period(request.user, pk)
    done = _("The month %(month)s is reopened.") % {"month": period.month_label}
    _act(request, approval.period_reopen, done, period=period, reason=_comment(request))
    return redirect("reports:period_detail", pk=pk)
