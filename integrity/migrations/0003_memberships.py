"""A membership is history once it has ended, and a team seats its own commune's people.

teams_membership:
- a row with an end date is never updated (no reopening, no edit) and never deleted;
  ending an open membership (setting end_date and ended_by) is an update of a row whose
  stored end date is empty: allowed;
- a row a decision started (started_by) is never deleted, as ``Membership.delete()`` says;
- on insert, and on an update that changes the person or the team, the person's commune
  (teams_person.commune_id) is the team's (teams_team.commune_id). An update that keeps
  both is not checked again: a person who later moved to another commune can still have
  their membership ended.
"""

from django.db import migrations

from integrity.operations import RunSQLPerVendor

ENDED = "tungAnh: an ended membership is history; it never changes and is never deleted."
STARTED = "tungAnh: a membership a decision started is history; it is never deleted."
COMMUNE = "tungAnh: a team seats only people of its own commune."

OTHER_COMMUNE = (
    "(SELECT commune_id FROM teams_person WHERE id = NEW.person_id) "
    "IS DISTINCT FROM (SELECT commune_id FROM teams_team WHERE id = NEW.team_id)"
)
SEAT_CHANGES = "(OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)"

POSTGRESQL = [
    f"""
    CREATE TRIGGER integrity_membership_ended
    BEFORE UPDATE OR DELETE ON teams_membership
    FOR EACH ROW WHEN (OLD.end_date IS NOT NULL)
    EXECUTE FUNCTION integrity_refuse('{ENDED}')
    """,
    f"""
    CREATE TRIGGER integrity_membership_started_kept
    BEFORE DELETE ON teams_membership
    FOR EACH ROW WHEN (OLD.started_by_id IS NOT NULL)
    EXECUTE FUNCTION integrity_refuse('{STARTED}')
    """,
    # A trigger's WHEN cannot read another table: the lookup is in the function.
    f"""
    CREATE FUNCTION integrity_refuse_other_commune() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF {OTHER_COMMUNE} THEN
            RAISE EXCEPTION '%', TG_ARGV[0];
        END IF;
        RETURN NEW;
    END;
    $$
    """,
    f"""
    CREATE TRIGGER integrity_membership_commune_insert
    BEFORE INSERT ON teams_membership
    FOR EACH ROW EXECUTE FUNCTION integrity_refuse_other_commune('{COMMUNE}')
    """,
    f"""
    CREATE TRIGGER integrity_membership_commune_update
    BEFORE UPDATE ON teams_membership
    FOR EACH ROW WHEN {SEAT_CHANGES}
    EXECUTE FUNCTION integrity_refuse_other_commune('{COMMUNE}')
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_membership_commune_update ON teams_membership",
    "DROP TRIGGER IF EXISTS integrity_membership_commune_insert ON teams_membership",
    "DROP FUNCTION IF EXISTS integrity_refuse_other_commune()",
    "DROP TRIGGER IF EXISTS integrity_membership_started_kept ON teams_membership",
    "DROP TRIGGER IF EXISTS integrity_membership_ended ON teams_membership",
]

# SQLite spells IS DISTINCT FROM as IS NOT.
SQLITE_OTHER_COMMUNE = OTHER_COMMUNE.replace("IS DISTINCT FROM", "IS NOT")
SQLITE_SEAT_CHANGES = SEAT_CHANGES.replace("IS DISTINCT FROM", "IS NOT")

SQLITE = [
    f"""
    CREATE TRIGGER integrity_membership_ended_update
    BEFORE UPDATE ON teams_membership
    FOR EACH ROW WHEN OLD.end_date IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{ENDED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_membership_ended_delete
    BEFORE DELETE ON teams_membership
    FOR EACH ROW WHEN OLD.end_date IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{ENDED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_membership_started_kept_delete
    BEFORE DELETE ON teams_membership
    FOR EACH ROW WHEN OLD.started_by_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, '{STARTED}'); END
    """,
    f"""
    CREATE TRIGGER integrity_membership_commune_insert
    BEFORE INSERT ON teams_membership
    FOR EACH ROW WHEN {SQLITE_OTHER_COMMUNE}
    BEGIN SELECT RAISE(ABORT, '{COMMUNE}'); END
    """,
    f"""
    CREATE TRIGGER integrity_membership_commune_update
    BEFORE UPDATE ON teams_membership
    FOR EACH ROW WHEN {SQLITE_SEAT_CHANGES} AND {SQLITE_OTHER_COMMUNE}
    BEGIN SELECT RAISE(ABORT, '{COMMUNE}'); END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS integrity_membership_commune_update",
    "DROP TRIGGER IF EXISTS integrity_membership_commune_insert",
    "DROP TRIGGER IF EXISTS integrity_membership_started_kept_delete",
    "DROP TRIGGER IF EXISTS integrity_membership_ended_delete",
    "DROP TRIGGER IF EXISTS integrity_membership_ended_update",
]


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0002_outgoing_register"),
        # After the teams migration that rebuilds teams_membership on SQLite, which would drop these.
        ("teams", "0004_allowed_values"),
    ]

    operations = [
        RunSQLPerVendor(
            postgresql=POSTGRESQL,
            postgresql_reverse=POSTGRESQL_REVERSE,
            sqlite=SQLITE,
            sqlite_reverse=SQLITE_REVERSE,
        ),
    ]
