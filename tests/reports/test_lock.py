"""An accepted month is locked against every role: no report is filed or corrected, by the
services or through the report's page, and only the supervisor reopens it. A report the
clerk accepted is locked against its leader too. Filing stays cheap in queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Official
from reports import approval, services
from reports.models import ReportingPeriod, ReportValue, TeamReport
from tests import factories
from tests.reports import active_team, district_officer_of, file, leader_of, url, values

pytestmark = pytest.mark.django_db

ROLES = [
    "team_leader",
    "clerk",
    "chairman",
    "vice_chairman",
    "district_officer",
    "province_officer",
    "national_officer",
]


@pytest.fixture
def world(commune, clerk, chairman, vice_chairman):
    """10/2022 accepted by the district: Đông Thái filed, Thông Tự did not."""
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    dong_thai, thong_tu = active_team(commune, name="Đông Thái"), active_team(commune, name="Thông Tự")
    leader = leader_of(dong_thai)
    report = file(dong_thai, period, leader, digital_addresses=12)
    supervisor = district_officer_of(commune)
    approval.report_accept(report=report, by=clerk)
    approval.period_approve(period=period, by=chairman)
    approval.period_accept(period=period, by=supervisor)
    users = {
        "team_leader": leader,
        "clerk": clerk,
        "chairman": chairman,
        "vice_chairman": vice_chairman,
        "district_officer": supervisor,
        "province_officer": factories.OfficialFactory(
            role=Official.Role.PROVINCE_OFFICER, province=commune.province, commune=None
        ).user,
        "national_officer": factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user,
    }
    return {"period": period, "report": report, "filed": dong_thai, "missing": thong_tu, "users": users}


def stored(world) -> list:
    return list(ReportValue.objects.order_by("pk").values_list("report_id", "indicator", "value"))


@pytest.mark.parametrize("role", ROLES)
def test_an_accepted_month_refuses_every_roles_correction(world, role):
    before = stored(world)
    with pytest.raises((PermissionDenied, ValidationError)) as exc:
        services.report_correct(report=world["report"], values=values(digital_addresses=99), by=world["users"][role])
    if role in ("team_leader", "clerk"):
        assert "accepted by the supervisor: it is locked" in " ".join(exc.value.messages)
    assert stored(world) == before


@pytest.mark.parametrize("role", ROLES)
def test_an_accepted_month_refuses_every_roles_filing(world, role):
    with pytest.raises((PermissionDenied, ValidationError)):
        services.report_file(team=world["missing"], period=world["period"], values=values(), by=world["users"][role])
    assert TeamReport.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_an_accepted_month_refuses_every_roles_close_approval_and_review(world, role):
    by, period, report = world["users"][role], world["period"], world["report"]
    with pytest.raises((PermissionDenied, ValidationError)):
        services.period_close(period=period, by=by)
    with pytest.raises((PermissionDenied, ValidationError)):
        approval.period_approve(period=period, by=by)
    with pytest.raises((PermissionDenied, ValidationError)):
        approval.report_return(report=report, comment="Sửa.", by=by)
    period.refresh_from_db()
    assert (period.status, period.events.count()) == (ReportingPeriod.Status.ACCEPTED, 2)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "district_officer"])
def test_no_one_but_the_supervisor_reopens(world, role):
    with pytest.raises(PermissionDenied):
        approval.period_reopen(period=world["period"], reason="Sửa số liệu.", by=world["users"][role])


def test_once_reopened_the_leader_corrects_what_the_clerk_returns(world):
    users, report = world["users"], world["report"]
    approval.period_reopen(period=world["period"], reason="Xã xin sửa.", by=users["district_officer"])
    approval.report_return(report=report, comment="Sửa số hộ.", by=users["clerk"])
    services.report_correct(report=report, values=values(digital_addresses=13), by=users["team_leader"])
    assert report.values.get(indicator="digital_addresses").value == 13


def test_the_leaders_page_of_an_accepted_month_has_no_form_and_refuses_a_post(client, world):
    client.force_login(world["users"]["team_leader"])
    page = url("reports:report_file", world["period"].pk, world["filed"].pk)
    response = client.get(page)
    assert response.status_code == 200
    assert b'name="digital_addresses"' not in response.content
    before = stored(world)
    response = client.post(page, {"digital_addresses": "99", "note": ""}, follow=True)
    assert "accepted by the supervisor: it is locked" in response.content.decode()
    assert stored(world) == before


def test_a_report_the_clerk_accepted_is_locked_against_its_leader(commune, clerk):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    team = active_team(commune, name="Đông Thái")
    leader = leader_of(team)
    report = file(team, period, leader, digital_addresses=12)
    approval.report_accept(report=report, by=clerk)
    with pytest.raises(ValidationError) as exc:
        services.report_correct(report=report, values=values(digital_addresses=1), by=leader)
    assert "The clerk has accepted this report" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        services.report_file(team=team, period=period, values=values(), by=leader)
    assert report.values.get(indicator="digital_addresses").value == 12


def test_filing_a_report_stays_within_ten_queries(commune):
    """Ten queries at most (7 today: the leader, the month locked, the set with its indicators,
    the report, its audit entry, the village's households, the figures), beside the four
    SAVEPOINT and RELEASE statements of the service's transaction and of the insert that may
    find the report filed twice."""
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    team = active_team(commune, name="Đông Thái")
    leader = leader_of(team)
    # As the report's page loads it; the audit log's content type is cached once per process.
    team = type(team).objects.select_related("commune", "village").get(pk=team.pk)
    ContentType.objects.get_for_model(TeamReport)
    with CaptureQueriesContext(connection) as captured:
        services.report_file(team=team, period=period, values=values(digital_addresses=5), by=leader)
    statements = [query["sql"].split(None, 1)[0].upper() for query in captured]
    queries = [verb for verb in statements if verb not in {"SAVEPOINT", "RELEASE"}]
    assert len(queries) <= 10, statements
    assert len(statements) <= 11, statements
