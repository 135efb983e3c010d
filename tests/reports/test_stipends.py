"""The stipend list of a month: the plan's rule, who it pays and why not, the XLSX, the PDF, and
the attachment the chairman issues with the commune report."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from reports import approval, stipends
from reports.admin import StipendRuleAdmin
from reports.models import StipendRule, TeamReport
from teams.models import Team
from tests import factories
from tests.reports import active_team, file, leader_of

pytestmark = pytest.mark.django_db

BASIS = "Nghị quyết số 09/2024/NQ-HĐND ngày 12/7/2024 của HĐND tỉnh Hà Tĩnh"
SET_UP = datetime.date(2022, 10, 4)  # the teams' establishment: November is their first whole month


@pytest.fixture
def plan(commune):
    return factories.PlanFactory(commune=commune)


@pytest.fixture
def rule(plan):
    return StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 10, 1), amount=600_000, basis=BASIS)


@pytest.fixture
def november(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)


def accepted(team, period, by):
    report = file(team, period, by, digital_addresses=3)
    TeamReport.objects.filter(pk=report.pk).update(status=TeamReport.Status.ACCEPTED)
    return report


def row_of(listed, team):
    (row,) = [row for row in listed.rows if row.team.pk == team.pk]
    return row


# The rule --------------------------------------------------------------------------------------


def test_a_team_active_the_whole_month_with_its_report_accepted_is_paid(commune, rule, november, clerk):
    team = active_team(commune, name="Đông Thái", established_on=SET_UP)
    accepted(team, november, clerk)
    listed = stipends.stipend_list(november)
    assert listed.rule == rule and listed.plan == rule.plan
    (row,) = listed.rows
    assert row.entitled and row.active_whole_month and row.amount == 600_000 and row.reasons == ()
    assert listed.total == 600_000 and listed.entitled_count == 1


def test_the_clerks_acceptance_through_the_approval_pays(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    report = file(team, november, leader_of(team, day=SET_UP))
    assert row_of(stipends.stipend_list(november), team).reasons == (stipends.Reason(stipends.Reason.REPORT_WAITING),)
    approval.report_accept(report=report, by=clerk)
    assert row_of(stipends.stipend_list(november), team).entitled


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (None, stipends.Reason.NO_REPORT),
        (TeamReport.Status.FILED, stipends.Reason.REPORT_WAITING),
        (TeamReport.Status.RETURNED, stipends.Reason.REPORT_RETURNED),
    ],
)
def test_a_report_not_accepted_is_not_paid(commune, rule, november, clerk, status, code):
    team = active_team(commune, established_on=SET_UP)
    if status is not None:
        report = file(team, november, clerk)
        TeamReport.objects.filter(pk=report.pk).update(status=status)
    (row,) = stipends.stipend_list(november).rows
    assert not row.entitled and row.amount == 0
    assert row.reasons == (stipends.Reason(code),)
    assert row.active_whole_month


def test_a_team_established_after_the_first_day_is_not_paid(commune, rule, clerk):
    october = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    team = active_team(commune, established_on=SET_UP)
    accepted(team, october, clerk)
    (row,) = stipends.stipend_list(october).rows
    assert not row.entitled and not row.active_whole_month
    assert str(row.reasons[0]) == "established on 04/10/2022, not active the whole month"
    assert row.reason_printed == "Thành lập ngày 04/10/2022, không hoạt động cả tháng"


def test_a_team_established_on_the_first_day_is_paid(commune, rule, november, clerk):
    team = active_team(commune, established_on=datetime.date(2022, 11, 1))
    accepted(team, november, clerk)
    assert row_of(stipends.stipend_list(november), team).entitled


def test_a_team_dissolved_during_the_month_is_listed_and_not_paid(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 11, 20))
    row = row_of(stipends.stipend_list(november), team)
    assert not row.entitled and not row.active_whole_month
    assert [str(reason) for reason in row.reasons] == [
        "dissolved on 20/11/2022, not active the whole month",
        "no report filed",
    ]
    assert row.reason_text == "dissolved on 20/11/2022, not active the whole month; no report filed"


def test_a_team_dissolved_after_the_month_was_active_the_whole_of_it(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    accepted(team, november, clerk)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 12, 1))
    assert row_of(stipends.stipend_list(november), team).entitled


def test_a_team_dissolved_before_the_month_is_not_listed(commune, rule, november):
    team = active_team(commune, established_on=SET_UP)
    Team.objects.filter(pk=team.pk).update(status=Team.Status.DISSOLVED, dissolved_on=datetime.date(2022, 10, 31))
    assert stipends.stipend_list(november).rows == []


@pytest.mark.parametrize(
    ("levels", "paid", "code"),
    [
        (StipendRule.Levels.BOTH, {"commune", "village"}, None),
        (StipendRule.Levels.VILLAGE, {"village"}, stipends.Reason.LEVEL_VILLAGE_ONLY),
        (StipendRule.Levels.COMMUNE, {"commune"}, stipends.Reason.LEVEL_COMMUNE_ONLY),
    ],
)
def test_the_rule_pays_the_levels_it_covers(commune, rule, november, clerk, levels, paid, code):
    StipendRule.objects.filter(pk=rule.pk).update(levels=levels)
    teams = [
        active_team(commune, established_on=SET_UP, level=Team.Level.COMMUNE),
        active_team(commune, established_on=SET_UP),
    ]
    for team in teams:
        accepted(team, november, clerk)
    listed = stipends.stipend_list(november)
    assert {row.team.level for row in listed.rows if row.entitled} == paid
    assert listed.total == 600_000 * len(paid)
    for row in listed.rows:
        if not row.entitled:
            assert row.reasons == (stipends.Reason(code),)


def test_a_month_takes_the_latest_rule_valid_from_its_first_day(commune, plan, rule, november, clerk):
    StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 12, 1), amount=700_000, basis=BASIS)
    december = factories.ReportingPeriodFactory(commune=commune, year=2022, month=12)
    team = active_team(commune, established_on=SET_UP)
    accepted(team, november, clerk)
    accepted(team, december, clerk)
    assert stipends.stipend_list(november).total == 600_000
    assert stipends.stipend_list(december).total == 700_000
    september = factories.ReportingPeriodFactory(commune=commune, year=2022, month=9)
    assert stipends.stipend_list(september).rule is None


def test_a_month_takes_the_rules_of_the_latest_plan_issued_by_its_end(commune, plan, rule, november, clerk):
    later = factories.PlanFactory(
        commune=commune, number_symbol="12/KH-UBND", issued_on=datetime.date(2022, 12, 5), team_name="Tổ công nghệ số"
    )
    StipendRule.objects.create(plan=later, valid_from=datetime.date(2022, 11, 1), amount=800_000, basis=BASIS)
    assert stipends.stipend_list(november).rule == rule  # the later plan was issued after November
    december = factories.ReportingPeriodFactory(commune=commune, year=2022, month=12)
    listed = stipends.stipend_list(december)
    assert listed.plan == later and listed.rule.amount == 800_000 and listed.team_name == "Tổ công nghệ số"


def test_without_a_rule_the_list_is_empty(commune, plan, november, clerk):
    accepted(active_team(commune, established_on=SET_UP), november, clerk)
    listed = stipends.stipend_list(november)
    assert listed.rule is None and listed.rows == [] and listed.total == 0
    assert stipends.stipend_list(factories.ReportingPeriodFactory(commune=other_commune_of(), month=11)).plan is None


def other_commune_of():
    return factories.CommuneFactory(code=18260, name="Tùng Lộc")


def test_each_row_names_the_leader_of_the_month(commune, rule, november, clerk):
    team = active_team(commune, established_on=SET_UP)
    leader_of(team, day=SET_UP)
    leader = team.memberships.get().person
    assert row_of(stipends.stipend_list(november), team).leader == leader.full_name


def test_the_list_costs_the_same_queries_for_2_teams_as_for_6(commune, rule, november, clerk):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            listed = stipends.stipend_list(november)
            [(row.leader, row.reasons) for row in listed.rows]
        return len(queries)

    for _ in range(2):
        team = active_team(commune, established_on=SET_UP)
        accepted(team, november, clerk)
        leader_of(team, day=SET_UP)
    two = count()
    for _ in range(4):
        accepted(active_team(commune, established_on=SET_UP), november, clerk)
    assert len(stipends.stipend_list(november).rows) == 6
    assert count() == two <= 5


# The rule's own rules --------------------------------------------------------------------------


def test_a_rule_pays_more_than_nothing(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        StipendRule.objects.create(plan=plan, valid_from=datetime.date(2022, 10, 1), amount=0, basis=BASIS)


def test_a_plan_has_one_rule_from_a_day(plan, rule):
    with pytest.raises(IntegrityError), transaction.atomic():
        StipendRule.objects.create(plan=plan, valid_from=rule.valid_from, amount=500_000, basis=BASIS)


def test_a_rule_starts_on_the_first_of_a_month(plan):
    with pytest.raises(ValidationError, match="first day of a month"):
        StipendRule(plan=plan, valid_from=datetime.date(2022, 10, 4), amount=600_000, basis=BASIS).full_clean()


def test_a_rule_whose_first_month_has_begun_is_read_only_in_the_admin(rf, admin_user, plan, rule):
    request = rf.get("/")
    request.user = admin_user
    model_admin = StipendRuleAdmin(StipendRule, None)
    assert not model_admin.has_change_permission(request, rule)
    assert not model_admin.has_delete_permission(request, rule)
    coming = StipendRule.objects.create(plan=plan, valid_from=datetime.date(2100, 1, 1), amount=1, basis=BASIS)
    assert model_admin.has_change_permission(request, coming)
    assert model_admin.has_add_permission(request)
