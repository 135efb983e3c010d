"""The membership rules of 0003 again, on SQLite, after teams 0011 rebuilt teams_membership.

SQLite cannot drop a constraint in place: teams 0011 (the plan sets a team's size, so the
constraints "seat 1 to 3" and "one active deputy" go) copies the table, and the copy has
no triggers. PostgreSQL alters the table in place and keeps them: nothing to do there.
"""

from importlib import import_module

from django.db import migrations

from integrity.operations import RunSQLPerVendor

MEMBERSHIPS = import_module("integrity.migrations.0003_memberships")


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0006_reforms"),
        ("teams", "0011_plan_sets_team_composition"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=[],
            postgresql_reverse=[],
            sqlite=[*MEMBERSHIPS.SQLITE_REVERSE, *MEMBERSHIPS.SQLITE],
            sqlite_reverse=[],
        ),
    ]
