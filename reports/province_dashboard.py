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

Every figure comes from ``reports.dashboard.commune_rows``: the number of queries does not
grow with the number of communes (``tests/reports/test_dashboard_province.py`` pins that).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q

from accounts import scoping
from teams.models import Commune, District, Province, Succession, Team, Village

from .dashboard import CommuneRow, Dashboard, as_of, commune_rows, rows_totals


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


def _heirs(ceased: list[int], current: set[int]) -> tuple[dict[int, int], set[int]]:
    """({old commune: the one new commune that took it over whole}, the old communes split).

    An old commune with a part link, or links to several new communes, has no single heir:
    it is split, and keeps a row of its own. One query."""
    links: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for predecessor, successor, whole in Succession.objects.filter(predecessor__in=ceased).values_list(
        "predecessor", "successor", "whole"
    ):
        links[predecessor].append((successor, whole))
    heirs = {
        predecessor: found[0][0]
        for predecessor, found in links.items()
        if len(found) == 1 and found[0][1] and found[0][0] in current
    }
    return heirs, set(links) - set(heirs)


def _district_key(district: District | None) -> tuple[str, str, int]:
    return (district.name, district.type_word, district.pk) if district else ("", "", 0)


def province_dashboard(user, *, province: Province, year: int) -> ProvinceDashboard:
    """The communes of ``province`` (with its history) that existed in ``year``, one row each
    but for the old communes taken over whole, whose figures are in their heir's row."""
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
    shown = [pk for pk, _ in during if pk not in heirs]
    predecessors = {c.pk: c for c in Commune.objects.filter(pk__in=heirs).order_by("name", "pk")}
    merged: dict[int, list[Commune]] = defaultdict(list)
    for pk, commune in predecessors.items():
        merged[heirs[pk]].append(commune)
    visible = Commune.objects.filter(pk__in=shown).select_related("district", "place_list")
    rows = commune_rows(
        user,
        visible,
        year=year,
        on=on,
        merged=merged,
        split=frozenset(split),
    )
    # Two districts may share a name (huyện and thị xã Kỳ Anh): the type and the pk keep them apart.
    rows.sort(key=lambda row: (*_district_key(row.commune.district), row.commune.name, row.commune.pk))
    groups: list[DistrictGroup] = []
    for row in rows:
        if not groups or groups[-1].district != row.commune.district:
            groups.append(DistrictGroup(district=row.commune.district, rows=[]))
        groups[-1].rows.append(row)
    return ProvinceDashboard(year=year, on=on, rows=rows, totals=rows_totals(rows), province=province, groups=groups)


def merged_into(commune: Commune, *, year: int) -> list[Commune]:
    """The old communes ``commune`` took over whole that still existed during ``year``: their
    months before the reform are the commune's. One query."""
    whole = Succession.objects.filter(successor=commune, whole=True).values("predecessor")
    several = Succession.objects.filter(predecessor=OuterRef("pk")).exclude(successor=commune)
    return list(
        Commune.objects.filter(pk__in=whole)
        .filter(existing_during(year))
        .exclude(Exists(several))
        .order_by("name", "pk")
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
        .order_by("name", "pk")
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
