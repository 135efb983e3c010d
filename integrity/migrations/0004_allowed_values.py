"""The status, kind and role columns of decisions and reports hold one of their choices.

Decision.status and CommuneReport.status (draft, submitted, issued), Decision.kind
(establish, amend, dissolve), DecisionMember.role (leader, deputy, member). The teams app
declares its own such rules as ``CheckConstraint`` in its models; these models belong to
the decisions and reports apps, so their rules are written here:

- PostgreSQL: CHECK constraints, added with ALTER TABLE (named ``integrity_*`` so that
  they never collide with a constraint the models declare later; when they do declare
  one, a new integrity migration drops the one here);
- SQLite cannot add a CHECK to an existing table without rebuilding it (which Django
  does only for constraints the models declare), so a trigger on insert and one on update
  of the column refuse a value outside the choices, naming the rule as PostgreSQL's
  refusal names the constraint.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

STATUSES = "('draft', 'submitted', 'issued')"

# (table, column, allowed values, constraint or trigger name, message)
RULES = [
    (
        "decisions_decision",
        "status",
        STATUSES,
        "integrity_decision_status_valid",
        "tungAnh: a decision is draft, submitted or issued.",
    ),
    (
        "decisions_decision",
        "kind",
        "('establish', 'amend', 'dissolve')",
        "integrity_decision_kind_valid",
        "tungAnh: a decision establishes, amends or dissolves a team.",
    ),
    (
        "decisions_decisionmember",
        "role",
        "('leader', 'deputy', 'member')",
        "integrity_decisionmember_role_valid",
        "tungAnh: a member of a decision is the leader, the deputy or a member.",
    ),
    (
        "reports_communereport",
        "status",
        STATUSES,
        "integrity_communereport_status_valid",
        "tungAnh: a commune report is draft, submitted or issued.",
    ),
]

POSTGRESQL = [
    f"ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({column} IN {values})"
    for table, column, values, name, _message in RULES
]

POSTGRESQL_REVERSE = [
    f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}" for table, _column, _values, name, _message in reversed(RULES)
]

SQLITE = [
    f"""
    CREATE TRIGGER {name}_{event}
    BEFORE {event.upper()}{f" OF {column}" if event == "update" else ""} ON {table}
    FOR EACH ROW WHEN NEW.{column} NOT IN {values}
    BEGIN SELECT RAISE(ABORT, '{message} ({name})'); END
    """
    for table, column, values, name, message in RULES
    for event in ("insert", "update")
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}_{event}"
    for _table, _column, _values, name, _message in reversed(RULES)
    for event in ("update", "insert")
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0003_memberships")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
