"""Which indicators a report, a month or a dashboard shows: the plans' versioned indicator sets.

A report is filed under the set of its commune's plans valid on its period's first day
(the latest ``valid_from``, then the highest version), or under the default set (a set
without a plan) where no plan of the commune lists indicators; it keeps that set for good.
A page shows the indicators of the sets its reports were filed under: a renamed indicator
keeps its old label on the old months, a retired one stays on the months that reported it,
an added one appears from its version on. Codes tie versions together: the totals of a
code are added up across versions, under the label of the latest set shown.

Each read here is one query, whatever the number of reports, communes and indicators.

Roll-ups (``IndicatorDefinition.Rollup``): over the teams of a month a figure is summed,
or for ``max`` the highest team's; over months, ``sum`` adds the months, ``max`` takes
the highest and ``last`` the latest month with a figure; over communes, ``max`` takes the
highest commune's, the others add up.
"""

import datetime
import functools
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Subquery, Value, When

from .indicators import INDICATORS
from .models import IndicatorDefinition, IndicatorSet, ReportingPeriod, TeamReport

# The default set is valid for every month the app can hold.
DEFAULT_VALID_FROM = datetime.date(2000, 1, 1)
Rollup = IndicatorDefinition.Rollup


def seed_definitions(indicator_set: IndicatorSet | None = None) -> list[IndicatorDefinition]:
    """Plan 246's eight indicators as (unsaved) definitions of ``indicator_set``."""
    return [
        IndicatorDefinition(
            indicator_set=indicator_set,
            position=position,
            code=indicator.code,
            label=indicator.printed,
            unit=indicator.unit_printed,
            maximum=indicator.maximum,
        )
        for position, indicator in enumerate(INDICATORS, start=1)
    ]


@functools.cache
def _unsaved_seed() -> tuple[IndicatorDefinition, ...]:
    # The same objects each time: an unsaved model instance equals only itself.
    return tuple(seed_definitions())


def no_set() -> list[IndicatorDefinition]:
    """The indicators shown where no report and no set says which: the seed's, unsaved."""
    return list(_unsaved_seed())


def _sets_on(commune_id: int, day: datetime.date) -> QuerySet[IndicatorSet]:
    """The sets a commune's report of the month beginning ``day`` may be filed under, the one
    it is filed under first: its plans' sets before the default set, then the latest."""
    return (
        IndicatorSet.objects.filter(Q(plan__commune_id=commune_id) | Q(plan__isnull=True), valid_from__lte=day)
        .annotate(own=Case(When(plan__isnull=False, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-own", "-valid_from", "-version")
    )


def set_on(commune_id: int, day: datetime.date) -> IndicatorSet | None:
    return _sets_on(commune_id, day).first()


@transaction.atomic
def default_set() -> IndicatorSet:
    """The default set's first version, made from the seed the first time a report needs it."""
    indicator_set, created = IndicatorSet.objects.get_or_create(
        plan=None,
        version=1,
        defaults={"valid_from": DEFAULT_VALID_FROM, "note": "Tám chỉ tiêu của Kế hoạch 246/KH-UBND."},
    )
    if created:
        IndicatorDefinition.objects.bulk_create(seed_definitions(indicator_set))
    return indicator_set


def filing_set(period: ReportingPeriod) -> tuple[IndicatorSet, list[IndicatorDefinition]]:
    """The set a report of ``period`` is filed under with its indicators, in one query (the
    indicators of the best set, each with its set); the default set is made if none applies."""
    best = _sets_on(period.commune_id, period.first_day).values("pk")[:1]
    definitions = list(
        IndicatorDefinition.objects.filter(indicator_set=Subquery(best))
        .select_related("indicator_set")
        .order_by("position", "pk")
    )
    if definitions:
        return definitions[0].indicator_set, definitions
    indicator_set = set_for_filing(period)
    return indicator_set, definitions_of(indicator_set)


def set_for_filing(period: ReportingPeriod) -> IndicatorSet:
    """The set a report of ``period`` is filed under (a write: may create the default set)."""
    return set_on(period.commune_id, period.first_day) or default_set()


def definitions_of(indicator_set: IndicatorSet | int | None) -> list[IndicatorDefinition]:
    """The set's indicators in order (one query), or the seed's when there is no set yet."""
    if indicator_set is None:
        return no_set()
    return list(IndicatorDefinition.objects.filter(indicator_set=indicator_set).order_by("position", "pk"))


def period_definitions(period: ReportingPeriod) -> list[IndicatorDefinition]:
    """The indicators a new report of ``period`` is asked (one query)."""
    current = _sets_on(period.commune_id, period.first_day).values("pk")[:1]
    found = list(IndicatorDefinition.objects.filter(indicator_set=Subquery(current)).order_by("position", "pk"))
    return found or no_set()


def merged(definitions: Iterable[IndicatorDefinition]) -> list[IndicatorDefinition]:
    """One definition per code, from the latest set that has it, in that set's order; then
    the codes only older sets have (retired since), in theirs."""
    ordered = sorted(
        definitions,
        key=lambda d: (-d.indicator_set.valid_from.toordinal(), -d.indicator_set.version, d.position, d.pk or 0),
    )
    seen: dict[str, IndicatorDefinition] = {}
    for definition in ordered:
        seen.setdefault(definition.code, definition)
    return list(seen.values())


def columns(reports: QuerySet[TeamReport], *, also: QuerySet[IndicatorSet] | None = None) -> list[IndicatorDefinition]:
    """The indicators of the sets ``reports`` were filed under (and of the sets ``also``), one
    per code (``merged``); the seed's when there are none. One query."""
    used = Q(indicator_set__in=reports.order_by().values("indicator_set"))
    if also is not None:
        used |= Q(indicator_set__in=also.values("pk")[:1])
    found = IndicatorDefinition.objects.filter(used).select_related("indicator_set")
    return merged(found) or no_set()


def period_columns(period: ReportingPeriod) -> list[IndicatorDefinition]:
    """The month's indicators: those of its reports' sets and of the set it is filed under now."""
    return columns(TeamReport.objects.filter(period=period), also=_sets_on(period.commune_id, period.first_day))


# Roll-ups ----------------------------------------------------------------------------------


def of_month(rollup: str, *, total: int | None, highest: int | None) -> int | None:
    """A month's figure over its teams (None: no team gave it)."""
    return highest if rollup == Rollup.MAX else total


def over_months(rollup: str, figures: dict[int, int]) -> int:
    """The figure of several months ({month: figure}, months without a figure left out)."""
    if not figures:
        return 0
    if rollup == Rollup.MAX:
        return max(figures.values())
    if rollup == Rollup.LAST:
        return figures[max(figures)]
    return sum(figures.values())


def over_places(rollup: str, figures: Iterable[int]) -> int:
    """The figure of several communes (or teams)."""
    figures = list(figures)
    if rollup == Rollup.MAX:
        return max(figures, default=0)
    return sum(figures)
