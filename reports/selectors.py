"""Reads for plans and reports: rollout progress, completeness, roll-ups, Zalo summaries.

Every figure is aggregated in the database (``Count``/``Sum`` grouped by indicator,
commune or period), so a page or a roll-up costs the same number of queries for 5 teams
as for 500 (``tests/reports/test_queries.py`` pins that). Who may read what comes from
``accounts.scoping``; a team leader reads only the teams they lead (``teams.selectors``).
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from accounts.models import Official
from lib.collation import vietnamese
from teams.models import Commune, District, Phase, Plan, Role, Team
from teams.selectors import is_team_leader, readable_teams

from . import indicator_sets
from .indicators import printed_number
from .models import CommuneReport, IndicatorDefinition, ReportingPeriod, ReportValue, TeamReport

# Rollout progress ------------------------------------------------------------------------


class PhaseStatus:
    DONE = "done"
    ON_TRACK = "on_track"
    LATE = "late"
    NOT_STARTED = "not_started"
    NO_TARGET = "no_target"

    LABELS = {
        DONE: _("done"),
        ON_TRACK: _("on track"),
        LATE: _("late"),
        NOT_STARTED: _("not started"),
        NO_TARGET: _("no coverage target"),
    }


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    status: str
    counted_on: datetime.date  # the day the coverage below was counted
    commune_team: bool
    villages: int

    @property
    def status_label(self) -> str:
        return str(PhaseStatus.LABELS[self.status])


def covering_on(day: datetime.date) -> Q:
    """Teams that covered their place on ``day``: established by then and not yet dissolved."""
    return (
        Q(established_on__lte=day)
        & ~Q(status=Team.Status.FORMING)
        & (Q(dissolved_on__gt=day) | Q(dissolved_on__isnull=True, status=Team.Status.ACTIVE))
    )


def coverage(commune: Commune, days: list[datetime.date]) -> dict[datetime.date, tuple[bool, int]]:
    """Per day: (the commune team existed, villages with a team), in one query."""
    if not days:
        return {}
    aggregates = {}
    for i, day in enumerate(days):
        covering = covering_on(day)
        aggregates[f"commune_{i}"] = Count("pk", filter=covering & Q(level=Team.Level.COMMUNE))
        aggregates[f"villages_{i}"] = Count("village", distinct=True, filter=covering & Q(level=Team.Level.VILLAGE))
    counts = Team.objects.filter(commune=commune).aggregate(**aggregates)
    return {day: (counts[f"commune_{i}"] > 0, counts[f"villages_{i}"]) for i, day in enumerate(days)}


def plan_progress(plan: Plan, *, on: datetime.date | None = None) -> list[PhaseProgress]:
    """Each phase's status on ``on`` (today by default), from the teams actually established.

    A phase is done when its target was met by its end (or by ``on``, if sooner, even
    before it starts: a commune may run ahead of its plan); otherwise not started before
    its first day, on track until its last day included, late after. A team set up after
    the end does not turn a late phase into a done one: the target was missed.
    """
    on = on or timezone.localdate()
    phases = list(plan.phases.order_by("order"))
    counted = {phase.pk: min(on, phase.ends_on) for phase in phases}
    covered = coverage(plan.commune, sorted(set(counted.values())))
    progress = []
    for phase in phases:
        day = counted[phase.pk]
        commune_team, villages = covered[day]
        progress.append(
            PhaseProgress(
                phase=phase,
                status=phase_status(phase, on=on, commune_team=commune_team, villages=villages),
                counted_on=day,
                commune_team=commune_team,
                villages=villages,
            )
        )
    return progress


def phase_status(phase: Phase, *, on: datetime.date, commune_team: bool, villages: int) -> str:
    if on < phase.starts_on and not (phase.has_target and _met(phase, commune_team, villages)):
        return PhaseStatus.NOT_STARTED
    if not phase.has_target:
        return PhaseStatus.NO_TARGET
    if _met(phase, commune_team, villages):
        return PhaseStatus.DONE
    return PhaseStatus.ON_TRACK if on <= phase.ends_on else PhaseStatus.LATE


def _met(phase: Phase, commune_team: bool, villages: int) -> bool:
    return (commune_team or not phase.commune_team_required) and villages >= (phase.villages_min or 0)


def readable_plans(user) -> QuerySet[Plan]:
    return scoping.scope(user, Plan.objects.select_related("commune")).order_by(
        vietnamese("commune__name"), "-issued_on", "pk"
    )


# Who reads and files which report -------------------------------------------------------


def may_file(user, team: Team) -> bool:
    """The commune's clerk, or the official whose person is the team's current leader."""
    if scoping.is_clerk_of(user, team.commune):
        return True
    official = scoping.official_of(user)
    return bool(
        official
        and official.role == Official.Role.TEAM_LEADER
        and official.commune_id == team.commune_id
        and official.person_id
        and team.memberships.filter(person_id=official.person_id, role=Role.LEADER, end_date__isnull=True).exists()
    )


def readable_periods(user) -> QuerySet[ReportingPeriod]:
    return scoping.scope(user, ReportingPeriod.objects.select_related("commune"))


def readable_commune_reports(user) -> QuerySet[CommuneReport]:
    """The commune's reports to the district: read by whoever reads the whole commune, not
    by a team leader (a report speaks for every team of the commune)."""
    if not scoping.reads_whole_commune(user):
        return CommuneReport.objects.none()
    return scoping.scope(user, CommuneReport.objects.all())


def commune_report_in_scope(user, pk: int) -> CommuneReport:
    """The report with what its pages print, or 404 when it is missing or not the user's to read."""
    reports = readable_commune_reports(user).select_related("commune", "period__commune", "signer", "created_by")
    return scoping.get_in_scope(user, reports, pk=pk)


# Completeness and timeliness --------------------------------------------------------------


class ReportStatus:
    FILED = "filed"
    LATE = "late"
    MISSING = "missing"


def owes_report(*, year, month) -> Q:
    """Teams that owe a report for a month: active, and set up by the end of that month.

    ``year`` and ``month`` may be numbers or ``OuterRef``s to a period.
    """
    return Q(status=Team.Status.ACTIVE) & (
        Q(established_on__isnull=True)
        | Q(established_on__year__lt=year)
        | Q(established_on__year=year, established_on__month__lte=month)
    )


def _count_of(queryset: QuerySet, *, per: str) -> Coalesce:
    """A correlated ``COUNT(*)`` of ``queryset`` (narrowed by an ``OuterRef`` to ``per``), 0 without rows."""
    counted = queryset.order_by().values(per).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), Value(0))


def period_list(user) -> QuerySet[ReportingPeriod]:
    """The periods ``user`` reads, each with ``filed_count``, ``late_count`` and ``missing_count``
    of the commune's teams (a team leader: of the teams they lead).

    Each count is a subquery, not a ``Count`` over a join: without ``GROUP BY`` the database
    counts only the rows of the page shown, and the paginator's ``count()`` drops them.
    """
    teams = Team.objects.all()
    reports = TeamReport.objects.filter(period=OuterRef("pk"))
    if is_team_leader(user):
        teams = readable_teams(user)
        reports = reports.filter(team__in=teams)
    owing = (
        teams.filter(commune=OuterRef("commune"))
        .filter(owes_report(year=OuterRef("year"), month=OuterRef("month")))
        .filter(~Exists(TeamReport.objects.filter(team=OuterRef("pk"), period=OuterRef(OuterRef("pk")))))
    )
    return (
        readable_periods(user)
        .annotate(
            filed_count=_count_of(reports.filter(filed_at__date__lte=OuterRef("due_on")), per="period"),
            late_count=_count_of(reports.filter(filed_at__date__gt=OuterRef("due_on")), per="period"),
            missing_count=_count_of(owing, per="commune"),
        )
        .order_by("-year", "-month", vietnamese("commune__name"), "pk")
    )


@dataclass(frozen=True)
class TeamRow:
    team: Team
    report: TeamReport | None
    status: str  # a ReportStatus


def period_rows(
    period: ReportingPeriod, *, teams: QuerySet[Team] | None = None, also: Q | None = None
) -> list[TeamRow]:
    """Every team that owes a report for ``period`` or filed one, with its status.

    ``teams`` narrows the rows (a team leader's own teams); ``also`` adds the commune's
    teams it matches (the stipend list's teams dissolved during the month). Two queries.
    """
    filed = TeamReport.objects.filter(period=period, team=OuterRef("pk"))
    listed = owes_report(year=period.year, month=period.month) | Q(Exists(filed))
    rows = (
        (teams if teams is not None else Team.objects.all())
        .filter(commune_id=period.commune_id)
        .filter(listed | also if also is not None else listed)
        .select_related("commune", "village")
        .order_by("level", vietnamese("village__name"), "pk")
    )
    # Read into a dict, so unordered: the models' default ordering would join five more tables.
    filed_reports = TeamReport.objects.filter(period=period, team__in=rows)
    reports = {report.team_id: report for report in filed_reports.select_related("updated_by", "filed_by").order_by()}
    return [_row(team, reports.get(team.pk), period) for team in rows]


def _row(team: Team, report: TeamReport | None, period: ReportingPeriod) -> TeamRow:
    if report is None:
        return TeamRow(team=team, report=None, status=ReportStatus.MISSING)
    report.period = period
    return TeamRow(team=team, report=report, status=ReportStatus.LATE if report.is_late else ReportStatus.FILED)


def status_counts(rows: list[TeamRow]) -> dict[str, int]:
    counts = dict.fromkeys((ReportStatus.FILED, ReportStatus.LATE, ReportStatus.MISSING), 0)
    for row in rows:
        counts[row.status] += 1
    return counts


# Roll-ups ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorTotal:
    # Compared by code and label: a definition not stored (the seed's) equals only itself,
    # and a cached table's totals come back as copies.
    indicator: IndicatorDefinition = field(compare=False)
    total: int  # the values reported, rolled up as the indicator says; a value not reported adds nothing
    # Of the ``reports`` that were asked this indicator, how many gave a value (0 included);
    # None where only the sum is counted.
    reported: int | None = None
    reports: int | None = None

    code: str = field(init=False)
    label: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "code", self.indicator.code)
        object.__setattr__(self, "label", self.indicator.label)

    @property
    def incomplete(self) -> bool:
        """Some report left this indicator empty."""
        return self.reports is not None and self.reported != self.reports


def _as_totals(definitions: list[IndicatorDefinition], sums: dict[str, int]) -> list[IndicatorTotal]:
    return [IndicatorTotal(indicator=d, total=sums.get(d.code) or 0) for d in definitions]


def commune_totals(period: ReportingPeriod) -> list[IndicatorTotal]:
    """The period's team reports rolled up per indicator (summed, or the highest team's), in
    the order of the month's indicator set, with how many reports gave it a value (a blank
    is not reported; a 0 is reported). Two queries: the month's indicators, the figures."""
    definitions = indicator_sets.period_columns(period)
    counted = {
        code: (total, highest, reported, reports)
        for code, total, highest, reported, reports in ReportValue.objects.filter(report__period=period)
        .order_by()
        .values("indicator")
        .annotate(total=Sum("value"), highest=Max("value"), reported=Count("value"), reports=Count("pk"))
        .values_list("indicator", "total", "highest", "reported", "reports")
    }
    filed = max((reports for *_, reports in counted.values()), default=0)
    totals = []
    for d in definitions:
        if d.code not in counted:
            totals.append(IndicatorTotal(indicator=d, total=0, reported=0, reports=filed))
            continue
        total, highest, reported, reports = counted[d.code]
        figure = indicator_sets.of_month(d.rollup, total=total, highest=highest)
        totals.append(IndicatorTotal(indicator=d, total=figure or 0, reported=reported, reports=reports))
    return totals


@dataclass(frozen=True)
class CommuneRollup:
    commune: Commune
    period: ReportingPeriod | None
    reports: int
    totals: list[IndicatorTotal]


@dataclass(frozen=True)
class DistrictRollup:
    district: District
    year: int
    month: int
    communes: list[CommuneRollup]
    totals: list[IndicatorTotal]


def district_totals(*, district: District, year: int, month: int) -> DistrictRollup:
    """Each commune's totals for the month, and the district's: the sum of its communes'.

    Four queries whatever the number of communes, teams, reports and indicators.
    """
    communes = list(Commune.objects.filter(district=district).order_by(vietnamese("name"), "pk"))
    periods = {
        p.commune_id: p
        for p in ReportingPeriod.objects.filter(commune__district=district, year=year, month=month).annotate(
            report_count=Count("reports")
        )
    }
    definitions = indicator_sets.columns(
        TeamReport.objects.filter(period__commune__district=district, period__year=year, period__month=month)
    )
    rollups = {d.code: d.rollup for d in definitions}
    by_commune: dict[int, dict[str, int]] = defaultdict(dict)
    grouped = (
        ReportValue.objects.filter(
            report__period__commune__district=district, report__period__year=year, report__period__month=month
        )
        .order_by()
        .values("report__period__commune", "indicator")
        .annotate(total=Sum("value"), highest=Max("value"))
        .values_list("report__period__commune", "indicator", "total", "highest")
    )
    for commune_id, code, total, highest in grouped:
        by_commune[commune_id][code] = (
            indicator_sets.of_month(rollups.get(code, IndicatorDefinition.Rollup.SUM), total=total, highest=highest)
            or 0
        )
    district_sums = {
        d.code: indicator_sets.over_places(d.rollup, (sums[d.code] for sums in by_commune.values() if d.code in sums))
        for d in definitions
    }
    rows = [
        CommuneRollup(
            commune=commune,
            period=periods.get(commune.pk),
            reports=periods[commune.pk].report_count if commune.pk in periods else 0,
            totals=_as_totals(definitions, by_commune.get(commune.pk, {})),
        )
        for commune in communes
    ]
    totals = _as_totals(definitions, district_sums)
    return DistrictRollup(district=district, year=year, month=month, communes=rows, totals=totals)


# One report -------------------------------------------------------------------------------


def team_report(*, team: Team, period: ReportingPeriod) -> TeamReport | None:
    """The team's report for the period with ``value_map`` ({code: value}) and ``definitions``
    (the indicators of the set it was filed under), or None."""
    report = (
        TeamReport.objects.filter(team=team, period=period)
        .select_related("filed_by", "updated_by")
        .prefetch_related("values")
        .first()
    )
    if report is not None:
        report.team, report.period = team, period
        # None: the indicator was not reported (a 0 was).
        report.value_map = {v.indicator: v.value for v in report.values.all()}
        report.definitions = indicator_sets.definitions_of(report.indicator_set_id)
    return report


# Zalo summaries: plain Vietnamese text to paste into the team's group ----------------------


def figure(indicator: IndicatorDefinition, value: int | None) -> str:
    """ "12 hộ", or "chưa báo cáo" for a value not reported."""
    return "chưa báo cáo" if value is None else f"{printed_number(value)} {indicator.unit_printed}"


def _lines(pairs) -> list[str]:
    return [f"- {i.printed}: {figure(i, value)}" for i, value in pairs]


def total_figure(total: IndicatorTotal) -> str:
    """ "120 hộ", "120 hộ (12/14 tổ báo cáo)" where some reports left the indicator empty, or
    "chưa báo cáo" where every report did."""
    if total.reports and not total.reported:
        return figure(total.indicator, None)
    shown = figure(total.indicator, total.total)
    return f"{shown} ({total.reported}/{total.reports} tổ báo cáo)" if total.incomplete else shown


def _total_lines(totals: list[IndicatorTotal]) -> list[str]:
    return [f"- {t.indicator.printed}: {total_figure(t)}" for t in totals]


def zalo_summary(report: TeamReport) -> str:
    """ "Báo cáo tháng 10/2022 - Tổ chuyển đổi số cộng đồng thôn Đông Thái:" and one line per indicator."""
    values = getattr(report, "value_map", None)
    if values is None:
        values = dict(report.values.values_list("indicator", "value"))
    definitions = getattr(report, "definitions", None)
    if definitions is None:
        definitions = indicator_sets.definitions_of(report.indicator_set_id)
    lines = [f"Báo cáo tháng {report.period.month_label} - {report.team.name}:"]
    lines += _lines((i, values.get(i.code)) for i in definitions)
    if report.note.strip():
        lines.append(f"Ghi chú: {report.note.strip()}")
    return "\n".join(lines)


def _short_name(team: Team) -> str:
    return f"Tổ {team.place.full_name}"


def commune_summary_text(period: ReportingPeriod, rows: list[TeamRow], totals: list[IndicatorTotal]) -> str:
    """The commune's summary from rows and totals already fetched (no query)."""
    reported = [row for row in rows if row.report is not None]
    lines = [
        f"Báo cáo tháng {period.month_label} - Tổng hợp các Tổ chuyển đổi số cộng đồng {period.commune.full_name} "
        f"({len(reported)}/{len(rows)} tổ đã báo cáo):"
    ]
    lines += _total_lines(totals)
    late = [_short_name(row.team) for row in rows if row.status == ReportStatus.LATE]
    missing = [_short_name(row.team) for row in rows if row.status == ReportStatus.MISSING]
    if late:
        lines.append(f"Báo cáo muộn: {', '.join(late)}.")
    if missing:
        lines.append(f"Chưa báo cáo: {', '.join(missing)}.")
    return "\n".join(lines)


def commune_zalo_summary(period: ReportingPeriod) -> str:
    return commune_summary_text(period, period_rows(period), commune_totals(period))


# What waits for whom in the approval -----------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    reports: list[TeamReport]  # filed, for this user to accept or return
    to_approve: list[ReportingPeriod]  # every filed report reviewed: for the chairman
    # Approved by the chairman, for the supervisor: one page of ``ACCEPT_PAGE`` months (a
    # province officer may face hundreds); ``to_accept_total`` counts them all.
    to_accept: Sequence[ReportingPeriod]
    returned: list[TeamReport] = ()  # a team leader's reports the clerk returned, to correct
    to_accept_total: int = 0

    def __len__(self) -> int:
        return len(self.reports) + len(self.to_approve) + self.to_accept_total + len(self.returned)


ACCEPT_PAGE = 50


def _filed_by_a_clerk() -> Q:
    """The report's last filer (its corrector, else who filed it) is a clerk."""
    clerk = Official.Role.CLERK
    return Q(updated_by__official__role=clerk) | Q(updated_by__isnull=True, filed_by__official__role=clerk)


def waiting_for(user, *, page: int | str | None = 1) -> Waiting:
    """The reports and months waiting for ``user``'s step (``reports.approval``), at most
    three queries: a team leader's returned reports, reports to accept for the clerk (the
    chairman: those the clerk filed), months to approve for the chairman, months to accept
    for the supervisor (``page`` of them, oldest first, and their count)."""
    official = scoping.official_of(user)
    none = Waiting(reports=[], to_approve=[], to_accept=[])
    if official is None:
        return none
    if official.role in (Official.Role.DISTRICT_OFFICER, Official.Role.PROVINCE_OFFICER):
        months = readable_periods(user).filter(scoping.supervised_filter(user), status=ReportingPeriod.Status.APPROVED)
        months = months.select_related("commune").order_by("year", "month", "commune__name", "pk")
        shown = Paginator(months, ACCEPT_PAGE).get_page(page)
        return Waiting(reports=[], to_approve=[], to_accept=shown, to_accept_total=shown.paginator.count)
    if official.role == Official.Role.TEAM_LEADER:
        returned = TeamReport.objects.filter(team__in=readable_teams(user), status=TeamReport.Status.RETURNED)
        # A month closed (by the clerk, or by the chairman's approval) takes no correction.
        returned = returned.filter(period__closed_at__isnull=True).select_related("team__village", "period")
        return Waiting(reports=[], to_approve=[], to_accept=[], returned=list(returned.order_by("period__year", "pk")))
    if official.role != Official.Role.CLERK and not official.signs:
        return none
    filed = TeamReport.objects.filter(period__commune_id=official.commune_id, status=TeamReport.Status.FILED)
    filed = filed.exclude(period__status__in=[ReportingPeriod.Status.APPROVED, ReportingPeriod.Status.ACCEPTED])
    if official.role == Official.Role.CLERK:
        filed = filed.exclude(Q(updated_by=user) | Q(updated_by__isnull=True, filed_by=user))
    else:
        filed = filed.filter(_filed_by_a_clerk())
    reports = list(filed.select_related("team__village", "period").order_by("period__year", "period__month", "pk"))
    to_approve = []
    if official.signs:
        months = ReportingPeriod.objects.filter(
            commune_id=official.commune_id,
            status__in=[ReportingPeriod.Status.OPEN, ReportingPeriod.Status.SENT_BACK],
        )
        reviewed = Exists(TeamReport.objects.filter(period=OuterRef("pk")))
        waiting = Exists(TeamReport.objects.filter(period=OuterRef("pk"), status=TeamReport.Status.FILED))
        to_approve = list(months.filter(reviewed & ~waiting).select_related("commune").order_by("year", "month"))
    return Waiting(reports=reports, to_approve=to_approve, to_accept=[])
