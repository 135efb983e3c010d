"""A filed attachment (documents.Attachment, a report's "phụ lục") is written once, at issuance,
with the document it goes with: the database refuses any change to it and its deletion, as
it does an issued document's (0001) and its register line's (0002)."""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

KEPT = "tungAnh: a filed attachment never changes and is never deleted."

POSTGRESQL = [
    f"""
    CREATE TRIGGER integrity_attachment_kept
    BEFORE UPDATE OR DELETE ON documents_attachment
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse('{KEPT}')
    """,
]
POSTGRESQL_REVERSE = ["DROP TRIGGER IF EXISTS integrity_attachment_kept ON documents_attachment"]

SQLITE = [
    f"""
    CREATE TRIGGER integrity_attachment_kept_{event.lower()}
    BEFORE {event} ON documents_attachment
    FOR EACH ROW
    BEGIN SELECT RAISE(ABORT, '{KEPT}'); END
    """
    for event in ("UPDATE", "DELETE")
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_attachment_kept_delete",
    "DROP TRIGGER IF EXISTS integrity_attachment_kept_update",
]


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0009_register_chain"),
        ("documents", "0004_attachments"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
