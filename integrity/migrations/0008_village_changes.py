"""A village's rename or merge is history once recorded (teams 0012).

teams_villagechange: never changed or deleted. teams_village: once a village has ceased
(merged into another), the day it ceased, its name and its type never change: the name it
had is the name its history carries.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

RECORDED = "tungAnh: the rename or merge of a village is history: it is never changed or deleted."
CEASED = "tungAnh: a village that ceased keeps its name and the day it ceased."

KEPT = ("ceased_on", "name", "type_word")
CHANGED = " OR ".join(f'NEW."{c}" IS DISTINCT FROM OLD."{c}"' for c in KEPT)
CHANGED_SQLITE = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in KEPT)

POSTGRESQL = [
    f"""
    CREATE TRIGGER integrity_villagechange_kept
    BEFORE UPDATE OR DELETE ON teams_villagechange
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{RECORDED}')
    """,
    f"""
    CREATE TRIGGER integrity_village_ceased
    BEFORE UPDATE ON teams_village
    FOR EACH ROW WHEN (OLD.ceased_on IS NOT NULL AND ({CHANGED}))
    EXECUTE FUNCTION integrity_refuse('{CEASED}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_village_ceased ON teams_village",
    "DROP TRIGGER IF EXISTS integrity_villagechange_kept ON teams_villagechange",
]

SQLITE = [
    *(
        f"""
        CREATE TRIGGER integrity_villagechange_{event.lower()}
        BEFORE {event} ON teams_villagechange
        BEGIN SELECT RAISE(ABORT, '{RECORDED}'); END
        """
        for event in ("UPDATE", "DELETE")
    ),
    f"""
    CREATE TRIGGER integrity_village_ceased_update
    BEFORE UPDATE ON teams_village
    FOR EACH ROW WHEN (OLD.ceased_on IS NOT NULL AND ({CHANGED_SQLITE}))
    BEGIN SELECT RAISE(ABORT, '{CEASED}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_village_ceased_update",
    "DROP TRIGGER IF EXISTS integrity_villagechange_delete",
    "DROP TRIGGER IF EXISTS integrity_villagechange_update",
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0007_memberships_after_plans"), ("teams", "0012_village_changes")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
