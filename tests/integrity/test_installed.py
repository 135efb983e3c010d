"""Every trigger and constraint of the integrity app is in the database, and only while it is migrated.

On SQLite a later migration that rebuilds a guarded table (AlterField, AddConstraint, ...)
drops that table's triggers with the old table: the first test then names what is missing,
and a new integrity migration must create it again.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from decisions.models import Decision
from documents.models import RegisterEntry
from teams import services
from teams.models import Membership

POSTGRESQL_TRIGGERS = {
    "integrity_decision_issued",
    "integrity_communereport_issued",
    "integrity_decisionmember_frozen",
    "integrity_decisionbasis_frozen",
    "integrity_decisionevent_frozen",
    "integrity_communereportevent_frozen",
    "integrity_registerentry_kept",
    "integrity_registerentry_frozen",
    "integrity_membership_ended",
    "integrity_membership_started_kept",
    "integrity_membership_commune_insert",
    "integrity_membership_commune_update",
    "integrity_reform_applied",
    "integrity_succession_kept",
    "integrity_villagemove_kept",
    "integrity_villagemove_assigned_once",
    "integrity_villagechange_kept",
    "integrity_village_ceased",
    "integrity_attachment_kept",
    "integrity_reportvalue_accepted",
    "integrity_stipendrule_started",
}
POSTGRESQL_FUNCTIONS = {
    "integrity_refuse",
    "integrity_refuse_if_decision_issued",
    "integrity_refuse_if_report_issued",
    "integrity_refuse_other_commune",
    "integrity_refuse_if_report_accepted",
}
POSTGRESQL_CONSTRAINTS = {
    "integrity_decision_status_valid",
    "integrity_decision_kind_valid",
    "integrity_decisionmember_role_valid",
    "integrity_communereport_status_valid",
    "integrity_stipendrule_first_day",
}
SQLITE_TRIGGERS = {
    "integrity_decision_issued_update",
    "integrity_decision_issued_delete",
    "integrity_communereport_issued_update",
    "integrity_communereport_issued_delete",
    "integrity_decisionmember_frozen_insert",
    "integrity_decisionmember_frozen_update",
    "integrity_decisionmember_frozen_delete",
    "integrity_decisionbasis_frozen_insert",
    "integrity_decisionbasis_frozen_update",
    "integrity_decisionbasis_frozen_delete",
    "integrity_decisionevent_frozen_update",
    "integrity_decisionevent_frozen_delete",
    "integrity_communereportevent_frozen_update",
    "integrity_communereportevent_frozen_delete",
    "integrity_registerentry_kept_delete",
    "integrity_registerentry_frozen_update",
    "integrity_membership_ended_update",
    "integrity_membership_ended_delete",
    "integrity_membership_started_kept_delete",
    "integrity_membership_commune_insert",
    "integrity_membership_commune_update",
    "integrity_reform_update",
    "integrity_reform_delete",
    "integrity_succession_update",
    "integrity_succession_delete",
    "integrity_villagemove_delete",
    "integrity_villagemove_update",
    "integrity_villagechange_update",
    "integrity_villagechange_delete",
    "integrity_village_ceased_update",
    "integrity_attachment_kept_update",
    "integrity_attachment_kept_delete",
    "integrity_reportvalue_accepted_insert",
    "integrity_reportvalue_accepted_update",
    "integrity_reportvalue_accepted_delete",
    "integrity_stipendrule_first_day_insert",
    "integrity_stipendrule_first_day_update",
    "integrity_stipendrule_started_update",
    "integrity_stipendrule_started_delete",
    *(
        f"integrity_{rule}_valid_{event}"
        for rule in ("decision_status", "decision_kind", "decisionmember_role", "communereport_status")
        for event in ("insert", "update")
    ),
}


def installed() -> dict[str, set[str]]:
    """What the database holds whose name starts with ``integrity_``."""
    queries = {
        "sqlite": {"triggers": "SELECT name FROM sqlite_master WHERE type = 'trigger'"},
        "postgresql": {
            "triggers": "SELECT tgname FROM pg_trigger",
            "functions": "SELECT proname FROM pg_proc",
            "constraints": "SELECT conname FROM pg_constraint",
        },
    }[connection.vendor]
    found = {}
    with connection.cursor() as cursor:
        for what, sql in queries.items():
            cursor.execute(sql)
            found[what] = {name for (name,) in cursor.fetchall() if name.startswith("integrity_")}
    return found


def expected() -> dict[str, set[str]]:
    if connection.vendor == "sqlite":
        return {"triggers": SQLITE_TRIGGERS}
    return {"triggers": POSTGRESQL_TRIGGERS, "functions": POSTGRESQL_FUNCTIONS, "constraints": POSTGRESQL_CONSTRAINTS}


@pytest.mark.django_db
def test_every_rule_is_installed():
    assert installed() == expected()


@pytest.mark.django_db(transaction=True)
def test_migrating_back_removes_every_rule_and_forward_puts_them_back():
    executor = MigrationExecutor(connection)
    executor.migrate([("integrity", None)])
    try:
        assert all(not names for names in installed().values())
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert installed() == expected()


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_the_guarded_tables_and_keeps_the_rules(issued_decision, day):
    """What every test that commits does at its end (on SQLite: DELETE, which the triggers
    would refuse; on PostgreSQL: TRUNCATE, which no row trigger sees)."""
    services.membership_end(membership=issued_decision.memberships_started.first(), end_date=day)
    call_command("flush", interactive=False, verbosity=0)
    assert not Decision._base_manager.exists()
    assert not RegisterEntry._base_manager.exists()
    assert not Membership._base_manager.exists()
    assert installed() == expected()
