"""Every report names the indicator set it was filed under, and a set a report uses never
changes: the database refuses adding, changing or deleting its indicators, and changing
the set itself (its deletion is refused by the reports' foreign key), whatever goes around
the admin. Same pattern as the integrity app's triggers (PostgreSQL and SQLite); kept beside
the reports' tables as the residents' consent guards are, named ``reports_...`` (which
``integrity``'s ``manage.py flush`` sets aside on SQLite)."""

import django.db.models.deletion
from django.db import migrations, models

from integrity.operations import RunSQLPerVendor

KEPT = "tungAnh: an indicator set that a report was filed under never changes."
USED = "SELECT 1 FROM reports_teamreport WHERE indicator_set_id = {set_id}"

POSTGRESQL = [
    f"""
    CREATE FUNCTION reports_refuse_if_indicator_set_used() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'reports_indicatorset' THEN
            IF EXISTS ({USED.format(set_id="OLD.id")}) THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
            RETURN NEW;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS ({USED.format(set_id="OLD.indicator_set_id")}) THEN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS ({USED.format(set_id="NEW.indicator_set_id")}) THEN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER reports_indicatordefinition_kept
    BEFORE INSERT OR UPDATE OR DELETE ON reports_indicatordefinition
    FOR EACH ROW EXECUTE FUNCTION reports_refuse_if_indicator_set_used('{KEPT}')
    """,
    f"""
    CREATE TRIGGER reports_indicatorset_kept
    BEFORE UPDATE ON reports_indicatorset
    FOR EACH ROW EXECUTE FUNCTION reports_refuse_if_indicator_set_used('{KEPT}')
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS reports_indicatorset_kept ON reports_indicatorset",
    "DROP TRIGGER IF EXISTS reports_indicatordefinition_kept ON reports_indicatordefinition",
    "DROP FUNCTION IF EXISTS reports_refuse_if_indicator_set_used()",
]


def _sqlite(name: str, event: str, table: str, set_id: str) -> str:
    return f"""
    CREATE TRIGGER {name}
    BEFORE {event} ON {table}
    FOR EACH ROW WHEN EXISTS ({USED.format(set_id=set_id)})
    BEGIN SELECT RAISE(ABORT, '{KEPT}'); END
    """


SQLITE = [
    _sqlite("reports_indicatordefinition_kept_insert", "INSERT", "reports_indicatordefinition", "NEW.indicator_set_id"),
    _sqlite("reports_indicatordefinition_kept_update", "UPDATE", "reports_indicatordefinition", "OLD.indicator_set_id"),
    _sqlite("reports_indicatordefinition_kept_moved", "UPDATE", "reports_indicatordefinition", "NEW.indicator_set_id"),
    _sqlite("reports_indicatordefinition_kept_delete", "DELETE", "reports_indicatordefinition", "OLD.indicator_set_id"),
    _sqlite("reports_indicatorset_kept_update", "UPDATE", "reports_indicatorset", "OLD.id"),
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "reports_indicatorset_kept_update",
        "reports_indicatordefinition_kept_delete",
        "reports_indicatordefinition_kept_moved",
        "reports_indicatordefinition_kept_update",
        "reports_indicatordefinition_kept_insert",
    )
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_indicator_sets_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="teamreport",
            name="indicator_set",
            field=models.ForeignKey(
                editable=False,
                help_text="The set the report was filed under: the plan's, valid on the period's first day.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="reports.indicatorset",
                verbose_name="indicator set",
            ),
        ),
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
