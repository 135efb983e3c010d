"""Filing a team's monthly report: who may, and every refusal (a message, nothing stored)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Official
from reports import indicators, services
from reports.models import ReportingPeriod, ReportValue, TeamReport
from teams import services as team_services
from teams.models import Role, Team
from tests import factories
from tests.reports import active_team, clerk_of, district_officer_of, file, leader_of, other_commune, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def leader(team):
    return leader_of(team)


def nothing_stored():
    return not TeamReport.objects.exists() and not ReportValue.objects.exists()


def refusal(exc_info) -> str:
    return " ".join(exc_info.value.messages) if isinstance(exc_info.value, ValidationError) else str(exc_info.value)


# Filing ------------------------------------------------------------------------------------


def test_the_leader_files_every_indicator(team, period, leader):
    report = file(team, period, leader, digital_addresses=120, health_apps=35, note=" Thiếu điện thoại ")
    stored = dict(report.values.values_list("indicator", "value"))
    assert stored == values(digital_addresses=120, health_apps=35)
    assert (report.filed_by, report.note, report.updated_by) == (leader, "Thiếu điện thoại", None)


def test_an_indicator_left_out_is_not_reported_and_a_zero_is_reported(team, period, leader):
    report = services.report_file(
        team=team,
        period=period,
        values={"outreach_sessions": 3, "health_apps": 0, "vneid_activations": None},
        by=leader,
    )
    stored = dict(report.values.values_list("indicator", "value"))
    assert (stored["outreach_sessions"], stored["health_apps"]) == (3, 0)
    assert stored["digital_addresses"] is None and stored["vneid_activations"] is None  # not reported: stored as such
    assert len(stored) == len(indicators.CODES)  # every indicator was asked


def test_the_clerk_may_file_for_any_team_of_the_commune(team, period, clerk):
    assert file(team, period, clerk, outreach_sessions=2).filed_by == clerk


def test_the_maximum_itself_is_accepted(team, period, leader):
    assert file(team, period, leader, digital_addresses=5000).values.get(indicator="digital_addresses").value == 5000


# Refusals: who -----------------------------------------------------------------------------


def test_a_leader_cannot_file_for_another_team(commune, team, period, leader):
    neighbour = active_team(commune, name="Thông Tự")
    with pytest.raises(PermissionDenied) as exc_info:
        file(neighbour, period, leader, digital_addresses=1)
    assert "Only the leader of Tổ chuyển đổi số cộng đồng thôn Thông Tự or the commune clerk" in refusal(exc_info)
    assert nothing_stored()


def test_a_former_leader_cannot_file(team, period, leader):
    seat = team.memberships.get(role=Role.LEADER)
    team_services.membership_end(membership=seat, end_date=datetime.date(2022, 10, 20))
    with pytest.raises(PermissionDenied):
        file(team, period, leader, digital_addresses=1)
    assert nothing_stored()


@pytest.mark.parametrize("role", [Official.Role.CHAIRMAN, Official.Role.VICE_CHAIRMAN])
def test_the_chairman_cannot_file(team, period, role):
    signer = factories.OfficialFactory(commune=team.commune, role=role).user
    with pytest.raises(PermissionDenied):
        file(team, period, signer)
    assert nothing_stored()


def test_a_district_officer_cannot_file(team, period):
    with pytest.raises(PermissionDenied):
        file(team, period, district_officer_of(team.commune))
    assert nothing_stored()


def test_another_communes_clerk_cannot_file(team, period):
    with pytest.raises(PermissionDenied):
        file(team, period, clerk_of(other_commune()))
    assert nothing_stored()


def test_a_team_cannot_file_into_another_communes_period(team, clerk):
    foreign = factories.ReportingPeriodFactory(commune=other_commune())
    with pytest.raises(ValidationError) as exc_info:
        file(team, foreign, clerk)
    assert "This team belongs to another commune than the reporting period." in refusal(exc_info)
    assert nothing_stored()


# Refusals: rules ---------------------------------------------------------------------------


def test_a_negative_value_is_refused(team, period, leader):
    with pytest.raises(ValidationError) as exc_info:
        file(team, period, leader, digital_addresses=10, health_apps=-3)
    assert exc_info.value.message_dict == {
        "health_apps": ["Lượt cài đặt ứng dụng Sổ sức khỏe điện tử: a count cannot be negative."]
    }
    assert nothing_stored()


def test_an_absurd_value_is_refused(team, period, leader):
    with pytest.raises(ValidationError) as exc_info:
        file(team, period, leader, digital_addresses=50000)
    assert exc_info.value.message_dict["digital_addresses"] == [
        "Hộ gia đình được hướng dẫn tạo địa chỉ số: 50000 is more than one team can do in a month "
        "(at most 5000 hộ). Check the figure."
    ]
    assert nothing_stored()


def test_each_indicator_has_its_own_maximum(team, period, leader):
    with pytest.raises(ValidationError) as exc_info:
        file(team, period, leader, trainings_attended=32)
    assert "at most 31 lớp" in refusal(exc_info)
    assert nothing_stored()


@pytest.mark.parametrize("wrong", ["12", 1.5, True, "", []])
def test_a_value_that_is_not_a_whole_number_is_refused(team, period, leader, wrong):
    with pytest.raises(ValidationError) as exc_info:
        services.report_file(team=team, period=period, values=values(outreach_sessions=wrong), by=leader)
    assert "Buổi tuyên truyền, hướng dẫn đã tổ chức: enter a whole number." in refusal(exc_info)
    assert nothing_stored()


def test_an_unknown_indicator_is_refused(team, period, leader):
    with pytest.raises(ValidationError) as exc_info:
        services.report_file(team=team, period=period, values={**values(), "likes": 3}, by=leader)
    assert "likes is not an indicator of this report's set" in refusal(exc_info)
    assert nothing_stored()


def test_a_closed_period_is_refused(team, period, leader, clerk):
    services.period_close(period=period, by=clerk)
    with pytest.raises(ValidationError) as exc_info:
        file(team, period, leader, digital_addresses=3)
    assert "The reporting period 10/2022 is closed: its reports can no longer change." in refusal(exc_info)
    assert nothing_stored()


def test_filing_twice_is_refused(team, period, leader):
    first = file(team, period, leader, digital_addresses=3)
    with pytest.raises(ValidationError) as exc_info:
        file(team, period, leader, digital_addresses=99)
    assert "This team has already filed its report for this month; correct it instead." in refusal(exc_info)
    assert TeamReport.objects.get() == first
    assert first.values.get(indicator="digital_addresses").value == 3


def test_a_team_that_is_not_active_cannot_file(commune, period, clerk):
    forming = factories.TeamFactory(commune=commune)
    dissolved = active_team(commune)
    Team.objects.filter(pk=dissolved.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 10, 9))
    dissolved.refresh_from_db()
    for team in (forming, dissolved):
        with pytest.raises(ValidationError) as exc_info:
            file(team, period, clerk)
        assert "is not active" in refusal(exc_info)
    assert nothing_stored()


def test_a_team_established_after_the_month_has_nothing_to_file(commune, period, clerk):
    later = active_team(commune, established_on=datetime.date(2022, 11, 2))
    with pytest.raises(ValidationError) as exc_info:
        file(later, period, clerk)
    assert "was established after 10/2022" in refusal(exc_info)
    assert nothing_stored()


def test_a_note_over_2000_characters_is_refused(team, period, leader):
    with pytest.raises(ValidationError):
        file(team, period, leader, note="x" * 2001)
    assert nothing_stored()


# Correcting --------------------------------------------------------------------------------


def test_the_leader_corrects_the_report_in_place(team, period, leader, clerk):
    report = file(team, period, leader, digital_addresses=3, outreach_sessions=1)
    value_ids = set(report.values.values_list("pk", flat=True))
    corrected = services.report_correct(
        report=report, values=values(digital_addresses=30), note="Sửa số liệu", by=clerk
    )
    assert dict(corrected.values.values_list("indicator", "value")) == values(digital_addresses=30)
    assert set(corrected.values.values_list("pk", flat=True)) == value_ids
    assert (corrected.note, corrected.updated_by, corrected.filed_by) == ("Sửa số liệu", clerk, leader)
    assert corrected.filed_at == report.filed_at


def test_a_correction_with_an_absurd_value_changes_nothing(team, period, leader):
    report = file(team, period, leader, digital_addresses=3, note="Đầu tiên")
    with pytest.raises(ValidationError):
        services.report_correct(report=report, values=values(digital_addresses=-1), note="Sai", by=leader)
    report.refresh_from_db()
    assert (report.note, report.updated_by) == ("Đầu tiên", None)
    assert report.values.get(indicator="digital_addresses").value == 3


def test_a_correction_after_the_close_is_refused(team, period, leader, clerk):
    report = file(team, period, leader, digital_addresses=3)
    services.period_close(period=period, by=clerk)
    with pytest.raises(ValidationError) as exc_info:
        services.report_correct(report=report, values=values(digital_addresses=4), by=leader)
    assert "is closed" in refusal(exc_info)
    assert report.values.get(indicator="digital_addresses").value == 3


def test_another_teams_leader_cannot_correct(commune, team, period, leader):
    report = file(team, period, leader, digital_addresses=3)
    stranger = leader_of(active_team(commune))
    with pytest.raises(PermissionDenied):
        services.report_correct(report=report, values=values(digital_addresses=4), by=stranger)
    assert report.values.get(indicator="digital_addresses").value == 3


# Periods -----------------------------------------------------------------------------------


def test_the_clerk_opens_a_month_once(commune, clerk):
    period = services.period_open(commune=commune, year=2022, month=10, by=clerk)
    assert (period.due_on, period.opened_by, period.is_closed) == (datetime.date(2022, 11, 5), clerk, False)
    with pytest.raises(ValidationError) as exc_info:
        services.period_open(commune=commune, year=2022, month=10, by=clerk)
    assert "The reporting period 10/2022 is already open or closed." in refusal(exc_info)
    assert ReportingPeriod.objects.count() == 1


def test_december_is_due_on_the_5th_of_january(commune, clerk):
    assert services.period_open(commune=commune, year=2022, month=12, by=clerk).due_on == datetime.date(2023, 1, 5)


def test_a_month_that_has_not_begun_cannot_be_opened(commune, clerk):
    with pytest.raises(ValidationError) as exc_info:
        services.period_open(commune=commune, year=2100, month=1, by=clerk)
    assert "A month that has not begun cannot be opened for reporting." in refusal(exc_info)
    assert not ReportingPeriod.objects.exists()


@pytest.mark.parametrize("who", ["leader", "chairman", "district", "other clerk"])
def test_only_the_clerk_opens_and_closes_periods(commune, team, period, leader, chairman, who):
    user = {
        "leader": leader,
        "chairman": chairman,
        "district": district_officer_of(commune),
        "other clerk": clerk_of(other_commune()),
    }[who]
    with pytest.raises(PermissionDenied):
        services.period_open(commune=commune, year=2022, month=9, by=user)
    with pytest.raises(PermissionDenied):
        services.period_close(period=period, by=user)
    period.refresh_from_db()
    assert not period.is_closed and ReportingPeriod.objects.count() == 1


def test_the_clerk_closes_a_period_once(period, clerk):
    closed = services.period_close(period=period, by=clerk)
    assert closed.closed_by == clerk and closed.closed_at is not None
    with pytest.raises(ValidationError):
        services.period_close(period=period, by=clerk)
