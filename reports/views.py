"""Pages for plans and monthly reports.

Thin views: reads come from ``reports.selectors``, every change from ``reports.services``,
and ``accounts.scoping`` decides who sees what. A period, team or plan outside the user's
reach is a 404; in reach but not theirs to change (a district officer, the chairman, a
team leader on a period) is a 403, raised by the service. A refusal the rules explain
(``ValidationError``) is shown on the page, next to the field when it has one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from lib import responses
from lib.forms import add_model_errors
from lib.page_cache import per_reader
from teams.models import Team
from teams.selectors import is_team_leader, readable_teams

from . import approval, indicator_sets, selectors, services, stipends
from .forms import TeamReportForm
from .models import ReportingPeriod, TeamReport

PAGE_SIZE = 25


def _period_in_scope(user, pk: int) -> ReportingPeriod:
    return scoping.get_in_scope(user, ReportingPeriod.objects.select_related("commune", "closed_by"), pk=pk)


# Periods ------------------------------------------------------------------------------------


@per_reader
@login_required
def period_list(request):
    user = request.user
    page = Paginator(selectors.period_list(user), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    commune = scoping.commune_of(user) if scoping.can_edit(user) else None
    can_open = (
        commune is not None
        and not ReportingPeriod.objects.filter(commune=commune, year=today.year, month=today.month).exists()
    )
    context = {
        "page_obj": page,
        "plans": selectors.readable_plans(user),
        "several_communes": scoping.reads_several_communes(user),
        "can_open": can_open,
        "current_month": f"{today.month:02d}/{today.year}",
        "is_team_leader": is_team_leader(user),
    }
    return render(request, "reports/period_list.html", context)


@login_required
@require_POST
def period_open(request):
    """Open the current month for the clerk's commune."""
    user = request.user
    if not scoping.can_edit(user):
        raise PermissionDenied(_("Only the commune clerk may open a reporting period."))
    today = timezone.localdate()
    try:
        period = services.period_open(commune=scoping.commune_of(user), year=today.year, month=today.month, by=user)
    except ValidationError as exc:
        responses.refused(request, exc)
        return redirect("reports:period_list")
    messages.success(request, _("The reporting period %(month)s is open.") % {"month": period.month_label})
    return redirect("reports:period_detail", pk=period.pk)


@per_reader
@login_required
def period_detail(request, pk: int):
    user = request.user
    period = _period_in_scope(user, pk)
    leader = is_team_leader(user)
    rows = selectors.period_rows(period, teams=readable_teams(user) if leader else None)
    is_clerk = scoping.is_clerk_of(user, period.commune)
    Status = ReportingPeriod.Status
    context = {
        "period": period,
        "rows": rows,
        "counts": selectors.status_counts(rows),
        "can_file": not period.is_closed and (is_clerk or leader),
        "can_close": is_clerk and not period.is_closed,
        "is_team_leader": leader,
        "can_approve": period.status in (Status.OPEN, Status.SENT_BACK) and scoping.is_signer_of(user, period.commune),
        "supervises": period.status in (Status.APPROVED, Status.ACCEPTED)
        and scoping.may_supervise(user, period.commune, on=period.first_day),
        "events": period.events.select_related("by"),
    }
    if not leader:
        context["stipends"] = stipends.applies(period)
        totals = selectors.commune_totals(period)
        context["totals"] = totals
        context["summary"] = selectors.commune_summary_text(period, rows, totals)
    return render(request, "reports/period_detail.html", context)


@login_required
@require_POST
def period_close(request, pk: int):
    period = _period_in_scope(request.user, pk)
    try:
        services.period_close(period=period, by=request.user)
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        messages.success(request, _("The reporting period %(month)s is closed.") % {"month": period.month_label})
    return redirect("reports:period_detail", pk=period.pk)


# Team reports -------------------------------------------------------------------------------


@login_required
def report_file(request, period_pk: int, team_pk: int):
    """The team's report for the period: a form for its leader and the clerk while the
    period is open (filing, then correcting the same report), read-only for everyone else."""
    user = request.user
    period = _period_in_scope(user, period_pk)
    team = scoping.get_in_scope(
        user, readable_teams(user).filter(commune=period.commune_id).select_related("commune", "village"), pk=team_pk
    )
    report = selectors.team_report(team=team, period=period)
    may_file = selectors.may_file(user, team)
    if request.method == "POST" and not may_file:
        raise PermissionDenied(_("Only the team's leader or the commune clerk may file its report."))
    form = None
    if may_file and not period.is_closed and not (report and report.status == TeamReport.Status.ACCEPTED):
        initial = {"value_map": report.value_map, "note": report.note} if report else {}
        # A report is corrected under the set it was filed under; a new one is asked the month's.
        definitions = report.definitions if report else indicator_sets.period_definitions(period)
        form = TeamReportForm(request.POST if request.method == "POST" else None, definitions=definitions, **initial)
    if request.method == "POST" and form is None:
        try:
            services.refuse_if_final(period)
            services.refuse_if_accepted(report)
        except ValidationError as exc:
            responses.refused(request, exc)
    elif form is not None and form.is_bound and form.is_valid():
        fields = {"values": form.values(), "note": form.cleaned_data["note"], "by": user}
        try:
            if report is None:
                services.report_file(team=team, period=period, **fields)
            else:
                services.report_correct(report=report, **fields)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            done = _("The report was filed.") if report is None else _("The report was corrected.")
            messages.success(request, done + " " + _("Copy the summary below into the team's Zalo group."))
            return redirect("reports:report_file", period_pk=period.pk, team_pk=team.pk)
    can_accept, can_return = _review(user, report, period)
    context = {
        "period": period,
        "team": team,
        "report": report,
        "can_accept": can_accept,
        "can_return": can_return,
        "events": report.events.select_related("by") if report else [],
        "form": form,
        "summary": selectors.zalo_summary(report) if report else "",
        "rows": _value_rows(report),
    }
    return render(request, "reports/report_file.html", context)


def _review(user, report: TeamReport | None, period: ReportingPeriod) -> tuple[bool, bool]:
    """Whether to show the accept and the return buttons, for whoever ``reports.approval``
    lets review the report: accept while it waits and the month is not approved; return
    while the month takes corrections (an accepted report, once the month was sent back)."""
    if report is None or period.status not in (ReportingPeriod.Status.OPEN, ReportingPeriod.Status.SENT_BACK):
        return False, False
    if not approval.may_review(user, report):
        return False, False
    waits = report.status == TeamReport.Status.FILED
    sent_back = period.status == ReportingPeriod.Status.SENT_BACK
    returnable = waits or (report.status == TeamReport.Status.ACCEPTED and sent_back)
    return waits, returnable and not period.is_closed


def _value_rows(report):
    if report is None:
        return []
    return [(indicator, report.value_map.get(indicator.code)) for indicator in report.definitions]


@login_required
def my_report(request):
    """A team leader's shortcut: their team's report for the latest open period."""
    user = request.user
    if is_team_leader(user):
        team = readable_teams(user).filter(status=Team.Status.ACTIVE).order_by("level", "pk").first()
        period = selectors.readable_periods(user).filter(closed_at__isnull=True).order_by("-year", "-month").first()
        if team is not None and period is not None:
            return redirect("reports:report_file", period_pk=period.pk, team_pk=team.pk)
        messages.info(request, _("There is no open reporting period for your team at present."))
    return redirect("reports:period_list")


# Plans --------------------------------------------------------------------------------------


@login_required
def plan_detail(request, pk: int):
    plan = scoping.get_in_scope(request.user, selectors.readable_plans(request.user), pk=pk)
    return render(request, "reports/plan_detail.html", {"plan": plan, "progress": selectors.plan_progress(plan)})
