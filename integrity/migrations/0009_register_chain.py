"""The register's hash chain (documents.chain) is written once, like the rest of the line.

documents 0003 added four columns to decisions_registerentry: the issued PDF's SHA-256,
the line's position in its commune's chain, the previous line's hash and its own. Here
every line already written is chained (per commune, in the order the lines were written,
each covering its document's PDF hash), then the register's guards are put back:

- PostgreSQL compares the whole row but the note and the cancelled mark, so the new
  columns are frozen by the trigger of 0002 as it stands; it is dropped only while the
  existing lines are chained.
- SQLite names each column: adding the columns rebuilt the table and dropped its triggers,
  which are created again here with the new columns among the frozen ones.
"""

import hashlib
import json

from django.db import migrations

from integrity.operations import RunSQLPerVendor

KEPT = "tungAnh: the outgoing register keeps every line; a register line is never deleted."
FROZEN = "tungAnh: a register line keeps what was issued; only its note and its cancelled mark change."

FROZEN_COLUMNS_BEFORE = (
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
FROZEN_COLUMNS = (*FROZEN_COLUMNS_BEFORE, "pdf_sha256", "position", "previous_hash", "line_hash")

POSTGRESQL_FROZEN = f"""
    CREATE TRIGGER integrity_registerentry_frozen
    BEFORE UPDATE ON decisions_registerentry
    FOR EACH ROW WHEN ((to_jsonb(OLD) - 'note' - 'cancelled') IS DISTINCT FROM (to_jsonb(NEW) - 'note' - 'cancelled'))
    EXECUTE FUNCTION integrity_refuse('{FROZEN}')
    """
POSTGRESQL_DROP_FROZEN = "DROP TRIGGER IF EXISTS integrity_registerentry_frozen ON decisions_registerentry"


def sqlite_triggers(columns) -> list[str]:
    return [
        f"""
        CREATE TRIGGER integrity_registerentry_kept_delete
        BEFORE DELETE ON decisions_registerentry
        FOR EACH ROW
        BEGIN SELECT RAISE(ABORT, '{KEPT}'); END
        """,
        f"""
        CREATE TRIGGER integrity_registerentry_frozen_update
        BEFORE UPDATE ON decisions_registerentry
        FOR EACH ROW WHEN {" OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in columns)}
        BEGIN SELECT RAISE(ABORT, '{FROZEN}'); END
        """,
    ]


SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS integrity_registerentry_frozen_update",
    "DROP TRIGGER IF EXISTS integrity_registerentry_kept_delete",
]

# documents.chain's line format, version 1, copied so that this migration never changes.
COVERED = (
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
    "pdf_sha256",
    "position",
    "previous_hash",
)


def _line_hash(values: dict) -> str:
    def value(v):
        return v if isinstance(v, (str, int)) or v is None else str(v)

    covered = {name: value(values[name]) for name in COVERED}
    payload = json.dumps([1, covered], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def chain_the_register(apps, schema_editor):
    RegisterEntry = apps.get_model("documents", "RegisterEntry")
    pdfs = {}
    for label in ("decisions.Decision", "reports.CommuneReport"):
        model = apps.get_model(label)
        doc_type = "QĐ" if label == "decisions.Decision" else "BC"
        for row in model._base_manager.filter(status="issued").values("commune_id", "year", "number", "pdf_sha256"):
            pdfs[(row["commune_id"], doc_type, row["year"], row["number"])] = row["pdf_sha256"]
    previous_commune, position, previous = None, 0, ""
    for entry in RegisterEntry._base_manager.order_by("commune_id", "id"):
        if entry.commune_id != previous_commune:
            previous_commune, position, previous = entry.commune_id, 0, ""
        position += 1
        entry.pdf_sha256 = pdfs.get((entry.commune_id, entry.doc_type, entry.year, entry.number), "")
        entry.position = position
        entry.previous_hash = previous
        entry.line_hash = _line_hash({name: getattr(entry, name) for name in COVERED})
        entry.save(update_fields=["pdf_sha256", "position", "previous_hash", "line_hash"])
        previous = entry.line_hash


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0008_village_changes"),
        ("documents", "0003_register_chain"),
        ("decisions", "0007_local_government_law_2025"),
        ("reports", "0006_plans_move_to_teams"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=[POSTGRESQL_DROP_FROZEN],
            postgresql_reverse=[POSTGRESQL_FROZEN],
            sqlite=SQLITE_DROP,
            sqlite_reverse=sqlite_triggers(FROZEN_COLUMNS_BEFORE),
        ),
        migrations.RunPython(chain_the_register, migrations.RunPython.noop),
        RunSQLPerVendor(
            postgresql=[POSTGRESQL_FROZEN],
            postgresql_reverse=[POSTGRESQL_DROP_FROZEN],
            sqlite=sqlite_triggers(FROZEN_COLUMNS),
            sqlite_reverse=SQLITE_DROP,
        ),
    ]
