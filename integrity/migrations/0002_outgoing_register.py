"""The outgoing register keeps every line as it was written at issuance.

decisions_registerentry: a line is never deleted; an update may change only the note and
the cancelled mark (what the clerk writes beside a line after it was issued). Every other
column is compared, OLD against NEW. On PostgreSQL the comparison takes the whole row but
those two columns, so a column added later is kept too; SQLite names each column, and
``tests/integrity/test_outgoing_register.py`` tries every field of the model so that a new
one cannot slip past it.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

KEPT = "tungAnh: the outgoing register keeps every line; a register line is never deleted."
FROZEN = "tungAnh: a register line keeps what was issued; only its note and its cancelled mark change."

FROZEN_COLUMNS = (
    "id",
    "commune_id",
    "doc_type",
    "year",
    "number",
    "symbol",
    "issued_on",
    "subject",
    "signer_name",
    "signer_position",
    "recipients",
    "keeper",
    "copies",
    "decision_id",
)

POSTGRESQL = [
    f"""
    CREATE TRIGGER integrity_registerentry_kept
    BEFORE DELETE ON decisions_registerentry
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{KEPT}')
    """,
    f"""
    CREATE TRIGGER integrity_registerentry_frozen
    BEFORE UPDATE ON decisions_registerentry
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'note' - 'cancelled') IS DISTINCT FROM (to_jsonb(NEW) - 'note' - 'cancelled'))
    EXECUTE FUNCTION integrity_refuse('{FROZEN}')
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_registerentry_frozen ON decisions_registerentry",
    "DROP TRIGGER IF EXISTS integrity_registerentry_kept ON decisions_registerentry",
]

SQLITE = [
    f"""
    CREATE TRIGGER integrity_registerentry_kept_delete
    BEFORE DELETE ON decisions_registerentry
    FOR EACH ROW
    BEGIN SELECT RAISE(ABORT, '{KEPT}'); END
    """,
    f"""
    CREATE TRIGGER integrity_registerentry_frozen_update
    BEFORE UPDATE ON decisions_registerentry
    FOR EACH ROW WHEN {" OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in FROZEN_COLUMNS)}
    BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_registerentry_frozen_update",
    "DROP TRIGGER IF EXISTS integrity_registerentry_kept_delete",
]


class Migration(migrations.Migration):
    dependencies = [("integrity", "0001_issued_documents")]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
