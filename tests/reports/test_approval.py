"""The approval chain of a month's reports: filed, accepted or returned by the clerk, approved
by the chairman, accepted or sent back by the supervisor, reopened with a reason; every
refusal says why and stores nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Official
from reports import approval, services
from reports.models import COMMENT_MAX, PeriodEvent, ReportingPeriod, ReportValue, TeamReport, TeamReportEvent
from tests import factories
from tests.reports import active_team, clerk_of, district_officer_of, file, leader_of, other_commune, values

pytestmark = pytest.mark.django_db

Status = ReportingPeriod.Status


@pytest.fixture
def period(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def leader(team):
    return leader_of(team)


@pytest.fixture
def supervisor(commune):
    """The district officer: 10/2022 is before the reform."""
    return district_officer_of(commune)


@pytest.fixture
def report(team, period, leader):
    return file(team, period, leader, digital_addresses=12)


def province_officer_of(province):
    return factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=province, commune=None).user


def national_officer():
    return factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user


def message(exc_info) -> str:
    return " ".join(exc_info.value.messages) if isinstance(exc_info.value, ValidationError) else str(exc_info.value)


def trail(obj) -> list[tuple[str, object, str]]:
    return [(e.action, e.by, e.comment) for e in obj.events.order_by("at", "id")]


def approved(period, report, clerk, chairman):
    approval.report_accept(report=report, by=clerk)
    return approval.period_approve(period=period, by=chairman)


def accepted(period, report, clerk, chairman, supervisor):
    return approval.period_accept(period=approved(period, report, clerk, chairman), by=supervisor)


def unchanged(period, report, *, status, report_status, events, report_events):
    period.refresh_from_db()
    report.refresh_from_db()
    assert (period.status, report.status) == (status, report_status)
    assert (period.events.count(), report.events.count()) == (events, report_events)


# The chain, step by step -------------------------------------------------------------------


def test_a_filed_report_waits_for_the_clerk(report, leader):
    assert (report.status, report.filed_by) == (TeamReport.Status.FILED, leader)
    assert trail(report) == []


def test_the_clerk_accepts_a_filed_report(report, clerk, leader):
    approval.report_accept(report=report, by=clerk)
    report.refresh_from_db()
    assert report.status == TeamReport.Status.ACCEPTED
    assert trail(report) == [("accepted", clerk, "")]


def test_the_clerk_returns_a_report_the_leader_corrects_and_the_clerk_accepts(report, clerk, leader):
    approval.report_return(report=report, comment="  Số hộ chưa khớp với sổ thôn. ", by=clerk)
    report.refresh_from_db()
    assert report.status == TeamReport.Status.RETURNED
    services.report_correct(report=report, values=values(digital_addresses=10), by=leader)
    report.refresh_from_db()
    assert report.status == TeamReport.Status.FILED
    approval.report_accept(report=report, by=clerk)
    assert trail(report) == [
        ("returned", clerk, "Số hộ chưa khớp với sổ thôn."),
        ("corrected", leader, ""),
        ("accepted", clerk, ""),
    ]


def test_the_chairman_approves_the_month_and_it_closes(period, report, clerk, chairman):
    period = approved(period, report, clerk, chairman)
    period.refresh_from_db()
    assert period.status == Status.APPROVED
    assert (period.closed_by, period.is_closed) == (chairman, True)
    assert trail(period) == [("approved", chairman, "")]


def test_a_vice_chairman_approves_too(period, report, clerk, vice_chairman):
    assert approved(period, report, clerk, vice_chairman).status == Status.APPROVED


def test_the_supervisor_accepts_the_approved_month_and_it_is_locked(period, report, clerk, chairman, supervisor):
    period = accepted(period, report, clerk, chairman, supervisor)
    period.refresh_from_db()
    assert (period.status, period.is_locked) == (Status.ACCEPTED, True)
    assert [a for a, _, _ in trail(period)] == ["approved", "accepted"]


def test_the_supervisor_sends_the_month_back_with_a_comment(period, report, clerk, chairman, supervisor, leader):
    approved(period, report, clerk, chairman)
    approval.period_send_back(period=period, comment="Thiếu báo cáo thôn Trung Thượng.", by=supervisor)
    period.refresh_from_db()
    assert (period.status, period.is_closed) == (Status.SENT_BACK, False)
    assert trail(period)[-1] == ("sent_back", supervisor, "Thiếu báo cáo thôn Trung Thượng.")
    # The month takes reports again; the clerk may return an accepted one to its team.
    approval.report_return(report=report, comment="Sửa theo ý kiến của huyện.", by=clerk)
    services.report_correct(report=report, values=values(digital_addresses=11), by=leader)
    approval.report_accept(report=report, by=clerk)
    approval.period_approve(period=period, by=chairman)
    approval.period_accept(period=period, by=supervisor)
    period.refresh_from_db()
    assert period.status == Status.ACCEPTED


def test_only_the_supervisor_reopens_an_accepted_month_with_a_reason(period, report, clerk, chairman, supervisor):
    accepted(period, report, clerk, chairman, supervisor)
    approval.period_reopen(period=period, reason="Xã đề nghị sửa số liệu tháng 10.", by=supervisor)
    period.refresh_from_db()
    assert (period.status, period.is_closed) == (Status.SENT_BACK, False)
    assert trail(period)[-1] == ("reopened", supervisor, "Xã đề nghị sửa số liệu tháng 10.")


def test_a_late_report_is_accepted_and_still_counted_late(team, period, leader, clerk):
    report = file(team, period, leader, at=datetime.datetime(2022, 11, 20, 9, 0))
    approval.report_accept(report=report, by=clerk)
    report.refresh_from_db()
    assert (report.status, report.is_late) == (TeamReport.Status.ACCEPTED, True)


def test_a_month_the_clerk_closed_still_gets_its_reports_accepted_and_approved(period, report, clerk, chairman):
    services.period_close(period=period, by=clerk)
    approval.report_accept(report=report, by=clerk)
    period = approval.period_approve(period=period, by=chairman)
    assert (period.status, period.closed_by) == (Status.APPROVED, clerk)


def test_the_chairman_may_approve_with_a_returned_report_left(period, report, clerk, chairman):
    approval.report_return(report=report, comment="Không rõ số liệu.", by=clerk)
    assert approval.period_approve(period=period, by=chairman).status == Status.APPROVED


# Refusals: the state -----------------------------------------------------------------------


def test_the_chairman_cannot_approve_while_a_report_waits_for_the_clerk(period, report, chairman):
    with pytest.raises(ValidationError) as exc:
        approval.period_approve(period=period, by=chairman)
    assert "1 report(s) of 10/2022 still wait for the clerk" in message(exc)
    unchanged(period, report, status=Status.OPEN, report_status="filed", events=0, report_events=0)
    assert not period.is_closed


def test_a_report_is_accepted_once(report, clerk):
    approval.report_accept(report=report, by=clerk)
    with pytest.raises(ValidationError) as exc:
        approval.report_accept(report=report, by=clerk)
    assert "only a report waiting for the clerk can be accepted" in message(exc)
    assert report.events.count() == 1


def test_a_returned_report_is_not_accepted_before_it_is_corrected(report, clerk):
    approval.report_return(report=report, comment="Thiếu số liệu.", by=clerk)
    with pytest.raises(ValidationError):
        approval.report_accept(report=report, by=clerk)


def test_an_accepted_report_is_not_returned_while_the_month_is_open(period, report, clerk):
    approval.report_accept(report=report, by=clerk)
    with pytest.raises(ValidationError) as exc:
        approval.report_return(report=report, comment="Sửa lại.", by=clerk)
    assert "once the supervisor has sent the month back" in message(exc)
    unchanged(period, report, status=Status.OPEN, report_status="accepted", events=0, report_events=1)


def test_a_report_of_an_approved_month_is_neither_accepted_nor_returned(period, team, report, clerk, chairman):
    second = active_team(team.commune, name="Thông Tự")
    other = file(second, period, leader_of(second), digital_addresses=1)
    approval.report_return(report=other, comment="Sai thôn.", by=clerk)
    approved(period, report, clerk, chairman)
    with pytest.raises(ValidationError) as exc:
        approval.report_return(report=other, comment="Sửa.", by=clerk)
    assert "approved by the chairman" in message(exc)


def test_a_month_is_approved_once(period, report, clerk, chairman):
    approved(period, report, clerk, chairman)
    with pytest.raises(ValidationError) as exc:
        approval.period_approve(period=period, by=chairman)
    assert "10/2022 is approved by the chairman: this step does not apply" in message(exc)
    assert period.events.count() == 1


@pytest.mark.parametrize("step", ["accept", "send_back"])
def test_the_supervisor_acts_only_on_an_approved_month(period, report, supervisor, step):
    with pytest.raises(ValidationError) as exc:
        if step == "accept":
            approval.period_accept(period=period, by=supervisor)
        else:
            approval.period_send_back(period=period, comment="Xem lại.", by=supervisor)
    assert "10/2022 is open: this step does not apply" in message(exc)
    unchanged(period, report, status=Status.OPEN, report_status="filed", events=0, report_events=0)


def test_only_an_accepted_month_is_reopened(period, report, clerk, chairman, supervisor):
    approved(period, report, clerk, chairman)
    with pytest.raises(ValidationError):
        approval.period_reopen(period=period, reason="Sửa số liệu.", by=supervisor)
    period.refresh_from_db()
    assert period.status == Status.APPROVED


def test_an_accepted_month_is_not_sent_back(period, report, clerk, chairman, supervisor):
    accepted(period, report, clerk, chairman, supervisor)
    with pytest.raises(ValidationError):
        approval.period_send_back(period=period, comment="Sửa.", by=supervisor)


# Refusals: who acts ------------------------------------------------------------------------


def test_the_clerk_does_not_accept_a_report_they_filed_the_chairman_does(team, period, clerk, chairman):
    report = file(team, period, clerk, digital_addresses=3)
    with pytest.raises(PermissionDenied) as exc:
        approval.report_accept(report=report, by=clerk)
    assert "You filed or last corrected this report" in message(exc)
    report.refresh_from_db()
    assert report.status == TeamReport.Status.FILED
    approval.report_accept(report=report, by=chairman)
    report.refresh_from_db()
    assert report.status == TeamReport.Status.ACCEPTED


def test_the_clerk_does_not_accept_a_report_they_last_corrected(report, clerk):
    services.report_correct(report=report, values=values(digital_addresses=5), by=clerk)
    with pytest.raises(PermissionDenied):
        approval.report_accept(report=report, by=clerk)


def test_the_chairman_does_not_accept_a_leaders_report(report, chairman):
    with pytest.raises(PermissionDenied) as exc:
        approval.report_accept(report=report, by=chairman)
    assert "Only the clerk of" in message(exc)


@pytest.mark.parametrize("who", ["leader", "supervisor", "other_clerk"])
def test_no_one_but_the_clerk_accepts_or_returns(report, leader, supervisor, who):
    by = {"leader": leader, "supervisor": supervisor, "other_clerk": clerk_of(other_commune())}[who]
    with pytest.raises(PermissionDenied):
        approval.report_accept(report=report, by=by)
    with pytest.raises(PermissionDenied):
        approval.report_return(report=report, comment="Sửa.", by=by)
    assert report.events.count() == 0


@pytest.mark.parametrize("who", ["clerk", "leader", "supervisor", "other_chairman"])
def test_only_the_communes_chairman_approves(period, report, clerk, leader, supervisor, who):
    approval.report_accept(report=report, by=clerk)
    other = factories.OfficialFactory(commune=other_commune(), role=Official.Role.CHAIRMAN).user
    by = {"clerk": clerk, "leader": leader, "supervisor": supervisor, "other_chairman": other}[who]
    with pytest.raises(PermissionDenied):
        approval.period_approve(period=period, by=by)
    unchanged(period, report, status=Status.OPEN, report_status="accepted", events=0, report_events=1)


@pytest.mark.parametrize("who", ["clerk", "chairman", "vice_chairman", "leader", "national"])
def test_the_communes_officials_and_the_national_officer_do_not_accept_the_month(
    period, report, clerk, chairman, vice_chairman, leader, who
):
    approved(period, report, clerk, chairman)
    by = {
        "clerk": clerk,
        "chairman": chairman,
        "vice_chairman": vice_chairman,
        "leader": leader,
        "national": national_officer(),
    }[who]
    with pytest.raises(PermissionDenied) as exc:
        approval.period_accept(period=period, by=by)
    assert "Only the supervisor of" in message(exc)
    period.refresh_from_db()
    assert (period.status, period.events.count()) == (Status.APPROVED, 1)


def test_another_districts_officer_does_not_accept(period, report, clerk, chairman):
    approved(period, report, clerk, chairman)
    elsewhere = factories.DistrictFactory(code="999", name="Can Lộc")
    officer = factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=elsewhere, commune=None).user
    with pytest.raises(PermissionDenied):
        approval.period_accept(period=period, by=officer)


def test_the_province_officer_does_not_accept_a_month_before_the_reform(period, commune, report, clerk, chairman):
    approved(period, report, clerk, chairman)
    with pytest.raises(PermissionDenied):
        approval.period_accept(period=period, by=province_officer_of(commune.province))


def test_after_the_reform_the_province_accepts_not_the_district(commune, team, leader, clerk, chairman):
    period = factories.ReportingPeriodFactory(commune=commune, year=2025, month=7)
    report = file(team, period, leader, digital_addresses=4)
    approved(period, report, clerk, chairman)
    with pytest.raises(PermissionDenied):
        approval.period_accept(period=period, by=district_officer_of(commune))
    other_province = factories.ProvinceFactory(code="99", name="Nghệ An")
    with pytest.raises(PermissionDenied):
        approval.period_accept(period=period, by=province_officer_of(other_province))
    officer = province_officer_of(commune.province)
    assert approval.period_accept(period=period, by=officer).status == Status.ACCEPTED


def test_only_the_supervisor_reopens(period, report, clerk, chairman, supervisor, leader):
    accepted(period, report, clerk, chairman, supervisor)
    for by in (clerk, chairman, leader, national_officer()):
        with pytest.raises(PermissionDenied):
            approval.period_reopen(period=period, reason="Sửa số liệu.", by=by)
    period.refresh_from_db()
    assert (period.status, period.events.count()) == (Status.ACCEPTED, 2)


# Comments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\n"])
def test_returning_needs_a_comment(report, clerk, blank):
    with pytest.raises(ValidationError) as exc:
        approval.report_return(report=report, comment=blank, by=clerk)
    assert "Write the reason" in message(exc)
    report.refresh_from_db()
    assert (report.status, report.events.count()) == (TeamReport.Status.FILED, 0)


def test_sending_back_and_reopening_need_a_reason(period, report, clerk, chairman, supervisor):
    approved(period, report, clerk, chairman)
    with pytest.raises(ValidationError):
        approval.period_send_back(period=period, comment=" ", by=supervisor)
    approval.period_accept(period=period, by=supervisor)
    with pytest.raises(ValidationError):
        approval.period_reopen(period=period, reason="", by=supervisor)
    period.refresh_from_db()
    assert (period.status, period.events.count()) == (Status.ACCEPTED, 2)


def test_a_comment_too_long_is_refused_and_one_at_the_limit_kept(report, clerk):
    with pytest.raises(ValidationError) as exc:
        approval.report_return(report=report, comment="x" * (COMMENT_MAX + 1), by=clerk)
    assert f"at most {COMMENT_MAX} characters long (this one has {COMMENT_MAX + 1})" in message(exc)
    approval.report_return(report=report, comment="x" * COMMENT_MAX, by=clerk)
    assert report.events.get(action="returned").comment == "x" * COMMENT_MAX


def test_a_comment_is_stored_nfc(report, clerk):
    decomposed = "Thiếu số liệu".replace("ế", "e\u0302\u0301")
    approval.report_return(report=report, comment=decomposed, by=clerk)
    assert report.events.get(action="returned").comment == "Thiếu số liệu"


def test_events_name_their_action():
    assert str(TeamReportEvent.Action.RETURNED.label) == "returned with a comment"
    assert str(PeriodEvent.Action.REOPENED.label) == "reopened by the supervisor"
    assert ReportValue._meta.get_field("value").null


# Whose months: the supervisors' list and the single check agree ------------------------------


MONTHS = [(2024, 6), (2024, 7), (2024, 12), (2025, 6), (2025, 7), (2025, 12), (2026, 6)]


@pytest.mark.parametrize("who", ["district", "other district", "province", "national", "clerk", "no official"])
def test_the_months_a_supervisor_lists_are_those_they_may_accept(commune, who):
    """``scoping.supervised_filter`` (the list of months to accept) picks exactly the months
    ``scoping.may_supervise`` lets the user accept: the district's before 1 July 2025, the
    province's from then on, nobody else's."""
    from accounts import scoping

    can_loc = factories.DistrictFactory(place_list=commune.place_list, code=443, name="Can Lộc")
    neighbour = factories.CommuneFactory(place_list=commune.place_list, code=18280, name="Tùng Lộc", district=can_loc)
    periods = [
        factories.ReportingPeriodFactory(commune=place, year=year, month=month)
        for place in (commune, neighbour)
        for year, month in MONTHS
    ]
    user = {
        "district": lambda: district_officer_of(commune),
        "other district": lambda: district_officer_of(neighbour),
        "province": lambda: province_officer_of(commune.province),
        "national": national_officer,
        "clerk": lambda: factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user,
        "no official": lambda: factories.UserFactory(),
    }[who]()
    listed = set(ReportingPeriod.objects.filter(scoping.supervised_filter(user)).values_list("pk", flat=True))
    allowed = {p.pk for p in periods if scoping.may_supervise(user, p.commune, on=p.first_day)}
    assert listed == allowed
    mine = {(p.year, p.month) for p in periods if p.pk in listed and p.commune == commune}
    expected = {
        "district": {(2024, 6), (2024, 7), (2024, 12), (2025, 6)},
        "province": {(2025, 7), (2025, 12), (2026, 6)},
    }.get(who, set())
    assert mine == expected
