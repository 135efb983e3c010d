"""Reads for the rollout dashboard: every commune a user reads, one row each, and one commune's detail.

The district office follows each commune against its plan (DOMAIN.md, "Rollout"): is the
commune team set up, since when and by which decision, how many villages have a team,
who serves in them, whether the teams report on time, what they achieved over the year,
and where the plan stands. Every figure is counted in the database (subqueries per commune,
``Sum`` grouped by commune and indicator), so the page costs the same number of queries for
3 communes as for 30 (``tests/reports/test_dashboard_queries.py`` pins that).

Teams, villages, members and collaborators are counted as they stand today; reports and
indicator totals are those of the chosen ``year``; the plan is measured on the last day of
that year, or today if sooner.
"""

import datetime
import enum
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from accounts import scoping
from decisions.models import Decision
from documents.formatting import number_symbol
from documents.models import DocumentType
from lib.collation import vietnamese
from teams.models import Collaborator, Commune, Membership, Plan, Team, Village

from . import indicator_sets, selectors
from .models import IndicatorDefinition, ReportingPeriod, ReportValue, TeamReport, due_on
from .selectors import IndicatorTotal, PhaseProgress


def count_of(queryset: QuerySet, *, of: str) -> Coalesce:
    """A correlated ``COUNT(*)`` of ``queryset`` grouped by ``of``, 0 when it has no row."""
    counted = queryset.order_by().values(of).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def _establish_decision(team_ref: str) -> QuerySet[Decision]:
    """The issued decision that set up the team ``team_ref`` points to (its latest, if several)."""
    return Decision.objects.filter(
        team=OuterRef(team_ref), kind=Decision.Kind.ESTABLISH, status=Decision.Status.ISSUED
    ).order_by("-issued_on", "-pk")


def decision_number(commune: Commune, number: int | None) -> str:
    """ "171/QĐ-UBND" from the number alone (the symbol is the commune's), or ""."""
    if not number:
        return ""
    return number_symbol(number=number, symbol=f"{DocumentType.DECISION}-{commune.body_abbreviation}")


def _totals(
    definitions: list[IndicatorDefinition], sums: dict[str, int], reported: dict[str, int] | None = None
) -> list[IndicatorTotal]:
    """Every indicator's total; ``reported`` counts the places (rows) that gave it a figure,
    each place of ``sums`` by default: an indicator no place gave is "no figure", not 0."""
    if reported is None:
        reported = dict.fromkeys(sums, 1)
    return [
        IndicatorTotal(indicator=d, total=sums.get(d.code, 0), reported=reported.get(d.code, 0)) for d in definitions
    ]


def as_of(year: int) -> datetime.date:
    """The day the plan is measured for ``year``: its last day, or today if sooner."""
    return min(timezone.localdate(), datetime.date(year, 12, 31))


# The district table ---------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneRow:
    commune: Commune
    team_status: str | None  # the live commune team's Team.Status, None without one
    established_on: datetime.date | None
    decision: str  # the establish decision's number and symbol, "" if none issued
    villages: int
    villages_covered: int
    members: int
    collaborators: int
    period: ReportingPeriod | None  # the latest period of the year that is closed or under way
    on_time: int
    late: int
    missing: int
    totals: list[IndicatorTotal]
    plan: Plan | None
    phase: PhaseProgress | None  # the plan's current phase
    # Since a reform: the whole predecessors whose figures of the year are counted in this row,
    # and, for a predecessor split between new communes, that its figures stand apart.
    merged: tuple[Commune, ...] = ()
    split: bool = False
    months: "MonthCounts | None" = None  # the year's months, as the supervisor sees them

    @property
    def months_accepted(self) -> int:
        return self.months.accepted if self.months else 0

    @property
    def months_pending(self) -> int:
        return self.months.pending if self.months else 0

    @property
    def months_returned(self) -> int:
        return self.months.returned if self.months else 0

    @property
    def months_missing(self) -> int:
        return self.months.missing if self.months else 0


# The figures of a row that the table totals.
TOTALLED = (
    "villages",
    "villages_covered",
    "members",
    "collaborators",
    "on_time",
    "late",
    "missing",
    "months_accepted",
    "months_pending",
    "months_returned",
    "months_missing",
)


@dataclass(frozen=True)
class Dashboard:
    year: int
    on: datetime.date
    rows: list[CommuneRow]
    totals: list[IndicatorTotal]  # the district's: the sum of its communes'
    # The totals count every figure filed, not only those of the months the supervisor accepted.
    pending: bool = field(default=False, kw_only=True)

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def row_count(self) -> int:
        """The rows of the whole table (a paged table shows fewer)."""
        return len(self.rows)


def _owing_since() -> Subquery:
    """The day from which a commune's active teams owe reports (the earliest set up; a team
    without a date owes every month), None without an active team."""
    earliest = (
        Team.objects.filter(commune=OuterRef("pk"), status=Team.Status.ACTIVE)
        .order_by()
        .values("commune")
        .annotate(since=Min(Coalesce("established_on", Value(datetime.date.min))))
        .values("since")
    )
    return Subquery(earliest[:1])


def communes_at_a_glance(communes: QuerySet[Commune]) -> QuerySet[Commune]:
    """``communes``, each with its villages, coverage, members, collaborators, commune team,
    its list (``place_list``) and ``owing_since`` (``_owing_since``)."""
    live = Q(status=Team.Status.ACTIVE)
    # At most one commune team is live (a database constraint); no ordering, no joins.
    commune_team = (
        Team.objects.filter(commune=OuterRef("pk"), level=Team.Level.COMMUNE)
        .exclude(status=Team.Status.DISSOLVED)
        .order_by()
    )
    return communes.annotate(
        village_count=count_of(Village.objects.filter(commune=OuterRef("pk")), of="commune"),
        covered_count=count_of(
            Village.objects.filter(commune=OuterRef("pk")).filter(
                Exists(Team.objects.filter(live, village=OuterRef("pk")))
            ),
            of="commune",
        ),
        member_count=count_of(
            Membership.objects.filter(team__commune=OuterRef("pk"), team__status=Team.Status.ACTIVE, end_date=None),
            of="team__commune",
        ),
        collaborator_count=count_of(
            Collaborator.objects.filter(team__commune=OuterRef("pk"), team__status=Team.Status.ACTIVE, left_on=None),
            of="team__commune",
        ),
        team_status=Subquery(commune_team.values("status")[:1]),
        team_since=Subquery(commune_team.values("established_on")[:1]),
        team_decision=Subquery(
            commune_team.annotate(number=Subquery(_establish_decision("pk").values("number")[:1])).values("number")[:1]
        ),
        owing_since=_owing_since(),
    ).order_by(vietnamese("name"), "pk")


def _latest_periods(
    user, *, year: int, on: datetime.date, communes: QuerySet[Commune] | list[int] | None = None
) -> QuerySet[ReportingPeriod]:
    begun = Q(closed_at__isnull=False) | Q(year__lt=on.year) | Q(year=on.year, month__lte=on.month)
    latest = (
        ReportingPeriod.objects.filter(begun, commune=OuterRef("commune"), year=year)
        .order_by("-month")
        .values("pk")[:1]
    )
    periods = selectors.period_list(user).filter(year=year, pk=Subquery(latest))
    return periods.filter(commune__in=communes) if communes is not None else periods


def latest_periods(
    user, *, year: int, on: datetime.date, communes: QuerySet[Commune] | list[int] | None = None
) -> dict[int, ReportingPeriod]:
    """Per commune (of ``communes``, else of all the user reads), its latest period of ``year``
    that is closed or has begun by ``on``, with ``selectors.period_list``'s on-time, late and
    missing counts. One query."""
    return {period.commune_id: period for period in _latest_periods(user, year=year, on=on, communes=communes)}


def latest_reports_counted(user, *, year: int, on: datetime.date, communes: list[int]) -> dict[str, int]:
    """The on-time, late and missing reports of the latest periods of ``communes`` (as
    ``latest_periods`` counts them), added up in the database. One query."""
    counted = _latest_periods(user, year=year, on=on, communes=communes).order_by()
    sums = counted.aggregate(on_time=Sum("filed_count"), late=Sum("late_count"), missing=Sum("missing_count"))
    return {field: total or 0 for field, total in sums.items()}


# The months of a year, as the supervisor sees them -----------------------------------------


class MonthState(enum.IntEnum):
    """Where a commune's month stands, the least advanced first: a month of several places
    (a new commune and the old communes it took over) stands where its least advanced place does."""

    MISSING = 0  # its reports were due (the 5th of the next month) and the commune sent nothing up
    RETURNED = 1  # the supervisor sent it back, or reopened it
    UNDER_WAY = 2  # not yet due, and not yet approved
    PENDING = 3  # the chairman approved it: it waits for the supervisor
    ACCEPTED = 4  # the supervisor accepted it: locked


PERIOD_STATES = {
    ReportingPeriod.Status.ACCEPTED: MonthState.ACCEPTED,
    ReportingPeriod.Status.APPROVED: MonthState.PENDING,
    ReportingPeriod.Status.SENT_BACK: MonthState.RETURNED,
}


@dataclass(frozen=True)
class MonthCounts:
    """How many months of a year a commune (its row) has accepted, pending, returned, missing."""

    accepted: int = 0
    pending: int = 0
    returned: int = 0
    missing: int = 0

    @classmethod
    def of(cls, states: Iterable[MonthState]) -> "MonthCounts":
        counted = Counter(states)
        return cls(
            accepted=counted[MonthState.ACCEPTED],
            pending=counted[MonthState.PENDING],
            returned=counted[MonthState.RETURNED],
            missing=counted[MonthState.MISSING],
        )


@dataclass(frozen=True)
class PlaceDays:
    """What decides which months a commune owes: the days its list was in force, the day it
    ceased, and the day from which its active teams owe reports (``_owing_since``)."""

    pk: int
    list_from: datetime.date | None
    list_until: datetime.date | None
    ceased_on: datetime.date | None
    owing_since: datetime.date | None

    @classmethod
    def of(cls, commune: Commune) -> "PlaceDays":
        """From a commune of ``communes_at_a_glance`` (its list and ``owing_since`` loaded)."""
        return cls(
            pk=commune.pk,
            list_from=commune.place_list.in_force_from,
            list_until=commune.place_list.in_force_until,
            ceased_on=commune.ceased_on,
            owing_since=commune.owing_since,
        )

    def existed(self, on: datetime.date) -> bool:
        return (
            (self.list_from is None or self.list_from <= on)
            and (self.list_until is None or self.list_until > on)
            and (self.ceased_on is None or self.ceased_on > on)
        )


def place_days(communes: Iterable[int]) -> list[PlaceDays]:
    """``PlaceDays`` of the communes ``communes`` (ids). One query, none without ids."""
    ids = list(communes)
    if not ids:
        return []
    rows = (
        Commune.objects.filter(pk__in=ids)
        .annotate(owing_since=_owing_since())
        .values_list("pk", "place_list__in_force_from", "place_list__in_force_until", "ceased_on", "owing_since")
    )
    return [PlaceDays(*row) for row in rows]


def place_months(places: Iterable[PlaceDays], *, year: int, today: datetime.date) -> dict[int, dict[int, MonthState]]:
    """{commune id: {month: its state}} for the months of ``year`` begun by ``today``. One query.

    A month with a period stands as the period does (an open one is missing once its reports
    were due, under way before). A month without one counts only when the commune existed on
    its first day and had a team owing a report for it (``selectors.owes_report``): then it is
    missing once due. A month nobody owed is not counted at all."""
    places = list(places)
    periods: dict[tuple[int, int], tuple[str, datetime.date]] = {
        (commune, month): (status, due)
        for commune, month, status, due in ReportingPeriod.objects.filter(
            commune__in=[place.pk for place in places], year=year
        )
        .order_by()
        .values_list("commune", "month", "status", "due_on")
    }
    begun = [month for month in range(1, 13) if datetime.date(year, month, 1) <= today]
    states: dict[int, dict[int, MonthState]] = {}
    for place in places:
        months = states[place.pk] = {}
        since = place.owing_since
        for month in begun:
            first = datetime.date(year, month, 1)
            found = periods.get((place.pk, month))
            if found is not None:
                status, due = found
                if status in PERIOD_STATES:
                    months[month] = PERIOD_STATES[status]
                    continue
            elif not (place.existed(first) and since and since <= _last_day(first)):
                continue
            else:
                due = due_on(year, month)
            months[month] = MonthState.MISSING if due < today else MonthState.UNDER_WAY
    return states


def _last_day(first: datetime.date) -> datetime.date:
    return due_on(first.year, first.month).replace(day=1) - datetime.timedelta(days=1)


def row_months(states: dict[int, dict[int, MonthState]], places: Iterable[int]) -> MonthCounts:
    """The months of a row made of ``places`` (a commune and the old communes folded into it):
    each month stands where its least advanced place does."""
    by_month: dict[int, MonthState] = {}
    for place in places:
        for month, state in states.get(place, {}).items():
            by_month[month] = min(state, by_month.get(month, state))
    return MonthCounts.of(by_month.values())


def accepted_only(reports: QuerySet, *, pending: bool, prefix: str = "report__") -> QuerySet:
    """``reports`` (or their values, through ``prefix``) of the months the supervisor accepted,
    unless ``pending`` asks for every figure filed."""
    if pending:
        return reports
    return reports.filter(**{f"{prefix}period__status": ReportingPeriod.Status.ACCEPTED})


@dataclass(frozen=True)
class IndicatorSums:
    """The indicators of the reports counted (``indicator_sets.columns``) and, per commune,
    each one's figure of the year, rolled up as its definition says."""

    definitions: list[IndicatorDefinition]
    by_commune: dict[int, dict[str, int]]


def indicator_sums(communes: QuerySet[Commune] | list[int], *, year: int, pending: bool = False) -> IndicatorSums:
    """{commune id: {indicator code: the year's figure}} and the indicators of the year's
    reports, in two queries (the figures grouped by commune, indicator and month). Only the
    figures of the months the supervisor accepted, unless ``pending``; the indicators are
    those of every report of the year either way (the columns do not move with the switch)."""
    definitions = indicator_sets.columns(TeamReport.objects.filter(period__commune__in=communes, period__year=year))
    rollups = {d.code: d.rollup for d in definitions}
    values = ReportValue.objects.filter(report__period__commune__in=communes, report__period__year=year)
    grouped = (
        accepted_only(values, pending=pending)
        .order_by()
        .values("report__period__commune", "indicator", "report__period__month")
        .annotate(total=Sum("value"), highest=Max("value"))
        .values_list("report__period__commune", "indicator", "report__period__month", "total", "highest")
    )
    months: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for commune_id, code, month, total, highest in grouped:
        figure = indicator_sets.of_month(rollups.get(code, SUM), total=total, highest=highest)
        if figure is not None:  # None: no team gave this figure (not reported)
            months[commune_id, code][month] = figure
    sums: dict[int, dict[str, int]] = defaultdict(dict)
    for (commune_id, code), figures in months.items():
        sums[commune_id][code] = indicator_sets.over_months(rollups.get(code, SUM), figures)
    return IndicatorSums(definitions=definitions, by_commune=sums)


SUM = IndicatorDefinition.Rollup.SUM


def latest_plans(communes: QuerySet[Commune], *, on: datetime.date) -> dict[int, Plan]:
    """Per commune, its latest plan issued by ``on``, phases prefetched. Two queries."""
    latest = (
        Plan.objects.filter(commune=OuterRef("commune"), issued_on__lte=on).order_by("-issued_on", "-pk").values("pk")
    )
    plans = Plan.objects.filter(commune__in=communes, pk=Subquery(latest[:1])).prefetch_related("phases")
    return {plan.commune_id: plan for plan in plans}


def plans_progress(plans: list[Plan], *, on: datetime.date) -> dict[int, list[PhaseProgress]]:
    """``selectors.plan_progress`` for many plans (phases prefetched) in one coverage query.

    The statuses come from the same rules (``selectors.covering_on`` and the phase status
    of ``selectors``); only the counting is grouped by commune instead of one query a plan.
    """
    days = sorted({min(on, phase.ends_on) for plan in plans for phase in plan.phases.all()})
    if not days:
        return {plan.pk: [] for plan in plans}
    aggregates = {}
    for i, day in enumerate(days):
        covering = selectors.covering_on(day)
        aggregates[f"commune_{i}"] = Count("pk", filter=covering & Q(level=Team.Level.COMMUNE))
        aggregates[f"villages_{i}"] = Count("village", distinct=True, filter=covering & Q(level=Team.Level.VILLAGE))
    counted = {
        row["commune"]: row
        for row in Team.objects.filter(commune__in=[plan.commune_id for plan in plans])
        .order_by()
        .values("commune")
        .annotate(**aggregates)
    }
    index = {day: i for i, day in enumerate(days)}
    progress = {}
    for plan in plans:
        counts = counted.get(plan.commune_id, {})
        steps = []
        for phase in sorted(plan.phases.all(), key=lambda p: p.order):
            day = min(on, phase.ends_on)
            commune_team = counts.get(f"commune_{index[day]}", 0) > 0
            villages = counts.get(f"villages_{index[day]}", 0)
            status = selectors.phase_status(phase, on=on, commune_team=commune_team, villages=villages)
            steps.append(
                PhaseProgress(phase=phase, status=status, counted_on=day, commune_team=commune_team, villages=villages)
            )
        progress[plan.pk] = steps
    return progress


def current_phase(progress: list[PhaseProgress], *, on: datetime.date) -> PhaseProgress | None:
    """The phase under way on ``on``; else the last one begun; else the first."""
    if not progress:
        return None
    begun = [p for p in progress if p.phase.starts_on <= on]
    under_way = [p for p in begun if on <= p.phase.ends_on]
    if under_way:
        return under_way[0]
    return begun[-1] if begun else progress[0]


def rollout_communes(user) -> QuerySet[Commune]:
    """The communes whose rollout ``user`` follows: those they read as a whole (a district
    officer: the district's; a commune official: their own). None for a team leader: a
    commune's coverage, reports and plan are not one team's to read."""
    if not scoping.reads_whole_commune(user):
        return Commune.objects.none()
    return scoping.visible_communes(user)


def commune_rows(
    user,
    visible: QuerySet[Commune],
    *,
    year: int,
    on: datetime.date,
    merged: dict[int, list[Commune]] | None = None,
    split: frozenset[int] = frozenset(),
    pending: bool = False,
) -> list[CommuneRow]:
    """One row per commune of ``visible``, in eight queries whatever their number (two more
    with ``merged``: the old communes' days).

    ``merged`` maps a commune to the whole predecessors a reform formed it from: their reports
    of the year are added to its totals (they are not rows of their own), and their months
    to its months. ``split`` names the communes shown apart because a reform divided them
    between new communes. The indicator totals are those of the accepted months, or of
    every figure filed with ``pending``.
    """
    merged = merged or {}
    communes = list(communes_at_a_glance(visible).select_related("place_list"))
    periods = latest_periods(user, year=year, on=on, communes=visible)
    folded = [predecessor.pk for predecessors in merged.values() for predecessor in predecessors]
    summed = Commune.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=folded)) if folded else visible
    counted = indicator_sums(summed, year=year, pending=pending)
    sums, definitions = counted.by_commune, counted.definitions
    known = [PlaceDays.of(commune) for commune in communes]
    states = place_months([*known, *place_days(folded)], year=year, today=timezone.localdate())
    rollups = {d.code: d.rollup for d in definitions}
    plans = latest_plans(visible, on=on)
    progress = plans_progress(list(plans.values()), on=on)
    rows = []
    for commune in communes:
        period = periods.get(commune.pk)
        plan = plans.get(commune.pk)
        predecessors = tuple(merged.get(commune.pk, ()))
        by_place: dict[str, list[int]] = defaultdict(list)
        for place in (commune, *predecessors):
            for code, total in sums.get(place.pk, {}).items():
                by_place[code].append(total)
        commune_sums = {
            code: indicator_sets.over_places(rollups.get(code, SUM), figures) for code, figures in by_place.items()
        }
        rows.append(
            CommuneRow(
                commune=commune,
                team_status=commune.team_status,
                established_on=commune.team_since,
                decision=decision_number(commune, commune.team_decision),
                villages=commune.village_count,
                villages_covered=commune.covered_count,
                members=commune.member_count,
                collaborators=commune.collaborator_count,
                period=period,
                on_time=period.filed_count if period else 0,
                late=period.late_count if period else 0,
                missing=period.missing_count if period else 0,
                totals=_totals(definitions, commune_sums),
                plan=plan,
                phase=current_phase(progress[plan.pk], on=on) if plan else None,
                merged=predecessors,
                split=commune.pk in split,
                months=row_months(states, [commune.pk, *(p.pk for p in predecessors)]),
            )
        )
    return rows


def rows_totals(rows: list[CommuneRow]) -> list[IndicatorTotal]:
    """The sum of the rows' totals: each report counted once (a merged predecessor is no row)."""
    definitions = [t.indicator for t in rows[0].totals] if rows else indicator_sets.no_set()
    return sum_totals((given_figures(row.totals) for row in rows), definitions)


def given_figures(totals: list[IndicatorTotal]) -> dict[str, int]:
    """``{indicator code: total}`` of the indicators with a figure (an indicator no report
    gave is left out: "no figure", not 0)."""
    return {total.indicator.code: total.total for total in totals if total.reported}


def sum_totals(sums: Iterable[dict[str, int]], definitions: list[IndicatorDefinition]) -> list[IndicatorTotal]:
    """Every indicator of ``definitions`` over several ``{indicator code: total}`` (added up, or
    the highest for a ``max`` indicator), with how many of them gave it a figure."""
    figures: dict[str, list[int]] = defaultdict(list)
    for one in sums:
        for code, total in one.items():
            figures[code].append(total)
    rolled = {d.code: indicator_sets.over_places(d.rollup, figures[d.code]) for d in definitions if d.code in figures}
    return _totals(definitions, rolled, {code: len(given) for code, given in figures.items()})


def district_dashboard(user, *, year: int, pending: bool = False) -> Dashboard:
    """One row per commune of ``rollout_communes``. Eight queries whatever the number of
    communes, teams and indicators."""
    on = as_of(year)
    rows = commune_rows(user, rollout_communes(user), year=year, on=on, pending=pending)
    return Dashboard(year=year, on=on, rows=rows, totals=rows_totals(rows), pending=pending)


# One commune ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyTotals:
    indicator: IndicatorDefinition
    months: list[int | None]  # January to December; None: no report gave a figure that month
    total: int | None  # None: no figure all year


def commune_teams(commune: Commune) -> QuerySet[Team]:
    """The commune's teams, each with ``member_count``, ``collaborator_count`` and ``decision_no``."""
    return (
        Team.objects.filter(commune=commune)
        .select_related("village")
        .annotate(
            member_count=count_of(Membership.objects.filter(team=OuterRef("pk"), end_date=None), of="team"),
            collaborator_count=count_of(Collaborator.objects.filter(team=OuterRef("pk"), left_on=None), of="team"),
            decision_no=Subquery(_establish_decision("pk").values("number")[:1]),
            decision_pk=Subquery(_establish_decision("pk").values("pk")[:1]),
        )
        .order_by("level", vietnamese("village__name"), "pk")
    )


def monthly_totals(
    commune: Commune, *, year: int, merged: list[Commune] = (), pending: bool = False
) -> list[MonthlyTotals]:
    """Per indicator of the year's reports, the commune's figure for each month of ``year`` and
    for the year (rolled up as the indicator says), with the months of the whole predecessors
    ``merged`` into it (before the reform): the accepted months only, unless ``pending``. Two queries."""
    places = [commune, *merged]
    definitions = indicator_sets.columns(TeamReport.objects.filter(period__commune__in=places, period__year=year))
    values = ReportValue.objects.filter(report__period__commune__in=places, report__period__year=year)
    grouped = (
        accepted_only(values, pending=pending)
        .order_by()
        .values("indicator", "report__period__month")
        .annotate(total=Sum("value"), highest=Max("value"))
        .values_list("indicator", "report__period__month", "total", "highest")
    )
    rollups = {d.code: d.rollup for d in definitions}
    given: dict[str, dict[int, int]] = defaultdict(dict)
    for code, month, total, highest in grouped:
        figure = indicator_sets.of_month(rollups.get(code, SUM), total=total, highest=highest)
        if code in rollups and figure is not None:  # None: no team gave this figure (not reported)
            given[code][month] = figure
    return [
        MonthlyTotals(
            indicator=d,
            months=[given[d.code].get(month) for month in range(1, 13)],
            total=indicator_sets.over_months(d.rollup, given[d.code]) if given[d.code] else None,
        )
        for d in definitions
    ]


@dataclass(frozen=True)
class MonthCell:
    """A month of a commune's year: where it stands (None: not begun, or owed by no team) and
    the periods to open (the commune's, and before a reform those of the old communes)."""

    month: int
    state: MonthState | None
    periods: list[tuple[int, str]]  # (period pk, the commune's name)

    @property
    def label(self) -> str:
        return str(MONTH_STATE_LABELS[self.state]) if self.state is not None else ""

    @property
    def badge(self) -> str:
        return MONTH_STATE_BADGES.get(self.state, "text-bg-light")


MONTH_STATE_LABELS = {
    MonthState.ACCEPTED: pgettext_lazy("month", "accepted"),
    MonthState.PENDING: pgettext_lazy("month", "waiting for the supervisor"),
    MonthState.RETURNED: pgettext_lazy("month", "sent back"),
    MonthState.UNDER_WAY: pgettext_lazy("month", "under way"),
    MonthState.MISSING: pgettext_lazy("month", "missing"),
}
MONTH_STATE_BADGES = {
    MonthState.ACCEPTED: "text-bg-success",
    MonthState.PENDING: "text-bg-primary",
    MonthState.RETURNED: "text-bg-warning",
    MonthState.MISSING: "text-bg-danger",
}


def commune_months(commune: Commune, *, year: int, merged: list[Commune] = ()) -> list[MonthCell]:
    """The twelve months of ``commune``'s ``year`` with ``merged`` folded in. Three queries."""
    places = [commune, *merged]
    states = place_months(place_days(place.pk for place in places), year=year, today=timezone.localdate())
    names = {place.pk: place.title_name for place in places}
    periods: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, month, place in (
        ReportingPeriod.objects.filter(commune__in=places, year=year)
        .order_by("month", "commune_id")
        .values_list("pk", "month", "commune")
    ):
        periods[month].append((pk, names[place]))
    cells = []
    for month in range(1, 13):
        found = [states[place.pk][month] for place in places if month in states.get(place.pk, {})]
        cells.append(MonthCell(month=month, state=min(found) if found else None, periods=periods[month]))
    return cells


def commune_plan(commune: Commune, *, on: datetime.date) -> tuple[Plan | None, list[PhaseProgress]]:
    plan = Plan.objects.filter(commune=commune, issued_on__lte=on).order_by("-issued_on", "-pk").first()
    if plan is None:
        return None, []
    plan.commune = commune
    return plan, selectors.plan_progress(plan, on=on)
