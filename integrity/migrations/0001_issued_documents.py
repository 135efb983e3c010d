"""An issued document never changes, in the database too.

- decisions_decision, reports_communereport: a row whose stored status is 'issued' is
  never updated or deleted. Issuing itself is allowed: its UPDATE finds the status
  'submitted'.
- decisions_decisionmember, decisions_decisionbasis: no row is inserted into, changed in,
  moved into or out of, or deleted from an issued decision. A draft's rows come and go
  (editing, and the cascade when a draft is deleted).
- decisions_decisionevent: an issued decision's events are never changed or deleted;
  inserting stays allowed, since the issuing transaction records its event after the
  status has become 'issued'.

On PostgreSQL the parts' trigger reads the decision FOR SHARE: a write that races an
issuance waits for it to commit, then sees 'issued'. SQLite has one writer at a time.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

ISSUED_DECISION = "tungAnh: an issued decision never changes and is never deleted; a correction is a new decision."
ISSUED_REPORT = "tungAnh: an issued commune report never changes and is never deleted; a correction is a new report."
FROZEN_MEMBERS = "tungAnh: the members of an issued decision are frozen with it."
FROZEN_BASES = "tungAnh: the legal bases an issued decision cites are frozen with it."
FROZEN_EVENTS = "tungAnh: the trail of an issued decision is never rewritten; only new events are added."

POSTGRESQL = [
    # Refuses with the message its trigger passes; the trigger's WHEN says when.
    """
    CREATE FUNCTION integrity_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '%', TG_ARGV[0];
    END;
    $$
    """,
    f"""
    CREATE TRIGGER integrity_decision_issued
    BEFORE UPDATE OR DELETE ON decisions_decision
    FOR EACH ROW WHEN (OLD.status = 'issued')
    EXECUTE FUNCTION integrity_refuse('{ISSUED_DECISION}')
    """,
    f"""
    CREATE TRIGGER integrity_communereport_issued
    BEFORE UPDATE OR DELETE ON reports_communereport
    FOR EACH ROW WHEN (OLD.status = 'issued')
    EXECUTE FUNCTION integrity_refuse('{ISSUED_REPORT}')
    """,
    # For a row that belongs to a decision: refuses when the decision it leaves (OLD) or
    # joins (NEW) is issued. The decision's row is locked whatever its status, then its
    # status is read: a WHERE on the status would test the version from before a
    # concurrent issuance and skip the lock.
    """
    CREATE FUNCTION integrity_refuse_if_decision_issued() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        decision_status text;
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            SELECT status INTO decision_status FROM decisions_decision WHERE id = OLD.decision_id FOR SHARE;
            IF decision_status = 'issued' THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            SELECT status INTO decision_status FROM decisions_decision WHERE id = NEW.decision_id FOR SHARE;
            IF decision_status = 'issued' THEN
                RAISE EXCEPTION '%', TG_ARGV[0];
            END IF;
            RETURN NEW;
        END IF;
        RETURN OLD;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER integrity_decisionmember_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON decisions_decisionmember
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_if_decision_issued('{FROZEN_MEMBERS}')
    """,
    f"""
    CREATE TRIGGER integrity_decisionbasis_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON decisions_decisionbasis
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_if_decision_issued('{FROZEN_BASES}')
    """,
    f"""
    CREATE TRIGGER integrity_decisionevent_frozen
    BEFORE UPDATE OR DELETE ON decisions_decisionevent
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_if_decision_issued('{FROZEN_EVENTS}')
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_decisionevent_frozen ON decisions_decisionevent",
    "DROP TRIGGER IF EXISTS integrity_decisionbasis_frozen ON decisions_decisionbasis",
    "DROP TRIGGER IF EXISTS integrity_decisionmember_frozen ON decisions_decisionmember",
    "DROP FUNCTION IF EXISTS integrity_refuse_if_decision_issued()",
    "DROP TRIGGER IF EXISTS integrity_communereport_issued ON reports_communereport",
    "DROP TRIGGER IF EXISTS integrity_decision_issued ON decisions_decision",
    "DROP FUNCTION IF EXISTS integrity_refuse()",
]

# SQLite: one trigger per event; a WHEN may read other tables.
DECISION_IS_ISSUED = "(SELECT status FROM decisions_decision WHERE id = {row}.decision_id) = 'issued'"
ON_INSERT = DECISION_IS_ISSUED.format(row="NEW")
ON_UPDATE = f"({DECISION_IS_ISSUED.format(row='OLD')} OR {DECISION_IS_ISSUED.format(row='NEW')})"
ON_DELETE = DECISION_IS_ISSUED.format(row="OLD")

SQLITE = [
    f"""
    CREATE TRIGGER integrity_decision_issued_update
    BEFORE UPDATE ON decisions_decision
    FOR EACH ROW WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, '{ISSUED_DECISION}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decision_issued_delete
    BEFORE DELETE ON decisions_decision
    FOR EACH ROW WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, '{ISSUED_DECISION}'); END
    """,
    f"""
    CREATE TRIGGER integrity_communereport_issued_update
    BEFORE UPDATE ON reports_communereport
    FOR EACH ROW WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, '{ISSUED_REPORT}'); END
    """,
    f"""
    CREATE TRIGGER integrity_communereport_issued_delete
    BEFORE DELETE ON reports_communereport
    FOR EACH ROW WHEN OLD.status = 'issued'
    BEGIN SELECT RAISE(ABORT, '{ISSUED_REPORT}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionmember_frozen_insert
    BEFORE INSERT ON decisions_decisionmember
    FOR EACH ROW WHEN {ON_INSERT}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_MEMBERS}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionmember_frozen_update
    BEFORE UPDATE ON decisions_decisionmember
    FOR EACH ROW WHEN {ON_UPDATE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_MEMBERS}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionmember_frozen_delete
    BEFORE DELETE ON decisions_decisionmember
    FOR EACH ROW WHEN {ON_DELETE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_MEMBERS}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionbasis_frozen_insert
    BEFORE INSERT ON decisions_decisionbasis
    FOR EACH ROW WHEN {ON_INSERT}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_BASES}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionbasis_frozen_update
    BEFORE UPDATE ON decisions_decisionbasis
    FOR EACH ROW WHEN {ON_UPDATE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_BASES}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionbasis_frozen_delete
    BEFORE DELETE ON decisions_decisionbasis
    FOR EACH ROW WHEN {ON_DELETE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_BASES}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionevent_frozen_update
    BEFORE UPDATE ON decisions_decisionevent
    FOR EACH ROW WHEN {ON_UPDATE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_EVENTS}'); END
    """,
    f"""
    CREATE TRIGGER integrity_decisionevent_frozen_delete
    BEFORE DELETE ON decisions_decisionevent
    FOR EACH ROW WHEN {ON_DELETE}
    BEGIN SELECT RAISE(ABORT, '{FROZEN_EVENTS}'); END
    """,
]

SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "integrity_decisionevent_frozen_delete",
        "integrity_decisionevent_frozen_update",
        "integrity_decisionbasis_frozen_delete",
        "integrity_decisionbasis_frozen_update",
        "integrity_decisionbasis_frozen_insert",
        "integrity_decisionmember_frozen_delete",
        "integrity_decisionmember_frozen_update",
        "integrity_decisionmember_frozen_insert",
        "integrity_communereport_issued_delete",
        "integrity_communereport_issued_update",
        "integrity_decision_issued_delete",
        "integrity_decision_issued_update",
    )
]


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_one_issuing_lifecycle"),
        ("reports", "0004_one_issuing_lifecycle"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
