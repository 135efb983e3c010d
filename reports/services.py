"""Writes for plans, reporting periods and team reports.

Each service is one transaction that checks who acts (``accounts.scoping`` and
``reports.selectors.may_file``) and the rules, then records who did it. A refusal is a
``PermissionDenied`` (not theirs to do) or a ``ValidationError`` with a Vietnamese
message (the rules say no), and nothing is stored.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scoping
from teams.models import Commune, Phase, Plan, Team, Village

from . import indicator_sets, indicators
from .models import IndicatorDefinition, IndicatorSet, ReportingPeriod, ReportValue, TeamReport, TeamReportEvent
from .selectors import may_file

# Plans --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseTarget:
    label: str
    starts_on: datetime.date
    ends_on: datetime.date
    commune_team_required: bool = False
    villages_min: int | None = None
    villages_max: int | None = None
    note: str = ""


@transaction.atomic
def plan_create(
    *, commune: Commune, number_symbol: str, issued_on: datetime.date, subject: str, phases: Sequence[PhaseTarget]
) -> Plan:
    """A plan with its phases, numbered in the order given."""
    plan = Plan(commune=commune, number_symbol=number_symbol, issued_on=issued_on, subject=subject)
    plan.full_clean()
    plan.save()
    for order, target in enumerate(phases, start=1):
        phase = Phase(plan=plan, order=order, **target.__dict__)
        phase.full_clean()
        phase.save()
    return plan


# Reporting periods ------------------------------------------------------------------------


@transaction.atomic
def period_open(*, commune: Commune, year: int, month: int, by) -> ReportingPeriod:
    """Open ``month`` for reporting (the clerk; a past month may be opened late, a future one not)."""
    scoping.require_clerk(by, commune)
    today = timezone.localdate()
    if not 1 <= month <= 12:
        raise ValidationError(_("A month is between 1 and 12."))
    if (year, month) > (today.year, today.month):
        raise ValidationError(_("A month that has not begun cannot be opened for reporting."))
    if ReportingPeriod.objects.filter(commune=commune, year=year, month=month).exists():
        raise ValidationError(
            _("The reporting period %(month)s is already open or closed.") % {"month": f"{month:02d}/{year}"}
        )
    period = ReportingPeriod(commune=commune, year=year, month=month, opened_by=by)
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("The reporting period %(month)s is already open or closed.") % {"month": period.month_label}
        ) from exc
    return period


def refuse_if_final(period: ReportingPeriod) -> None:
    """No report of ``period`` is filed or corrected once the supervisor accepted the month,
    the chairman approved it or the clerk closed it: a ``ValidationError`` says which."""
    if period.status == ReportingPeriod.Status.ACCEPTED:
        raise ValidationError(
            _(
                "The month %(month)s was accepted by the supervisor: it is locked, and only the supervisor "
                "can reopen it."
            )
            % {"month": period.month_label}
        )
    if period.status == ReportingPeriod.Status.APPROVED:
        raise ValidationError(
            _("The month %(month)s was approved by the chairman: its reports can no longer change.")
            % {"month": period.month_label}
        )
    if period.is_closed:
        raise ValidationError(
            _("The reporting period %(month)s is closed: its reports can no longer change.")
            % {"month": period.month_label}
        )


def refuse_if_accepted(report: TeamReport | None) -> None:
    if report is not None and report.status == TeamReport.Status.ACCEPTED:
        raise ValidationError(_("The clerk has accepted this report: it can no longer be corrected."))


def _locked_open_period(period: ReportingPeriod) -> ReportingPeriod:
    """The period, locked against a concurrent close or approval; refused once final."""
    period = ReportingPeriod.objects.select_for_update(of=("self",)).select_related("commune").get(pk=period.pk)
    refuse_if_final(period)
    return period


@transaction.atomic
def period_close(*, period: ReportingPeriod, by) -> ReportingPeriod:
    """Close the period (the clerk): its reports are final from now on."""
    scoping.require_clerk(by, period.commune)
    period = _locked_open_period(period)
    period.closed_at = timezone.now()
    period.closed_by = by
    period.save(update_fields=["closed_at", "closed_by"])
    return period


# Team reports -----------------------------------------------------------------------------


def _require_filer(by, team: Team) -> None:
    if not may_file(by, team):
        raise PermissionDenied(
            _("Only the leader of %(team)s or the commune clerk may file or correct its report.") % {"team": team.name}
        )


# The indicator a village's household count caps, when the report's set has it.
HOUSEHOLDS_CODE = "digital_addresses"


def _check_households(
    team: Team,
    values: Mapping[str, int | None],
    definitions: Sequence[IndicatorDefinition],
    *,
    report: TeamReport | None = None,
) -> None:
    """A household gets its digital address once, so what a village team reports as guided,
    over all its reports (``report``, being corrected, counted once with its new value),
    cannot pass the households of its village. Not checked for the commune team, nor while
    the village's count is not known, nor for a correction that does not raise the figure."""
    indicator = next((d for d in definitions if d.code == HOUSEHOLDS_CODE), None)
    if team.village_id is None or indicator is None:
        return
    # The lock makes two reports of the same team, filed at once, count each other.
    village = Village.objects.select_for_update().get(pk=team.village_id)
    if village.households is None:
        return
    others = ReportValue.objects.filter(report__team=team, indicator=indicator.code)
    if report is not None:
        others = others.exclude(report=report)
    # Not reported (None) adds nothing.
    value = values[indicator.code] or 0
    earlier = others.aggregate(total=Sum("value"))["total"] or 0
    total = earlier + value
    # A correction that does not raise the figure stands, even if the count was lowered since.
    stored = ReportValue.objects.filter(report=report, indicator=indicator.code) if report is not None else None
    lowered = stored is not None and value <= (stored.values_list("value", flat=True).first() or 0)
    if total > village.households and not lowered:
        raise ValidationError(
            {
                indicator.code: _(
                    "%(indicator)s: %(village)s has %(households)s households; with this report the team would "
                    "have guided %(total)s (%(earlier)s in its other reports). Check the figure."
                )
                % {
                    "indicator": indicator.label,
                    "village": village.full_name,
                    "households": village.households,
                    "total": total,
                    "earlier": earlier,
                }
            }
        )


def _store_values(report: TeamReport, values: Mapping[str, int | None]) -> None:
    """One row per indicator, inserted or updated in place (one query); an indicator not
    reported is a row without a value, so the report says it was asked and left empty."""
    ReportValue.objects.bulk_create(
        [ReportValue(report=report, indicator=code, value=value) for code, value in values.items()],
        update_conflicts=True,
        unique_fields=["report", "indicator"],
        update_fields=["value"],
    )


@transaction.atomic
def report_file(
    *, team: Team, period: ReportingPeriod, values: Mapping[str, int | None], note: str = "", by
) -> TeamReport:
    """File ``team``'s report for ``period``: once; later changes go through ``report_correct``."""
    _require_filer(by, team)
    if team.commune_id != period.commune_id:
        raise ValidationError(_("This team belongs to another commune than the reporting period."))
    period = _locked_open_period(period)
    if team.status != Team.Status.ACTIVE:
        raise ValidationError(_("Only an active team files reports; %(team)s is not active.") % {"team": team.name})
    if team.established_on and team.established_on > period.last_day:
        raise ValidationError(
            _("%(team)s was established after %(month)s: it has no report to file for that month.")
            % {"team": team.name, "month": period.month_label}
        )
    indicator_set, definitions = indicator_sets.filing_set(period)
    cleaned = indicators.clean_values(definitions, values)
    report = TeamReport(team=team, period=period, filed_by=by, note=note.strip(), indicator_set=indicator_set)
    report.full_clean(
        exclude=["team", "period", "filed_by", "indicator_set"], validate_unique=False, validate_constraints=False
    )
    # The unique constraint says "filed twice" (no query beforehand: filing stays within ten).
    # The report has no value yet, so the households check below counts only the others.
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError(_("This team has already filed its report for this month; correct it instead.")) from exc
    _check_households(team, cleaned, definitions)
    _store_values(report, cleaned)
    return report


@transaction.atomic
def report_correct(*, report: TeamReport, values: Mapping[str, int | None], note: str = "", by) -> TeamReport:
    """Replace a filed or returned report's values and note, until the clerk accepts it or the
    period is final; a returned report, once corrected, waits for the clerk again."""
    report = TeamReport.objects.select_related("team__commune", "team__village").get(pk=report.pk)
    _require_filer(by, report.team)
    report.period = _locked_open_period(report.period)
    refuse_if_accepted(report)
    # The set it was filed under, whatever version the plan has reached since.
    definitions = indicator_sets.definitions_of(report.indicator_set_id)
    cleaned = indicators.clean_values(definitions, values)
    _check_households(report.team, cleaned, definitions, report=report)
    report.note = note.strip()
    report.updated_by = by
    report.full_clean(
        exclude=["team", "period", "filed_by", "updated_by"], validate_unique=False, validate_constraints=False
    )
    report.status = TeamReport.Status.FILED
    report.save(update_fields=["note", "updated_by", "updated_at", "status"])
    _store_values(report, cleaned)
    TeamReportEvent(report=report, action=TeamReportEvent.Action.CORRECTED, by=by).save()
    return report


# Indicator sets -----------------------------------------------------------------------------


@transaction.atomic
def indicator_set_new_version(*, source: IndicatorSet, valid_from: datetime.date, note: str = "") -> IndicatorSet:
    """A new version of ``source``'s plan's set, valid from ``valid_from``, with a copy of
    ``source``'s indicators to edit (add, retire, rename) before a report uses it."""
    latest = IndicatorSet.objects.filter(plan=source.plan).order_by("-version").values_list("version", flat=True)
    new = IndicatorSet(plan=source.plan, version=(latest.first() or 0) + 1, valid_from=valid_from, note=note)
    new.full_clean()
    new.save()
    IndicatorDefinition.objects.bulk_create(
        [
            IndicatorDefinition(
                indicator_set=new,
                position=definition.position,
                code=definition.code,
                label=definition.label,
                unit=definition.unit,
                rollup=definition.rollup,
                minimum=definition.minimum,
                maximum=definition.maximum,
                required=definition.required,
            )
            for definition in source.definitions.order_by("position", "pk")
        ]
    )
    return new
