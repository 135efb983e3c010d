"""A commune report's trail is frozen with it, as a decision's is (0001).

reports_communereportevent: an issued report's events are never changed or deleted;
inserting stays allowed, since the issuing transaction records its event after the status
has become 'issued'. On PostgreSQL the report's row is read FOR SHARE, as in 0001.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

FROZEN_EVENTS = "tungAnh: the trail of an issued commune report is never rewritten; only new events are added."

POSTGRESQL = [
    """
    CREATE FUNCTION integrity_refuse_if_report_issued() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        report_status text;
    BEGIN
        SELECT status INTO report_status FROM reports_communereport WHERE id = OLD.report_id FOR SHARE;
        IF report_status = 'issued' THEN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END IF;
        IF TG_OP = 'UPDATE' THEN
            SELECT status INTO report_status FROM reports_communereport WHERE id = NEW.report_id FOR SHARE;
            IF report_status = 'issued' THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER integrity_communereportevent_frozen
    BEFORE UPDATE OR DELETE ON reports_communereportevent
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_if_report_issued('{FROZEN_EVENTS}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_communereportevent_frozen ON reports_communereportevent",
    "DROP FUNCTION IF EXISTS integrity_refuse_if_report_issued()",
]

REPORT_IS_ISSUED = "(SELECT status FROM reports_communereport WHERE id = {row}.report_id) = 'issued'"
SQLITE = [
    f"""
    CREATE TRIGGER integrity_communereportevent_frozen_update
    BEFORE UPDATE ON reports_communereportevent
    FOR EACH ROW WHEN ({REPORT_IS_ISSUED.format(row="OLD")} OR {REPORT_IS_ISSUED.format(row="NEW")})
    BEGIN SELECT RAISE(ABORT, '{FROZEN_EVENTS}'); END
    """,
    f"""
    CREATE TRIGGER integrity_communereportevent_frozen_delete
    BEFORE DELETE ON reports_communereportevent
    FOR EACH ROW WHEN {REPORT_IS_ISSUED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_EVENTS}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_communereportevent_frozen_delete",
    "DROP TRIGGER IF EXISTS integrity_communereportevent_frozen_update",
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0004_allowed_values")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
