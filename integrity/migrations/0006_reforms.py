"""A reform of administrative units is history once applied (teams 0007).

teams_reform and teams_succession: never changed or deleted. teams_villagemove: never
deleted; a move waiting for its commune (``to_commune_id`` empty) may be assigned once,
and nothing else of it changes.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

APPLIED = "tungAnh: an applied reform and its successions are history: they are never changed or deleted."
MOVED = "tungAnh: the move of a village is history: only a village waiting for its commune may be assigned, once."

KEPT_COLUMNS = ("village_id", "from_commune_id", "on", "reform_id")
SAME = " AND ".join(f'NEW."{c}" IS NOT DISTINCT FROM OLD."{c}"' for c in KEPT_COLUMNS)
SAME_SQLITE = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in KEPT_COLUMNS)

POSTGRESQL = [
    f"""
    CREATE TRIGGER integrity_reform_applied
    BEFORE UPDATE OR DELETE ON teams_reform
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{APPLIED}')
    """,
    f"""
    CREATE TRIGGER integrity_succession_kept
    BEFORE UPDATE OR DELETE ON teams_succession
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{APPLIED}')
    """,
    f"""
    CREATE TRIGGER integrity_villagemove_kept
    BEFORE DELETE ON teams_villagemove
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{MOVED}')
    """,
    f"""
    CREATE TRIGGER integrity_villagemove_assigned_once
    BEFORE UPDATE ON teams_villagemove
    FOR EACH ROW WHEN (OLD.to_commune_id IS NOT NULL OR NOT ({SAME}))
    EXECUTE FUNCTION integrity_refuse('{MOVED}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_villagemove_assigned_once ON teams_villagemove",
    "DROP TRIGGER IF EXISTS integrity_villagemove_kept ON teams_villagemove",
    "DROP TRIGGER IF EXISTS integrity_succession_kept ON teams_succession",
    "DROP TRIGGER IF EXISTS integrity_reform_applied ON teams_reform",
]

SQLITE = [
    *(
        f"""
        CREATE TRIGGER integrity_{name}_{event.lower()}
        BEFORE {event} ON teams_{name}
        BEGIN SELECT RAISE(ABORT, '{APPLIED}'); END
        """
        for name in ("reform", "succession")
        for event in ("UPDATE", "DELETE")
    ),
    f"""
    CREATE TRIGGER integrity_villagemove_delete
    BEFORE DELETE ON teams_villagemove
    BEGIN SELECT RAISE(ABORT, '{MOVED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_villagemove_update
    BEFORE UPDATE ON teams_villagemove
    FOR EACH ROW WHEN (OLD.to_commune_id IS NOT NULL OR NOT ({SAME_SQLITE}))
    BEGIN SELECT RAISE(ABORT, '{MOVED}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_villagemove_update",
    "DROP TRIGGER IF EXISTS integrity_villagemove_delete",
    *(
        f"DROP TRIGGER IF EXISTS integrity_{name}_{event}"
        for name in ("succession", "reform")
        for event in ("delete", "update")
    ),
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0005_commune_report_events"), ("teams", "0007_reforms")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
