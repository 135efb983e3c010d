"""The database refuses to change or delete a consent record, whatever path tries.

``ConsentRecord.save``/``delete`` refuse in Python; a queryset ``update()``/``delete()``,
raw SQL or a script would not pass through them. A trigger on each supported database
(SQLite, PostgreSQL) aborts an UPDATE or DELETE of the table.
"""

from django.db import migrations

TABLE = "residents_consentrecord"
MESSAGE = "consent records are history: they are never changed or deleted"

SQLITE_CREATE = [
    f"CREATE TRIGGER residents_consent_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER residents_consent_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS residents_consent_no_update;",
    "DROP TRIGGER IF EXISTS residents_consent_no_delete;",
]
POSTGRES_CREATE = [
    f"""CREATE FUNCTION residents_consent_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'; END; $$;""",
    f"""CREATE TRIGGER residents_consent_never_changes BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION residents_consent_refuse();""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS residents_consent_never_changes ON {TABLE};",
    "DROP FUNCTION IF EXISTS residents_consent_refuse();",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_consent_pages_requests")]

    operations = [migrations.RunPython(create, drop)]
