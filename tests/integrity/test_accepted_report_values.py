"""The figures of an accepted report are locked in the database: whatever goes around the
services (the base manager, bulk writes, raw SQL), a value of a report the clerk accepted,
or of a month the supervisor accepted, is neither inserted, changed nor deleted."""

import pytest

from reports import approval, services
from reports.models import ReportValue, TeamReport
from tests import factories
from tests.integrity import execute, refused
from tests.reports import active_team, district_officer_of, file, leader_of, values

pytestmark = pytest.mark.django_db

LOCKED = "tungAnh: the figures of an accepted report are locked; the supervisor reopens the month first."


@pytest.fixture
def period(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def report(team, period):
    return file(team, period, leader_of(team), digital_addresses=12)


def value_of(report) -> ReportValue:
    return ReportValue.objects.get(report=report, indicator="digital_addresses")


def test_a_filed_report_is_corrected_in_place(report):
    ReportValue._base_manager.filter(pk=value_of(report).pk).update(value=13)
    assert value_of(report).value == 13


def test_a_report_the_clerk_accepted_refuses_every_write(report, clerk):
    approval.report_accept(report=report, by=clerk)
    value = value_of(report)
    with refused(LOCKED):
        ReportValue._base_manager.filter(pk=value.pk).update(value=99)
    with refused(LOCKED):
        execute("UPDATE reports_reportvalue SET value = 99 WHERE id = %s", [value.pk])
    with refused(LOCKED):
        execute("DELETE FROM reports_reportvalue WHERE id = %s", [value.pk])
    with refused(LOCKED):
        ReportValue.objects.bulk_create(
            [ReportValue(report=report, indicator="digital_addresses", value=99)],
            update_conflicts=True,
            unique_fields=["report", "indicator"],
            update_fields=["value"],
        )
    assert value_of(report).value == 12


def test_a_value_is_not_slipped_into_an_accepted_report(report, clerk):
    ReportValue.objects.filter(report=report, indicator="health_apps").delete()  # filed: allowed
    approval.report_accept(report=report, by=clerk)
    with refused(LOCKED):
        ReportValue.objects.create(report=report, indicator="health_apps", value=5)
    assert not ReportValue.objects.filter(report=report, indicator="health_apps").exists()


def test_an_accepted_month_locks_its_returned_reports_too(commune, report, period, clerk, chairman):
    second = active_team(commune, name="Thông Tự")
    returned = file(second, period, leader_of(second), digital_addresses=3)
    approval.report_return(report=returned, comment="Sai thôn.", by=clerk)
    approval.report_accept(report=report, by=clerk)
    approval.period_approve(period=period, by=chairman)
    approval.period_accept(period=period, by=district_officer_of(commune))
    with refused(LOCKED):
        ReportValue._base_manager.filter(report=returned).update(value=0)
    assert value_of(returned).value == 3


def test_reopened_and_returned_the_figures_change_again(commune, report, period, clerk, chairman):
    supervisor = district_officer_of(commune)
    approval.report_accept(report=report, by=clerk)
    approval.period_approve(period=period, by=chairman)
    approval.period_accept(period=period, by=supervisor)
    approval.period_reopen(period=period, reason="Xã xin sửa.", by=supervisor)
    approval.report_return(report=report, comment="Sửa số hộ.", by=clerk)
    leader = TeamReport.objects.get(pk=report.pk).filed_by
    services.report_correct(report=report, values=values(digital_addresses=11), by=leader)
    assert value_of(report).value == 11
