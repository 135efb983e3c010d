"""A plan's stipend rule (reports 0012) starts on the 1st of a month, and once that month
has begun it is never changed or deleted: a stipend list may have used it, and history is
not rewritten (a change of amount or levels is a new rule from a later month). The admin
shows such a rule read-only and its form refuses another day; these are the same rules
for every other path.

"Begun" is judged by the date in Vietnam (UTC+7 all year, no summer time: the project's
TIME_ZONE), not by the database server's clock, so that the database and the admin agree
at midnight.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

FIRST_DAY = "tungAnh: a stipend rule starts on the first day of a month."
STARTED = "tungAnh: a stipend rule whose first month has begun is never changed or deleted; add a new rule."

POSTGRESQL = [
    "ALTER TABLE reports_stipendrule ADD CONSTRAINT integrity_stipendrule_first_day "
    "CHECK (EXTRACT(DAY FROM valid_from) = 1)",
    f"""
    CREATE TRIGGER integrity_stipendrule_started
    BEFORE UPDATE OR DELETE ON reports_stipendrule
    FOR EACH ROW WHEN (OLD.valid_from <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
    EXECUTE FUNCTION integrity_refuse('{STARTED}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_stipendrule_started ON reports_stipendrule",
    "ALTER TABLE reports_stipendrule DROP CONSTRAINT IF EXISTS integrity_stipendrule_first_day",
]

SQLITE = [
    *(
        f"""
        CREATE TRIGGER integrity_stipendrule_first_day_{event.lower()}
        BEFORE {event} ON reports_stipendrule
        FOR EACH ROW WHEN strftime('%d', NEW.valid_from) IS NOT '01'
        BEGIN SELECT RAISE(ABORT, '{FIRST_DAY} (integrity_stipendrule_first_day)'); END
        """
        for event in ("INSERT", "UPDATE")
    ),
    *(
        f"""
        CREATE TRIGGER integrity_stipendrule_started_{event.lower()}
        BEFORE {event} ON reports_stipendrule
        FOR EACH ROW WHEN OLD.valid_from <= date('now', '+7 hours')
        BEGIN SELECT RAISE(ABORT, '{STARTED}'); END
        """
        for event in ("UPDATE", "DELETE")
    ),
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_stipendrule_started_delete",
    "DROP TRIGGER IF EXISTS integrity_stipendrule_started_update",
    "DROP TRIGGER IF EXISTS integrity_stipendrule_first_day_update",
    "DROP TRIGGER IF EXISTS integrity_stipendrule_first_day_insert",
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0011_accepted_report_values"), ("reports", "0012_stipend_rules")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
