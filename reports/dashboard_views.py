"""The rollout dashboard: the district table, the province table, the national list of
provinces, one commune's detail, and the tables' exports.

Read-only pages (GET only). ``reports.dashboard.rollout_communes`` (from ``accounts.scoping``)
decides which communes a user follows: a district officer every commune of the district, a
province officer every commune of the province with its history, a national officer every
commune, a commune official their own; another commune's detail is a 404, and so is another
province's table. A team leader follows no commune: the tables and their exports are a 403
(the menu does not offer them), a commune's detail a 404. The figures come from
``reports.dashboard`` and ``reports.province_dashboard``.
"""

import hashlib

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import scoping
from accounts.models import Official
from decisions.models import Decision
from decisions.selectors import readable_decisions
from lib import responses
from lib.collation import vietnamese
from lib.page_cache import per_reader
from lib.text import ascii_int
from teams.models import Succession

from . import charts, dashboard, exports, province_dashboard

# A commune's name is a few words: a longer search is cut, not refused.
SEARCH_MAX = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    """``?year=``, or the current year when missing or not a plausible year."""
    year = ascii_int(request.GET.get("year"))
    return year if year is not None and 2000 <= year <= 2100 else timezone.localdate().year


def _pending(request) -> bool:
    """``?pending=1``: the totals count every figure filed, not only the accepted months'."""
    return request.GET.get("pending") == "1"


def _switch(request) -> str:
    """The address of this page with the other choice of ``?pending=`` (the other parameters kept)."""
    asked = request.GET.copy()
    if _pending(request):
        asked.pop("pending", None)
    else:
        asked["pending"] = "1"
    asked.pop("page", None)  # the rows do not change, but the totals do: back to the first page
    return f"?{asked.urlencode()}" if asked else "?"


def _place(user):
    """The district (district officer) or the commune the dashboard is about, or None."""
    official = scoping.official_of(user)
    return official.place if official else None


def _filename(user, year: int, extension: str) -> str:
    place = _place(user)
    return f"rollout-{place.code if place else 'none'}-{year}.{extension}"


def _require_follower(user) -> None:
    if not scoping.reads_whole_commune(user):
        raise PermissionDenied(_("The rollout dashboard is for the officials who follow a whole commune."))


def _board_context(request, board: dashboard.Dashboard) -> dict:
    """What a rollout table's page shows beside its rows: the year, the two charts, the totals,
    and the switch between the accepted months' figures and every figure filed."""
    return {
        "board": board,
        "year": board.year,
        "pending": board.pending,
        "switch": _switch(request),
        "also": "&pending=1" if board.pending else "",
        "coverage_chart": charts.with_data_first(
            title=_("Villages with an active team, of all villages, per commune"),
            bars=[charts.Bar(row.commune.title_name, row.villages_covered, row.villages) for row in board.rows],
            chart_id="chart-coverage",
        ),
        "indicator_chart": charts.with_data_first(
            title=_("What the teams achieved in %(year)s") % {"year": board.year},
            bars=[charts.Bar(str(t.indicator.label), t.total) for t in board.totals],
            chart_id="chart-indicators",
        ),
        "totals": {field: board.total(field) for field in dashboard.TOTALLED},
    }


def _with_year(response, year: int):
    response["Location"] = f"{response['Location']}?year={year}"
    return response


def _province_table(user, year: int, *, export: str = ""):
    """Since the reform the province is the tier above the commune: its officers' "Rollout"
    (and its exports) is the province's table; the national officer's, the list of provinces.
    None for everyone else, who reads the district table."""
    official = scoping.official_of(user)
    if official.role == Official.Role.PROVINCE_OFFICER:
        return _with_year(redirect(f"dashboard:province{export}", official.province_id), year)
    if official.role == Official.Role.NATIONAL_OFFICER:
        if export:
            raise PermissionDenied(_("Choose a province: its table has the exports."))
        return _with_year(redirect("dashboard:provinces"), year)
    return None


@per_reader(every_commune=True)
@login_required
@require_GET
def district(request):
    _require_follower(request.user)
    year = _year(request)
    elsewhere = _province_table(request.user, year)
    if elsewhere is not None:
        return elsewhere
    board = dashboard.district_dashboard(request.user, year=year, pending=_pending(request))
    context = {**_board_context(request, board), "place": _place(request.user)}
    return render(request, "reports/dashboard.html", context)


@per_reader(every_commune=True)
@login_required
@require_GET
def commune(request, pk: int):
    place = get_object_or_404(dashboard.rollout_communes(request.user).select_related("place_list"), pk=pk)
    year = _year(request)
    on = dashboard.as_of(year)
    plan, progress = dashboard.commune_plan(place, on=on)
    teams = list(dashboard.commune_teams(place))
    for team in teams:
        team.commune = place
        team.decision = dashboard.decision_number(place, team.decision_no)
    merged = province_dashboard.merged_into(place, year=year)
    pending = _pending(request)
    monthly = dashboard.monthly_totals(place, year=year, merged=merged, pending=pending)
    achieved = charts.with_data_first(
        title=_("What the teams of %(commune)s achieved in %(year)s") % {"commune": place.full_name, "year": year},
        bars=[charts.Bar(str(m.indicator.label), m.total) for m in monthly],
        chart_id="chart-commune-indicators",
    )
    readable = dashboard.rollout_communes(request.user)
    context = {
        "commune": place,
        "year": year,
        "on": on,
        "teams": teams,
        "plan": plan,
        "progress": progress,
        "monthly": monthly,
        "month_cells": dashboard.commune_months(place, year=year, merged=merged),
        "pending": pending,
        "switch": _switch(request),
        "merged": merged,
        "successions": Succession.objects.filter(predecessor=place, successor__in=readable)
        .select_related("successor", "reform")
        .order_by(vietnamese("successor__name")),
        "decisions": readable_decisions(request.user)
        .filter(commune=place, status=Decision.Status.ISSUED)
        .select_related("commune", "team__village", "team__commune")
        .defer("snapshot")
        .order_by("-year", "-number"),
        "months": range(1, 13),
        "indicator_chart": achieved,
        "back": _back(request.user, place),
    }
    return render(request, "reports/commune_rollout.html", context)


def _back(user, commune) -> str:
    """Where the breadcrumb's "Rollout" leads: the province table for its officers."""
    official = scoping.official_of(user)
    if official.role == Official.Role.PROVINCE_OFFICER:
        return reverse("dashboard:province", args=[official.province_id])
    if official.role == Official.Role.NATIONAL_OFFICER:
        return reverse("dashboard:provinces")
    return reverse("dashboard:district")


@login_required
@require_GET
def district_xlsx(request):
    _require_follower(request.user)
    year = _year(request)
    elsewhere = _province_table(request.user, year, export="_xlsx")
    if elsewhere is not None:
        return elsewhere
    board = dashboard.district_dashboard(request.user, year=year, pending=_pending(request))
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
    elsewhere = _province_table(request.user, year, export="_csv")
    if elsewhere is not None:
        return elsewhere
    board = dashboard.district_dashboard(request.user, year=year, pending=_pending(request))
    return responses.download(
        exports.as_csv(board),
        content_type="text/csv; charset=utf-8",
        filename=_filename(request.user, year, "csv"),
    )


# The province and the nation (since the 2025 reform) --------------------------------------


def _province_board(request, pk: int, *, paged: bool = False):
    """The table of a province the user reads (a province officer's own, any for a national
    officer), or 404 for anyone else: the page ``?page=`` asks for, or every row."""
    province = get_object_or_404(scoping.readable_provinces(request.user), pk=pk)
    year = _year(request)
    page = request.GET.get("page", 1) if paged else None
    district = ascii_int(request.GET.get("district")) if paged else None
    search = request.GET.get("q", "")[:SEARCH_MAX] if paged else ""
    return province_dashboard.province_dashboard(
        request.user,
        province=province,
        year=year,
        page=page,
        district=district,
        search=search,
        pending=_pending(request),
    )


def _table_key(request, province) -> str:
    """The cache key of a province's table as ``request`` asks for it: the same user (what
    they read), language, day and query string (year, page, district, name) find it again."""
    asked = sorted(request.GET.lists())
    table = repr((request.user.pk, province.pk, get_language(), timezone.localdate(), asked))
    return f"province-table:{hashlib.sha256(table.encode()).hexdigest()}"


@login_required
@require_GET
def province(request, pk: int):
    """The province's table. Counting its rows and totals takes tens of milliseconds at a
    province's scale; like its totals (``province_dashboard.cached_figures``), the rendered
    table is reused for ``FIGURES_SECONDS`` by the same user, and the page says when it was
    counted. Who may read the province is checked on every request."""
    province = get_object_or_404(scoping.readable_provinces(request.user), pk=pk)
    key = _table_key(request, province)
    table = cache.get(key)
    if table is None:
        board = _province_board(request, pk, paged=True)
        context = {
            **_board_context(request, board),
            "page_obj": board.page,
            "figures_minutes": province_dashboard.FIGURES_SECONDS // 60,
            "province": board.province,
            "national": scoping.role_of(request.user) == Official.Role.NATIONAL_OFFICER,
        }
        table = render_to_string("reports/province_dashboard.html", context, request)
        cache.set(key, table, province_dashboard.FIGURES_SECONDS)
    return render(request, "reports/province_dashboard_page.html", {"province": province, "table": table})


@login_required
@require_GET
def province_xlsx(request, pk: int):
    board = _province_board(request, pk)
    return responses.download(
        exports.as_xlsx(board, sheet_title=f"Tiến độ {board.year}"),
        content_type=XLSX,
        filename=f"rollout-province-{board.province.code}-{board.year}.xlsx",
    )


@login_required
@require_GET
def province_csv(request, pk: int):
    board = _province_board(request, pk)
    return responses.download(
        exports.as_csv(board),
        content_type="text/csv; charset=utf-8",
        filename=f"rollout-province-{board.province.code}-{board.year}.csv",
    )


@login_required
@require_GET
def provinces(request):
    if scoping.role_of(request.user) != Official.Role.NATIONAL_OFFICER:
        raise PermissionDenied(_("The list of provinces is for the national officers."))
    year = _year(request)
    # Counting every commune of the country takes a few hundred milliseconds: the list is
    # reused for FIGURES_SECONDS, like a province's table, and says when it was counted.
    key = f"provinces:{request.user.pk}:{year}:{timezone.localdate().isoformat()}"
    rows, counted_at = cache.get(key) or (None, None)
    if rows is None:
        rows, counted_at = province_dashboard.provinces_at_a_glance(request.user, year=year), timezone.now()
        cache.set(key, (rows, counted_at), province_dashboard.FIGURES_SECONDS)
    context = {
        "rows": rows,
        "year": year,
        "counted_at": counted_at,
        "figures_minutes": province_dashboard.FIGURES_SECONDS // 60,
    }
    return render(request, "reports/provinces.html", context)
