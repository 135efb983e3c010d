"""The figures of an accepted report are locked (reports.approval): the database refuses to
insert, change or delete a row of reports_reportvalue whose report the clerk accepted, or
whose month the supervisor accepted, whatever the code path. Reopening goes through the
status (the supervisor reopens the month, the clerk returns the report), never around it.

On PostgreSQL the report's and the month's rows are read FOR SHARE, as in 0001 and 0005: an
acceptance committing meanwhile waits for the write, or the write for it.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

LOCKED = "tungAnh: the figures of an accepted report are locked; the supervisor reopens the month first."

POSTGRESQL = [
    """
    CREATE FUNCTION integrity_refuse_if_report_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        locked boolean;
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            SELECT r.status = 'accepted' OR p.status = 'accepted' INTO locked
            FROM reports_teamreport r JOIN reports_reportingperiod p ON p.id = r.period_id
            WHERE r.id = OLD.report_id FOR SHARE OF r, p;
            IF locked THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            SELECT r.status = 'accepted' OR p.status = 'accepted' INTO locked
            FROM reports_teamreport r JOIN reports_reportingperiod p ON p.id = r.period_id
            WHERE r.id = NEW.report_id FOR SHARE OF r, p;
            IF locked THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER integrity_reportvalue_accepted
    BEFORE INSERT OR UPDATE OR DELETE ON reports_reportvalue
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_if_report_accepted('{LOCKED}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_reportvalue_accepted ON reports_reportvalue",
    "DROP FUNCTION IF EXISTS integrity_refuse_if_report_accepted()",
]

REPORT_IS_ACCEPTED = """EXISTS (
    SELECT 1 FROM reports_teamreport r JOIN reports_reportingperiod p ON p.id = r.period_id
    WHERE r.id = {row}.report_id AND (r.status = 'accepted' OR p.status = 'accepted'))"""
SQLITE = [
    f"""
    CREATE TRIGGER integrity_reportvalue_accepted_insert
    BEFORE INSERT ON reports_reportvalue
    FOR EACH ROW WHEN {REPORT_IS_ACCEPTED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_reportvalue_accepted_update
    BEFORE UPDATE ON reports_reportvalue
    FOR EACH ROW WHEN {REPORT_IS_ACCEPTED.format(row="OLD")} OR {REPORT_IS_ACCEPTED.format(row="NEW")}
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_reportvalue_accepted_delete
    BEFORE DELETE ON reports_reportvalue
    FOR EACH ROW WHEN {REPORT_IS_ACCEPTED.format(row="OLD")}
    BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_reportvalue_accepted_delete",
    "DROP TRIGGER IF EXISTS integrity_reportvalue_accepted_update",
    "DROP TRIGGER IF EXISTS integrity_reportvalue_accepted_insert",
]


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0010_attachments"),
        # After every change to the reports' tables: SQLite remakes a table to alter it, and a
        # trigger naming that table stops the remake (reports 0009-0011 add the indicator set).
        ("reports", "0011_indicator_sets_kept"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
