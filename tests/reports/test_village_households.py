"""A village team cannot report more households guided to a digital address than its village
has, over all its reports (a household gets its address once): refused next to the field,
nothing stored. Checked only where the clerk has entered the village's household count."""

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import ReportValue, TeamReport
from teams.models import Team, Village
from tests import factories
from tests.reports import active_team, file, leader_of, url, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(commune):
    return factories.VillageFactory(commune=commune, name="Đông Thái", households=100)


@pytest.fixture
def team(commune, village):
    return active_team(commune, village=village)


@pytest.fixture
def leader(team):
    return leader_of(team)


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def november(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)


def over_the_count(*, total: int, earlier: int) -> dict[str, list[str]]:
    return {
        "digital_addresses": [
            f"Hộ gia đình được hướng dẫn tạo địa chỉ số: thôn Đông Thái has 100 households; with this report "
            f"the team would have guided {total} ({earlier} in its other reports). Check the figure."
        ]
    }


def guided(report: TeamReport) -> int:
    return ReportValue.objects.get(report=report, indicator="digital_addresses").value


def test_a_report_over_the_villages_households_is_refused_and_nothing_is_stored(team, october, leader):
    with pytest.raises(ValidationError) as exc_info:
        file(team, october, leader, digital_addresses=101, outreach_sessions=2)
    assert exc_info.value.message_dict == over_the_count(total=101, earlier=0)
    assert not TeamReport.objects.exists() and not ReportValue.objects.exists()


def test_exactly_the_villages_households_is_accepted(team, october, leader):
    assert guided(file(team, october, leader, digital_addresses=100)) == 100


def test_the_households_are_counted_over_the_teams_months(team, october, november, leader):
    first = file(team, october, leader, digital_addresses=60)
    with pytest.raises(ValidationError) as exc_info:
        file(team, november, leader, digital_addresses=41)
    assert exc_info.value.message_dict == over_the_count(total=101, earlier=60)
    assert list(TeamReport.objects.all()) == [first] and guided(first) == 60
    assert guided(file(team, november, leader, digital_addresses=40)) == 40


def test_a_correction_counts_the_report_once_with_its_new_value(team, october, leader):
    report = file(team, october, leader, digital_addresses=80, note="Đầu tiên")
    corrected = services.report_correct(report=report, values=values(digital_addresses=100), by=leader)
    assert guided(corrected) == 100
    with pytest.raises(ValidationError) as exc_info:
        services.report_correct(report=report, values=values(digital_addresses=101), note="Sai", by=leader)
    assert exc_info.value.message_dict == over_the_count(total=101, earlier=0)
    report.refresh_from_db()
    assert (report.note, guided(report)) == ("", 100)


def test_a_correction_that_does_not_raise_the_figure_stands_after_the_count_is_lowered(team, october, leader):
    report = file(team, october, leader, digital_addresses=90)
    Village.objects.filter(pk=team.village_id).update(households=60)
    corrected = services.report_correct(report=report, values=values(digital_addresses=85), note="Sửa", by=leader)
    assert (corrected.note, guided(corrected)) == ("Sửa", 85)
    with pytest.raises(ValidationError):
        services.report_correct(report=report, values=values(digital_addresses=86), by=leader)
    assert guided(report) == 85


def test_a_correction_counts_the_teams_other_reports(team, october, november, leader):
    earlier = file(team, october, leader, digital_addresses=70)
    later = file(team, november, leader, digital_addresses=20)
    with pytest.raises(ValidationError) as exc_info:
        services.report_correct(report=earlier, values=values(digital_addresses=81), by=leader)
    assert exc_info.value.message_dict == over_the_count(total=101, earlier=20)
    assert (guided(earlier), guided(later)) == (70, 20)


def test_the_clerk_filing_for_the_team_is_refused_too(team, october, clerk):
    with pytest.raises(ValidationError):
        file(team, october, clerk, digital_addresses=101)
    assert not TeamReport.objects.exists()


def test_other_teams_and_other_indicators_do_not_count(commune, team, october, november, leader, clerk):
    neighbour = active_team(commune, village=factories.VillageFactory(commune=commune, households=100))
    file(neighbour, october, clerk, digital_addresses=90)
    file(team, october, leader, digital_addresses=60, public_service_accounts=400, health_apps=80)
    assert guided(file(team, november, leader, digital_addresses=40, public_service_accounts=400)) == 40


def test_a_village_whose_households_are_not_known_is_not_checked(commune, october, clerk):
    unknown = active_team(commune, village=factories.VillageFactory(commune=commune, households=None))
    assert guided(file(unknown, october, clerk, digital_addresses=4000)) == 4000


def test_the_commune_team_is_not_checked(commune, village, october, clerk):
    commune_team = active_team(commune, level=Team.Level.COMMUNE)
    assert guided(file(commune_team, october, clerk, digital_addresses=4000)) == 4000


# Through the page -----------------------------------------------------------------------------


def test_the_leaders_form_shows_the_refusal_next_to_the_field(client, team, october, november, leader):
    file(team, october, leader, digital_addresses=60)
    client.force_login(leader)
    address = url("reports:report_file", november.pk, team.pk)
    response = client.post(address, {**values(digital_addresses=41, outreach_sessions=3), "note": "Tháng 11"})
    assert response.status_code == 200
    assert response.context["form"].errors == over_the_count(total=101, earlier=60)
    assert over_the_count(total=101, earlier=60)["digital_addresses"][0] in response.content.decode()
    assert not TeamReport.objects.filter(period=november).exists()
    assert ReportValue.objects.count() == len(values())
