"""Completeness and timeliness of a period; commune totals and the district roll-up."""

import datetime
import random
from collections import Counter

import pytest

from reports import indicators, selectors, services
from reports.models import ReportValue
from reports.selectors import ReportStatus
from teams.models import Team
from tests import factories
from tests.reports import active_team, clerk_of, file, other_commune

pytestmark = pytest.mark.django_db

FILED, LATE, MISSING = ReportStatus.FILED, ReportStatus.LATE, ReportStatus.MISSING


def random_values(rng) -> dict[str, int]:
    return {i.code: rng.randint(0, min(i.maximum, 400)) for i in indicators.INDICATORS}


def fill(commune, period, rng, *, teams: int, filing: int) -> list[Team]:
    """``teams`` active teams of ``commune``, the first ``filing`` of them filing random values."""
    clerk = clerk_of(commune)
    made = [active_team(commune) for _ in range(teams)]
    for team in made[:filing]:
        services.report_file(team=team, period=period, values=random_values(rng), by=clerk)
    return made


def python_sums(values) -> dict[str, int]:
    sums = Counter(dict.fromkeys(indicators.CODES, 0))
    for value in values:
        sums[value.indicator] += value.value
    return dict(sums)


def as_dict(totals) -> dict[str, int]:
    return {t.indicator.code: t.total for t in totals}


# Completeness and timeliness ----------------------------------------------------------------


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


def test_each_team_is_filed_late_or_missing(commune, october, clerk):
    on_time, late, missing = (active_team(commune, name=n) for n in ("Đông Thái", "Thông Tự", "Yên Hồ"))
    file(on_time, october, clerk, at=datetime.datetime(2022, 11, 5, 23, 30))
    file(late, october, clerk, at=datetime.datetime(2022, 11, 6, 0, 30))
    rows = {row.team: row.status for row in selectors.period_rows(october)}
    assert rows == {on_time: FILED, late: LATE, missing: MISSING}
    assert selectors.status_counts(selectors.period_rows(october)) == {FILED: 1, LATE: 1, MISSING: 1}


def test_the_period_list_counts_as_the_rows_do(commune, october, clerk):
    teams = [active_team(commune) for _ in range(5)]
    file(teams[0], october, clerk, at=datetime.datetime(2022, 10, 31, 8, 0))
    file(teams[1], october, clerk, at=datetime.datetime(2022, 11, 5, 23, 59))
    file(teams[2], october, clerk, at=datetime.datetime(2022, 11, 6, 0, 1))
    listed = selectors.period_list(clerk).get(pk=october.pk)
    assert (listed.filed_count, listed.late_count, listed.missing_count) == (2, 1, 2)
    assert selectors.status_counts(selectors.period_rows(october)) == {FILED: 2, LATE: 1, MISSING: 2}


def test_only_teams_that_owe_a_report_are_missing(commune, october, clerk):
    """A team set up later, being set up, or dissolved owes nothing; one that filed before
    dissolving still shows."""
    owing = active_team(commune, established_on=datetime.date(2022, 10, 31))
    active_team(commune, established_on=datetime.date(2022, 11, 1))
    factories.TeamFactory(commune=commune)
    gone = active_team(commune)
    Team.objects.filter(pk=gone.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 11, 2))
    filed_then_gone = active_team(commune)
    file(filed_then_gone, october, clerk, at=datetime.datetime(2022, 10, 30, 9, 0))
    Team.objects.filter(pk=filed_then_gone.pk).update(status=Team.Status.DISSOLVED)
    rows = {row.team.pk: row.status for row in selectors.period_rows(october)}
    assert rows == {owing.pk: MISSING, filed_then_gone.pk: FILED}
    listed = selectors.period_list(clerk).get(pk=october.pk)
    assert (listed.filed_count, listed.late_count, listed.missing_count) == (1, 0, 1)


def test_other_communes_teams_are_not_counted(commune, october, clerk):
    active_team(commune)
    active_team(other_commune())
    assert len(selectors.period_rows(october)) == 1
    assert selectors.period_list(clerk).get(pk=october.pk).missing_count == 1


def test_the_same_month_of_another_year_is_its_own_period(commune, october, clerk):
    team = active_team(commune)
    file(team, october, clerk)
    next_year = factories.ReportingPeriodFactory(commune=commune, year=2023, month=10)
    assert [row.status for row in selectors.period_rows(next_year)] == [MISSING]


# Roll-ups ---------------------------------------------------------------------------------


def test_commune_totals_are_the_sum_of_its_teams_values(commune, october):
    rng = random.Random(246)
    fill(commune, october, rng, teams=7, filing=6)
    november = factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)
    fill(commune, november, rng, teams=2, filing=2)
    expected = python_sums(ReportValue.objects.filter(report__period=october))
    assert as_dict(selectors.commune_totals(october)) == expected
    assert sum(expected.values()) > 0


def test_commune_totals_of_an_empty_period_are_zero(october):
    assert as_dict(selectors.commune_totals(october)) == dict.fromkeys(indicators.CODES, 0)


def test_totals_are_in_catalogue_order(october):
    assert [t.indicator.code for t in selectors.commune_totals(october)] == list(indicators.CODES)


def test_the_district_is_the_sum_of_its_communes(commune):
    rng = random.Random(170)
    neighbour = other_commune()
    quiet = factories.CommuneFactory(code=18261, name="Tùng Châu")  # no period opened
    far = factories.CommuneFactory(
        code=18300, name="Thạch Hà", district=factories.DistrictFactory(code=441, name="Can Lộc")
    )
    periods = {}
    for place, teams in ((commune, 4), (neighbour, 3), (far, 2)):
        periods[place] = factories.ReportingPeriodFactory(commune=place, year=2022, month=10)
        fill(place, periods[place], rng, teams=teams, filing=teams - 1)
    fill(commune, factories.ReportingPeriodFactory(commune=commune, year=2022, month=11), rng, teams=1, filing=1)

    rollup = selectors.district_totals(district=commune.district, year=2022, month=10)

    by_commune = {row.commune: row for row in rollup.communes}
    assert list(by_commune) == [commune, quiet, neighbour]  # in Vietnamese order: Tùng Ảnh, Tùng Châu, Tùng Lộc
    for place in (commune, neighbour):
        assert as_dict(by_commune[place].totals) == as_dict(selectors.commune_totals(periods[place]))
        assert by_commune[place].period == periods[place]
    assert by_commune[quiet].period is None and by_commune[quiet].reports == 0
    assert (by_commune[commune].reports, by_commune[neighbour].reports) == (3, 2)
    communes_summed = Counter()
    for row in rollup.communes:
        communes_summed.update(as_dict(row.totals))
    assert as_dict(rollup.totals) == dict(communes_summed)
    assert as_dict(rollup.totals) == python_sums(
        ReportValue.objects.filter(report__period__in=[periods[commune], periods[neighbour]])
    )


def test_the_district_roll_up_costs_four_queries_one_for_its_indicators(commune, django_assert_num_queries):
    rng = random.Random(1)
    for code in (18260, 18261, 18262):
        place = factories.CommuneFactory(code=code, name=f"Xã {code}")
        fill(place, factories.ReportingPeriodFactory(commune=place), rng, teams=3, filing=3)
    with django_assert_num_queries(4):
        selectors.district_totals(district=commune.district, year=2022, month=10)
