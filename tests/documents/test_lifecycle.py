"""The one issuing lifecycle, as every kind of numbered document goes through it."""

import datetime

import psycopg2
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from decisions import workflow
from decisions.models import Decision
from documents import lifecycle
from documents.models import NumberSequence, RegisterEntry
from reports import commune_reports
from tests.decisions.helpers import submitted


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_issuance_waiting_too_long_for_the_sequence_fails_cleanly(
    village_team, village_people, clerk, chairman, commune, settings
):
    """Another issuance holds the commune's number sequence (a render that hangs): this one
    gives up after ISSUING_LOCK_TIMEOUT with a clear message, and nothing is used."""
    if connection.vendor != "postgresql":
        pytest.skip("lock timeouts are PostgreSQL's (CI runs this on PostgreSQL)")
    settings.ISSUING_LOCK_TIMEOUT = "300ms"
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    year = datetime.date.today().year
    sequence = NumberSequence.objects.create(commune=commune, doc_type="QĐ", year=year, last_number=4)
    params = connection.get_connection_params()
    holder = psycopg2.connect(
        **{key: value for key, value in params.items() if key in {"dbname", "user", "host", "port", "password"}}
    )
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT last_number FROM decisions_numbersequence WHERE id = %s FOR UPDATE", [sequence.pk])
        with translation.override("en"), pytest.raises(ValidationError, match="being issued right now"):
            workflow.decision_issue(decision=decision, by=chairman)
    finally:
        holder.rollback()
        holder.close()
    decision.refresh_from_db()
    assert (decision.status, decision.number) == (Decision.Status.SUBMITTED, None)
    assert not RegisterEntry.objects.exists()
    sequence.refresh_from_db()
    assert sequence.last_number == 4
    # The lock released, the same issuance goes through with the next number.
    assert workflow.decision_issue(decision=decision, by=chairman).number == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_issuing_transaction_bounds_its_waits(village_team, village_people, clerk, chairman, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL settings")
    settings.ISSUING_LOCK_TIMEOUT = "7s"
    seen = {}
    original = lifecycle._issue

    def spy(*args, **kwargs):
        with connection.cursor() as cursor:
            for name in ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout"):
                cursor.execute(f"SHOW {name}")
                seen[name] = cursor.fetchone()[0]
        return original(*args, **kwargs)

    lifecycle._issue = spy
    try:
        workflow.decision_issue(decision=submitted(team=village_team, people=village_people, clerk=clerk), by=chairman)
    finally:
        lifecycle._issue = original
    assert seen == {"lock_timeout": "7s", "statement_timeout": "30s", "idle_in_transaction_session_timeout": "1min"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "0", "the bounds end with the issuing transaction"


class _RecordingConnection:
    """A PostgreSQL connection as ``bound_the_wait`` sees it, recording what it asks."""

    def __init__(self, vendor):
        self.vendor = vendor
        self.executed = []

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params):
        self.executed.append((sql, params))


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_the_bounds_are_set_for_the_transaction_on_postgresql_only(monkeypatch, settings, vendor):
    """What the PostgreSQL test above sees take effect, on any database: the three settings,
    each with its value and local to the transaction (``true``); SQLite has none of them."""
    settings.ISSUING_LOCK_TIMEOUT = "7s"
    settings.ISSUING_STATEMENT_TIMEOUT = "31s"
    settings.ISSUING_IDLE_TIMEOUT = "2min"
    recording = _RecordingConnection(vendor)
    monkeypatch.setattr(lifecycle, "connection", recording)
    lifecycle.bound_the_wait()
    expected = [
        ("SELECT set_config('lock_timeout', %s, true)", ["7s"]),
        ("SELECT set_config('statement_timeout', %s, true)", ["31s"]),
        ("SELECT set_config('idle_in_transaction_session_timeout', %s, true)", ["2min"]),
    ]
    assert recording.executed == (expected if vendor == "postgresql" else [])


def test_both_kinds_share_one_lifecycle():
    assert workflow.KIND.model is Decision
    assert commune_reports.KIND.model.doc_type == "BC"
    for kind in (workflow.KIND, commune_reports.KIND):
        assert isinstance(kind, lifecycle.Kind)


def test_a_page_whose_returning_user_is_gone_still_answers(client, village_team, village_people, clerk, settings):
    """An event may lose its user (a deleted login, a migrated trail): the page names nobody, no 500."""
    from decisions.models import DecisionEvent
    from tests.decisions.helpers import draft

    settings.LANGUAGE_CODE = "en"
    decision = draft(team=village_team, people=village_people, by=clerk)
    DecisionEvent.objects.create(decision=decision, action=DecisionEvent.Action.RETURNED, by=None, comment="Sửa lại.")
    client.force_login(clerk)
    response = client.get(f"/decisions/{decision.pk}/")
    assert response.status_code == 200
    assert "By —," in response.content.decode() and "Sửa lại." in response.content.decode()


class _Cause(Exception):
    def __init__(self, pgcode):
        super().__init__(pgcode)
        self.pgcode = pgcode


def _failing_with(pgcode):
    """numbering.take_number failing as the database would: with a PostgreSQL error code, or
    (None) as SQLite does, with no code at all."""

    def take_number(**kwargs):
        from django.db import DatabaseError

        if pgcode is None:
            raise DatabaseError("database is locked")
        raise DatabaseError("could not obtain lock") from _Cause(pgcode)

    return take_number


@pytest.mark.django_db
def test_a_lock_timeout_on_the_sequence_becomes_a_message_and_any_other_error_stays_itself(
    village_team, village_people, clerk, monkeypatch
):
    """The translation of PostgreSQL's lock_not_available (55P03) into a Vietnamese message,
    on any database: the PostgreSQL test above takes the real lock."""
    from django.db import DatabaseError

    from documents import numbering

    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    monkeypatch.setattr(numbering, "take_number", _failing_with("55P03"))
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        lifecycle.take_number(decision, year=2026)
    assert refused.value.messages == [
        "Another document of this commune is being issued right now. Try again in a moment."
    ]
    assert refused.value.__cause__.__cause__.pgcode == "55P03"
    for other in ("40P01", None):  # a deadlock, SQLite's lock: not ours to word
        monkeypatch.setattr(numbering, "take_number", _failing_with(other))
        with pytest.raises(DatabaseError) as raised:
            lifecycle.take_number(decision, year=2026)
        assert type(raised.value) is DatabaseError


def test_the_register_line_is_the_issued_document(village_team, village_people, clerk, chairman, monkeypatch):
    """Each column the issuance writes: the moment, the signer's name and position cut to their
    columns (50 and 100), the recipients, the copies the clerk set, the stored PDF's SHA-256."""
    import dataclasses

    from django.utils import timezone

    signer = chairman.official.person
    signer.full_name = "Phan Tiến Dũng Nguyễn Thị Minh Nguyệt Trần Văn Hoàng Long"  # 56 characters
    signer.save()
    kind = workflow.KIND

    def with_a_long_title(decision):
        printed = kind.build(decision)
        printed["signature"]["lines"].append("Trưởng Ban Chỉ đạo chuyển đổi số " * 4)  # 132 characters
        return printed

    monkeypatch.setattr(workflow, "KIND", dataclasses.replace(kind, build=with_a_long_title))
    before = timezone.now()
    decision = workflow.decision_issue(
        decision=submitted(
            team=village_team,
            people=village_people,
            clerk=clerk,
            copies=11,
            recipients="Như Điều 3\nXã đội xã Tùng Ảnh\nTổ dân phố IX\nLưu: VT, VP",
        ),
        by=chairman,
    )
    entry = RegisterEntry.objects.get(decision=decision)
    assert before <= decision.issued_at <= timezone.now()
    assert entry.signer_name == signer.full_name[:50] and len(entry.signer_name) == 50
    lines = " ".join(decision.snapshot["signature"]["lines"])
    assert entry.signer_position == lines[:100] and len(lines) > 100
    assert entry.copies == 11
    # Column 9 of the register: each line without its dash and its closing mark ("Xã" keeps
    # its first X, "Tổ dân phố IX" its last).
    assert entry.recipients == "Như Điều 3; Xã đội xã Tùng Ảnh; Tổ dân phố IX; Lưu: VT, VP"
    assert entry.pdf_sha256 == decision.pdf_sha256 != ""
