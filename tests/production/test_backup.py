"""Backups a commune can trust: dump, restore into a new database, prove it whole.

The round trip runs on the database the tests run on: pg_dump/pg_restore on PostgreSQL
(what production uses), SQLite's online backup on SQLite. verify_archive runs in a separate
process on the restored copy, as an operator would run it.
"""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from decisions.models import Decision
from documents import archive, numbering, storage
from documents.models import DocumentType, NumberSequence, RegisterEntry
from reports.models import CommuneReport
from tests.decisions.helpers import issued

from .server import BASE_DIR, TemporaryDatabase


@pytest.fixture
def two_decisions(db, village_team, village_people, clerk, chairman, commune):
    from tests import factories

    first = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    other_village = factories.VillageFactory(commune=commune, name="Thông Tự")
    people = [
        factories.PersonFactory(commune=commune, village=other_village, office=office)
        for office in ("village_head", "youth_branch_secretary", "")
    ]
    team = factories.TeamFactory(commune=commune, village=other_village)
    second = issued(team=team, people=people, clerk=clerk, chairman=chairman)
    return first, second


def run_manage(*args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    env = {"DATABASE_URL": database_url, "MEDIA_ROOT": str(media), "PATH": "/usr/bin:/bin", "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def restore(backup: Path, tmp_path: Path) -> TemporaryDatabase:
    """A new database from the backup, as README.md's restore procedure does."""
    tmp_path.mkdir()
    restored = TemporaryDatabase(tmp_path)
    if connection.vendor == "postgresql":
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored.url}", str(backup / "database.dump")],
            check=True,
            capture_output=True,
        )
    else:
        shutil.copyfile(backup / "database.sqlite3", tmp_path / "db.sqlite3")
    return restored


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_and_verifies(two_decisions, tmp_path):
    first, second = two_decisions
    backup = tmp_path / "backup"
    out = io.StringIO()
    call_command("backup", out=str(backup), stdout=out)
    assert "2 documents" in out.getvalue()

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == connection.vendor
    assert {d["number_symbol"] for d in manifest["documents"]} == {first.number_symbol, second.number_symbol}
    assert {d["sha256"] for d in manifest["documents"]} == {first.pdf_sha256, second.pdf_sha256}
    assert manifest["tables"]["decisions.Decision"] == 2 and manifest["tables"]["documents.RegisterEntry"] == 2
    assert (backup / storage.name_for(first.pdf_sha256)).read_bytes() == storage.read(first.pdf_sha256)

    restored = restore(backup, tmp_path / "restored")
    media = tmp_path / "restored-media"
    try:
        put_back = run_manage("restore_documents", "--from", str(backup), database_url=restored.url, media=media)
        assert put_back.returncode == 0, put_back.stderr
        assert "2 documents restored" in put_back.stdout

        verified = run_manage(
            "verify_archive", "--manifest", str(backup / "manifest.json"), database_url=restored.url, media=media
        )
        assert verified.returncode == 0, verified.stderr
        assert "OK: 2 issued documents" in verified.stdout

        # One byte of one stored PDF changes: the check names that document and fails.
        path = media / storage.name_for(second.pdf_sha256)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        verified = run_manage("verify_archive", database_url=restored.url, media=media)
        assert verified.returncode == 1
        problems = [line for line in verified.stderr.splitlines() if line.startswith("PROBLEM")]
        assert len(problems) == 1
        assert second.number_symbol in problems[0] and "does not match its SHA-256" in problems[0], problems
    finally:
        restored.drop()


def test_a_backup_never_writes_into_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "old.txt").write_text("yesterday's backup")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("backup", out=str(tmp_path))
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]


def verify() -> list[str]:
    try:
        call_command("verify_archive", stdout=io.StringIO(), stderr=(errors := _Lines()))
    except CommandError as error:
        assert error.returncode == 1
        return errors.lines
    return []


class _Lines:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines += [line for line in text.splitlines() if line]

    def flush(self):
        pass


def test_a_whole_archive_has_no_problem(two_decisions):
    assert verify() == []


def test_a_missing_pdf_is_named(two_decisions):
    first, _ = two_decisions
    storage.document_storage().delete(storage.name_for(first.pdf_sha256))
    (problem,) = verify()
    assert first.number_symbol in problem and "missing from the document store" in problem


# The database refuses to delete a register line or to change an issued decision (the
# integrity app's triggers): the archive is damaged here by adding rows behind the
# application's back, as a script or a half-restored backup would.


def test_a_document_without_its_register_line_is_named(two_decisions):
    first, _ = two_decisions
    stray = Decision._base_manager.get(pk=first.pk)
    stray.pk, stray.number = None, 99
    Decision._base_manager.bulk_create([stray])
    (problem,) = verify()
    assert "register line" not in problem and "99/QĐ" in problem and "missing from the outgoing register" in problem


def test_a_register_line_whose_document_is_gone_is_named(two_decisions):
    _, second = two_decisions
    numbering.record_number(commune=second.commune, doc_type=DocumentType.DECISION, year=second.year, number=3)
    RegisterEntry.objects.create(
        commune=second.commune,
        doc_type=DocumentType.DECISION,
        year=second.year,
        number=3,
        symbol=second.symbol,
        issued_on=second.issued_on,
        subject="Quyết định không còn trong hệ thống",
        signer_name=second.signer.full_name,
        signer_position="CHỦ TỊCH",
        recipients="Lưu: VT",
    )
    (problem,) = verify()
    assert problem.startswith("PROBLEM register line 3/QĐ") and "has no issued document" in problem


def test_a_sequence_behind_the_highest_number_is_named(two_decisions):
    NumberSequence.objects.update(last_number=1)
    (problem,) = verify()
    assert "behind the highest number issued 2" in problem


def test_commune_reports_are_checked_too():
    assert set(archive.document_models()) == {Decision, CommuneReport}
