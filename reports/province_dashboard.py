"""Reads for the province's rollout dashboard (since the 2025 reform) and the national list.

A province officer (Sở Khoa học và Công nghệ) follows every commune of the province with
its history (``accounts.scoping.province_communes``); a national officer every province.
For a chosen year the table holds the communes that existed in it: before the reform the
old communes, grouped by district as the district office saw them; from the reform's year
on, the province's new communes. A new commune's months before the reform are those of the
old communes it took over whole (their figures are added to its row). An old commune split
between several new communes has no single heir: its figures of the year stay on a row of
its own, marked as split, and are counted nowhere else; so do those of an old commune the
conversion table does not name (its list ended with the reform, no heir is recorded).

A province has up to a few hundred communes: the page shows them ``PAGE_SIZE`` at a time, in
the order of the whole table (by district, then by name), and the province's totals are
counted in the database over every commune of the year (``province_figures``), not summed
from the page's rows. The exports take every row. Every row's figures come from
``reports.dashboard.commune_rows``: the number of queries does not grow with the number of
communes (``tests/reports/test_dashboard_province_queries.py`` pins that).
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Sum
from django.utils import timezone

from accounts import scoping
from lib.collation import sort_key, vietnamese
from lib.text import has_syllables, search_syllables
from teams.models import Collaborator, Commune, District, Membership, Province, Succession, Team, Village

from .dashboard import (
    CommuneRow,
    Dashboard,
    IndicatorTotal,
    as_of,
    commune_rows,
    count_of,
    indicator_sums,
    latest_reports_counted,
    place_days,
    place_months,
    row_months,
    rows_totals,
    sum_totals,
)

PAGE_SIZE = 50
# How long a page's totals of the whole table may be reused (``cached_figures``).
FIGURES_SECONDS = 300


def _list_in_force(prefix: str, *, on: datetime.date) -> Q:
    """The places of a list in force on ``on`` (``prefix`` leads to the list from the model)."""
    return (Q(**{f"{prefix}in_force_from__isnull": True}) | Q(**{f"{prefix}in_force_from__lte": on})) & (
        Q(**{f"{prefix}in_force_until__isnull": True}) | Q(**{f"{prefix}in_force_until__gt": on})
    )


def existing_on(day: datetime.date, *, prefix: str = "") -> Q:
    """Communes that exist on ``day``: their list is in force and no reform ended them yet."""
    return _list_in_force(f"{prefix}place_list__", on=day) & (
        Q(**{f"{prefix}ceased_on__isnull": True}) | Q(**{f"{prefix}ceased_on__gt": day})
    )


def existing_during(year: int) -> Q:
    """Communes that existed on at least one day of ``year``."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    began = Q(place_list__in_force_from__isnull=True) | Q(place_list__in_force_from__lte=last)
    list_ended = Q(place_list__in_force_until__isnull=True) | Q(place_list__in_force_until__gt=first)
    ceased = Q(ceased_on__isnull=True) | Q(ceased_on__gt=first)
    return began & list_ended & ceased


@dataclass(frozen=True)
class DistrictGroup:
    district: District | None  # None: the communes of a list without districts
    rows: list[CommuneRow]


@dataclass(frozen=True)
class ProvinceDashboard(Dashboard):
    province: Province
    groups: list[DistrictGroup]
    # One page of the table (``rows`` are its rows) with the totals of every commune of the
    # year counted apart; None when ``rows`` are the whole table (the exports).
    page: Page | None = None
    figures: dict[str, int] | None = None
    # The districts of the year's communes, (pk, name), and the one the table is limited to.
    districts: list[tuple[int, str]] = field(default_factory=list)
    district: int | None = None
    search: str = ""  # the words the table is limited to, folded
    counted_at: datetime.datetime | None = None  # when the totals of a page were counted

    def total(self, field: str) -> int:
        return self.figures[field] if self.figures is not None else super().total(field)

    @property
    def row_count(self) -> int:
        return self.page.paginator.count if self.page is not None else len(self.rows)


def _heirs(ceased: list[int], current: set[int]) -> tuple[dict[int, int], set[int]]:
    """({old commune: the one new commune that took it over whole}, the old communes split).

    An old commune with a part link, or links to several new communes, has no single heir:
    it is split, and keeps a row of its own. One query."""
    links: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for predecessor, successor, whole in (
        Succession.objects.filter(predecessor__in=ceased).order_by().values_list("predecessor", "successor", "whole")
    ):
        links[predecessor].append((successor, whole))
    heirs = {
        predecessor: found[0][0]
        for predecessor, found in links.items()
        if len(found) == 1 and found[0][1] and found[0][0] in current
    }
    return heirs, set(links) - set(heirs)


@dataclass(frozen=True)
class Listed:
    """A row of the table before it is built: enough to order, page and filter it."""

    pk: int
    name: str
    district: int | None
    district_name: str

    def matches(self, words: list[str]) -> bool:
        """Each of ``words`` (folded) begins a syllable of the name: "duc tho" finds "Đức Thọ",
        "tho" finds it too, "ho" does not."""
        return has_syllables(self.name, words)


def _in_order(shown: list[int]) -> list[Listed]:
    """``shown`` in the table's order: by district (two districts may share a name, huyện and
    thị xã Kỳ Anh: the type and the pk keep them apart), then by name, in Vietnamese order. One query."""
    keyed = Commune.objects.filter(pk__in=shown).values_list(
        "pk", "name", "district", "district__name", "district__type_word"
    )
    ordered = sorted(keyed, key=lambda c: (sort_key(c[3] or ""), c[4] or "", c[2] or 0, sort_key(c[1]), c[0]))
    return [
        Listed(
            pk=pk,
            name=name,
            district=district,
            district_name=District(name=district_name, type_word=word).title_name if district else "",
        )
        for pk, name, district, district_name, word in ordered
    ]


def province_dashboard(
    user,
    *,
    province: Province,
    year: int,
    page: int | str | None = None,
    district: int | None = None,
    search: str = "",
    pending: bool = False,
) -> ProvinceDashboard:
    """The communes of ``province`` (with its history) that existed in ``year``, one row each
    but for the old communes taken over whole, whose figures are in their heir's row.

    With ``page`` (a page number, as the address gives it), only that page's rows are built
    and the totals are counted over the whole table; without it every row (the exports).
    With ``district``, only the communes of that district (before the reform), with its totals;
    with ``search``, only the communes whose name has syllables beginning with its words.
    The indicator totals are those of the months the supervisor accepted, or of every figure
    filed with ``pending``."""
    on = as_of(year)
    end = datetime.date(year, 12, 31)
    # The province's communes, for a user who reads the province (its officer, a national officer).
    readable = Exists(scoping.readable_provinces(user).filter(pk=province.pk))
    lineage = scoping.province_communes(province.pk).filter(readable)
    during = list(
        lineage.filter(existing_during(year))
        .annotate(current=ExpressionWrapper(existing_on(end), output_field=BooleanField()))
        .values_list("pk", "current")
        .order_by()
    )
    current = {pk for pk, now in during if now}
    ceased = [pk for pk, now in during if not now]
    heirs, split = _heirs(ceased, current)
    listed = _in_order([pk for pk, _ in during if pk not in heirs])
    districts = list(dict.fromkeys((item.district, item.district_name) for item in listed if item.district))
    if district is not None:
        listed = [item for item in listed if item.district == district]
    words = search_syllables(search)
    if words:
        listed = [item for item in listed if item.matches(words)]
    order = [item.pk for item in listed]
    paged = Paginator(order, PAGE_SIZE).get_page(page) if page is not None else None
    chosen = set(paged.object_list) if paged is not None else set(order)
    predecessors = Commune.objects.filter(pk__in=[pk for pk, heir in heirs.items() if heir in chosen])
    merged: dict[int, list[Commune]] = defaultdict(list)
    for commune in predecessors.order_by(vietnamese("name"), "pk"):
        merged[heirs[commune.pk]].append(commune)
    visible = Commune.objects.filter(pk__in=chosen).select_related("district", "place_list")
    rows = commune_rows(user, visible, year=year, on=on, merged=merged, split=frozenset(split), pending=pending)
    position = {pk: i for i, pk in enumerate(order)}
    rows.sort(key=lambda row: position[row.commune.pk])
    groups: list[DistrictGroup] = []
    for row in rows:
        if not groups or groups[-1].district != row.commune.district:
            groups.append(DistrictGroup(district=row.commune.district, rows=[]))
        groups[-1].rows.append(row)
    counted_at = None
    if paged is None:
        totals, figures = rows_totals(rows), None
    else:
        kept = set(order)
        folded = {pk: heir for pk, heir in heirs.items() if heir in kept}
        figures, totals, counted_at = cached_figures(
            user, shown=order, folded=folded, year=year, on=on, pending=pending
        )
    return ProvinceDashboard(
        year=year,
        on=on,
        rows=rows,
        totals=totals,
        province=province,
        groups=groups,
        page=paged,
        figures=figures,
        districts=districts,
        district=district,
        search=" ".join(words),
        counted_at=counted_at,
        pending=pending,
    )


def cached_figures(
    user, *, shown: list[int], folded: dict[int, int], year: int, on: datetime.date, pending: bool = False
) -> tuple[dict[str, int], list[IndicatorTotal], datetime.datetime]:
    """``province_figures``, counted at most every ``FIGURES_SECONDS`` for the same user and
    the same table (its communes, year and day), and when they were counted.

    Counting a province's year takes tens of milliseconds (every report value of the year);
    a supervisor's totals may lag a few minutes, as analytics tables do in DHIS2, while each
    page's rows are counted afresh."""
    table = hashlib.sha256(repr((user.pk, year, on, shown, sorted(folded.items()), pending)).encode()).hexdigest()
    key = f"province-figures:{table}"
    found = cache.get(key)
    if found is None:
        figures, totals = province_figures(user, shown=shown, folded=folded, year=year, on=on, pending=pending)
        found = (figures, totals, timezone.now())
        cache.set(key, found, FIGURES_SECONDS)
    return found


def province_figures(
    user, *, shown: list[int], folded: dict[int, int], year: int, on: datetime.date, pending: bool = False
) -> tuple[dict[str, int], list[IndicatorTotal]]:
    """The totals of the whole table, counted in the database: the villages, members and
    collaborators of the communes ``shown`` (as they stand today, as their rows count them),
    the reports of their latest periods, the state of their months and the year's indicators
    (accepted only, unless ``pending``) of every commune counted: the rows' and the
    predecessors ``folded`` into them ({old commune: its heir}). Eight queries."""
    counted = [*shown, *folded]
    # Filters by the ids themselves, not by a subquery on communes, which PostgreSQL would scan
    # whole; members are counted team by team (an index probe each) for the same reason.
    live = Team.objects.filter(status=Team.Status.ACTIVE, commune__in=shown).order_by()
    villages = Village.objects.filter(commune__in=shown).aggregate(
        villages=Count("pk"),
        villages_covered=Count(
            "pk", filter=Q(Exists(Team.objects.filter(status=Team.Status.ACTIVE, village=OuterRef("pk"))))
        ),
    )
    people = live.aggregate(
        members=Sum(count_of(Membership.objects.filter(team=OuterRef("pk"), end_date=None), of="team")),
        collaborators=Sum(count_of(Collaborator.objects.filter(team=OuterRef("pk"), left_on=None), of="team")),
    )
    figures = {
        **villages,
        **{field: total or 0 for field, total in people.items()},
        **latest_reports_counted(user, year=year, on=on, communes=shown),
        **_months_counted(shown, folded, year=year),
    }
    sums = indicator_sums(counted, year=year, pending=pending)
    return figures, sum_totals(sums.by_commune.values(), sums.definitions)


def _months_counted(shown: list[int], folded: dict[int, int], *, year: int) -> dict[str, int]:
    """The months of the rows ``shown`` (each with its old communes ``folded`` in), added up."""
    states = place_months(place_days([*shown, *folded]), year=year, today=timezone.localdate())
    places: dict[int, list[int]] = {pk: [pk] for pk in shown}
    for old, heir in folded.items():
        places[heir].append(old)
    counted = [row_months(states, row) for row in places.values()]
    return {
        f"months_{state}": sum(getattr(months, state) for months in counted)
        for state in ("accepted", "pending", "returned", "missing")
    }


def merged_into(commune: Commune, *, year: int) -> list[Commune]:
    """The old communes ``commune`` took over whole that still existed during ``year``: their
    months before the reform are the commune's. One query."""
    whole = Succession.objects.filter(successor=commune, whole=True).values("predecessor")
    several = Succession.objects.filter(predecessor=OuterRef("pk")).exclude(successor=commune)
    return list(
        Commune.objects.filter(pk__in=whole)
        .filter(existing_during(year))
        .exclude(Exists(several))
        .order_by(vietnamese("name"), "pk")
    )


# The national list -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceRow:
    province: Province
    communes: int
    commune_teams: int  # communes with an active commune team
    villages: int
    villages_covered: int


def provinces_at_a_glance(user, *, year: int) -> list[ProvinceRow]:
    """Per province of the list in force at the end of ``year``: its communes then, and today's
    commune teams and villages covered. Three queries, whatever the number of provinces."""
    end = datetime.date(year, 12, 31)
    communes = Commune.objects.filter(existing_on(end), province__in=scoping.readable_provinces(user))
    provinces = list(
        Province.objects.filter(_list_in_force("place_list__", on=end))
        .filter(pk__in=scoping.readable_provinces(user).values("pk"))
        .annotate(commune_count=Count("communes", filter=existing_on(end, prefix="communes__")))
        .order_by(vietnamese("name"), "pk")
    )
    live = Team.objects.filter(status=Team.Status.ACTIVE)
    teams = dict(
        live.filter(level=Team.Level.COMMUNE, commune__in=communes)
        .order_by()
        .values("commune__province")
        .annotate(n=Count("commune", distinct=True))
        .values_list("commune__province", "n")
    )
    villages = {
        province: (n, covered)
        for province, n, covered in Village.objects.filter(commune__in=communes)
        .order_by()
        .values("commune__province")
        .annotate(
            n=Count("pk"),
            covered=Count("pk", filter=Q(Exists(live.filter(village=OuterRef("pk"))))),
        )
        .values_list("commune__province", "n", "covered")
    }
    return [
        ProvinceRow(
            province=province,
            communes=province.commune_count,
            commune_teams=teams.get(province.pk, 0),
            villages=villages.get(province.pk, (0, 0))[0],
            villages_covered=villages.get(province.pk, (0, 0))[1],
        )
        for province in provinces
    ]
