"""reports 0009-0011: the eight become plan 246's set v1 and the default set, and every report
filed before points at its commune's plan 246 set, or at the default set."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reports.models import IndicatorDefinition, TeamReport
from tests import factories
from tests.reports import active_team, clerk_of, file

BEFORE = [("reports", "0008_report_approval")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_reports_filed_before_point_at_plan_246s_set_or_the_default_set(commune):
    factories.PlanFactory(commune=commune, issued_on=datetime.date(2022, 10, 3))
    with_plan = file(active_team(commune), factories.ReportingPeriodFactory(commune=commune), clerk_of(commune))
    elsewhere = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    without = file(active_team(elsewhere), factories.ReportingPeriodFactory(commune=elsewhere), clerk_of(elsewhere))
    migrate(BEFORE)
    try:
        new = migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        IndicatorSet = new.get_model("reports", "IndicatorSet")
        sets = dict(TeamReport.objects.values_list("pk", "indicator_set"))
        plan_246 = IndicatorSet.objects.get(plan__commune_id=commune.pk)
        default = IndicatorSet.objects.get(plan=None)
        assert (sets[with_plan.pk], sets[without.pk]) == (plan_246.pk, default.pk)
        assert (plan_246.version, plan_246.valid_from) == (1, datetime.date(2022, 10, 1))
        labels = list(plan_246.definitions.order_by("position").values_list("code", "label", "unit", "maximum"))
        vneid = "Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt"
        assert labels[2] == ("vneid_activations", vneid, "tài khoản", 5000)
        assert len(labels) == default.definitions.count() == 8
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_a_set_in_use_and_keeps_its_guard(commune):
    """What every test that commits does at its end (on SQLite: DELETE, which the guard refuses)."""
    file(active_team(commune), factories.ReportingPeriodFactory(commune=commune), clerk_of(commune))
    call_command("flush", interactive=False, verbosity=0)
    assert not IndicatorDefinition.objects.exists() and not TeamReport.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'reports_%'")
            assert len(cursor.fetchall()) == 5
