"""The rollout dashboard: the district table, one commune's detail, and the table's exports.

Read-only pages (GET only). ``reports.dashboard.rollout_communes`` (from ``accounts.scoping``)
decides which communes a user follows: a district officer every commune of the district, a
commune official their own; another commune's detail is a 404. A team leader follows no
commune: the table and its exports are a 403 (the menu does not offer them), a commune's
detail a 404. The figures come from ``reports.dashboard``.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import scoping
from accounts.models import Official
from lib import responses
from lib.text import ascii_int

from . import charts, dashboard, exports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    """``?year=``, or the current year when missing or not a plausible year."""
    year = ascii_int(request.GET.get("year"))
    return year if year is not None and 2000 <= year <= 2100 else timezone.localdate().year


def _place(user):
    """The district (district officer) or the commune the dashboard is about, or None."""
    official = scoping.official_of(user)
    if official is None:
        return None
    return official.district if official.role == Official.Role.DISTRICT_OFFICER else official.commune


def _filename(user, year: int, extension: str) -> str:
    place = _place(user)
    return f"rollout-{place.code if place else 'none'}-{year}.{extension}"


def _require_follower(user) -> None:
    if not scoping.reads_whole_commune(user):
        raise PermissionDenied(_("The rollout dashboard is for the officials who follow a whole commune."))


@login_required
@require_GET
def district(request):
    _require_follower(request.user)
    year = _year(request)
    board = dashboard.district_dashboard(request.user, year=year)
    coverage = charts.bar_chart(
        title=_("Villages with an active team, of all villages, per commune"),
        bars=[charts.Bar(row.commune.title_name, row.villages_covered, row.villages) for row in board.rows],
        chart_id="chart-coverage",
    )
    achieved = charts.bar_chart(
        title=_("What the teams achieved in %(year)s") % {"year": year},
        bars=[charts.Bar(str(t.indicator.label), t.total) for t in board.totals],
        chart_id="chart-indicators",
    )
    context = {
        "board": board,
        "place": _place(request.user),
        "year": year,
        "coverage_chart": coverage,
        "indicator_chart": achieved,
        "totals": {
            field: board.total(field)
            for field in ("villages", "villages_covered", "members", "collaborators", "on_time", "late", "missing")
        },
    }
    return render(request, "reports/dashboard.html", context)


@login_required
@require_GET
def commune(request, pk: int):
    place = get_object_or_404(dashboard.rollout_communes(request.user), pk=pk)
    year = _year(request)
    on = dashboard.as_of(year)
    plan, progress = dashboard.commune_plan(place, on=on)
    teams = list(dashboard.commune_teams(place))
    for team in teams:
        team.commune = place
        team.decision = dashboard.decision_number(place, team.decision_no)
    monthly = dashboard.monthly_totals(place, year=year)
    achieved = charts.bar_chart(
        title=_("What the teams of %(commune)s achieved in %(year)s") % {"commune": place.title_name, "year": year},
        bars=[charts.Bar(str(m.indicator.label), m.total) for m in monthly],
        chart_id="chart-commune-indicators",
    )
    context = {
        "commune": place,
        "year": year,
        "on": on,
        "teams": teams,
        "plan": plan,
        "progress": progress,
        "monthly": monthly,
        "months": range(1, 13),
        "indicator_chart": achieved,
    }
    return render(request, "reports/commune_rollout.html", context)


@login_required
@require_GET
def district_xlsx(request):
    _require_follower(request.user)
    year = _year(request)
    board = dashboard.district_dashboard(request.user, year=year)
    return responses.download(
        exports.as_xlsx(board, sheet_title=f"Tiến độ {year}"),
        content_type=XLSX,
        filename=_filename(request.user, year, "xlsx"),
    )


@login_required
@require_GET
def district_csv(request):
    _require_follower(request.user)
    year = _year(request)
    board = dashboard.district_dashboard(request.user, year=year)
    return responses.download(
        exports.as_csv(board),
        content_type="text/csv; charset=utf-8",
        filename=_filename(request.user, year, "csv"),
    )
