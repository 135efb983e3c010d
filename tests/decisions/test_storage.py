"""Issued PDFs in the document store, named by their SHA-256, and the move out of the database."""

import dataclasses
import datetime
import hashlib
import io
import logging

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from decisions import workflow
from documents import storage
from tests.decisions.helpers import issued, submitted

PDF = b"%PDF-1.7 a decision\n%%EOF\n"


@pytest.fixture(autouse=True)
def document_store(settings, tmp_path):
    """A store of this test's own: the session's holds every other test's PDFs."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_pdf_is_stored_under_its_sha256_and_read_back(document_store):
    sha256 = storage.store(PDF)
    assert sha256 == hashlib.sha256(PDF).hexdigest()
    assert (document_store / "documents" / sha256[:2] / f"{sha256}.pdf").read_bytes() == PDF
    assert storage.read(sha256) == PDF


def test_storing_the_same_pdf_twice_keeps_one_file(document_store):
    sha256 = storage.store(PDF)
    assert storage.store(PDF) == sha256
    assert list((document_store / "documents" / sha256[:2]).iterdir()) == [
        document_store / "documents" / sha256[:2] / f"{sha256}.pdf"
    ]


def test_a_damaged_file_is_replaced_when_the_same_pdf_is_stored_again(document_store):
    sha256 = storage.store(PDF)
    path = document_store / storage.name_for(sha256)
    path.write_bytes(b"garbage")
    with pytest.raises(storage.DocumentAltered):
        storage.read(sha256)
    storage.store(PDF)
    assert storage.read(sha256) == PDF


def test_a_missing_or_altered_file_is_refused():
    with pytest.raises(storage.DocumentMissing):
        storage.read("0" * 64)
    with pytest.raises(storage.DocumentMissing):
        storage.read("")
    sha256 = storage.store(PDF + b"x")
    with open(storage.document_storage().path(storage.name_for(sha256)), "wb") as file:
        file.write(PDF)
    with pytest.raises(storage.DocumentAltered, match="SHA-256"):
        storage.read(sha256)


def test_the_file_is_written_before_the_issuing_transaction_commits(village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    assert workflow.pdf_bytes(decision).startswith(b"%PDF")
    assert storage.name_for(decision.pdf_sha256) in storage.stored_names()


def test_a_failed_issuance_leaves_at_most_an_orphan_and_no_number(
    village_team, village_people, clerk, chairman, monkeypatch
):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    monkeypatch.setattr(workflow, "KIND", dataclasses.replace(workflow.KIND, apply=lambda decision: 1 / 0))
    with pytest.raises(ZeroDivisionError):
        workflow.decision_issue(decision=decision, by=chairman)
    decision.refresh_from_db()
    assert (decision.status, decision.number, decision.pdf_sha256) == ("submitted", None, "")
    out = io.StringIO()
    call_command("check_document_store", stdout=out)
    assert out.getvalue().startswith("ORPHAN documents/")
    assert "0 documents named, 1 files stored, 0 missing, 1 orphans." in out.getvalue()
    call_command("check_document_store", "--delete-orphans", stdout=io.StringIO())
    assert storage.stored_names() == set()


def test_a_missing_file_fails_the_store_check(village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    storage.document_storage().delete(storage.name_for(decision.pdf_sha256))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 missing") as refused:
        call_command("check_document_store", stdout=io.StringIO(), stderr=err)
    assert refused.value.returncode == 1
    assert decision.number_symbol in err.getvalue()


def test_issuing_logs_one_line_without_personal_data(
    village_team, village_people, clerk, chairman, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.INFO, logger="tungAnh.issuing"), django_capture_on_commit_callbacks(execute=True):
        decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    (record,) = [r for r in caplog.records if r.name == "tungAnh.issuing"]
    line = record.getMessage()
    assert line == (
        f"issued {decision.number_symbol} commune={decision.commune.code} "
        f"sha256={decision.pdf_sha256[:12]} user={chairman.pk}"
    )
    for person in village_people:
        assert person.full_name not in line
    assert chairman.username not in line


def test_s3_is_chosen_by_the_environment(monkeypatch):
    import importlib

    import tungAnh.settings as project_settings

    try:
        monkeypatch.setenv("DOCUMENT_STORAGE", "s3")
        monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "tunganh-documents")
        monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://s3.example.vn")
        documents = importlib.reload(project_settings).STORAGES["documents"]
        assert documents["BACKEND"] == "storages.backends.s3.S3Storage"
        assert documents["OPTIONS"]["bucket_name"] == "tunganh-documents"
        assert documents["OPTIONS"]["endpoint_url"] == "https://s3.example.vn"
        assert documents["OPTIONS"]["default_acl"] == "private"
        from storages.backends.s3 import S3Storage

        assert S3Storage(**documents["OPTIONS"]).bucket_name == "tunganh-documents"
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
    assert storages.backends["documents"]["BACKEND"].endswith("FileSystemStorage")


@pytest.mark.django_db(transaction=True)
def test_existing_pdfs_move_out_of_the_database_column_and_back():
    """The migration from the PDF column: each row's bytes go to the store, checked by hash."""
    executor = MigrationExecutor(connection)
    before = [("decisions", "0002_initial"), ("reports", "0002_commune_report"), ("teams", "0004_allowed_values")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    row = _old_issued_decision(old, PDF, hashlib.sha256(PDF).hexdigest())
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
        from decisions.models import Decision

        moved = Decision.objects.get(pk=row.pk)
        assert storage.read(moved.pdf_sha256) == PDF
        # ... and back: the column is filled again from the store.
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        assert bytes(old.get_model("decisions", "Decision").objects.get(pk=row.pk).pdf) == PDF
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_row_whose_pdf_does_not_hash_to_its_sha256_stops_the_migration_by_name():
    executor = MigrationExecutor(connection)
    before = [("decisions", "0002_initial"), ("reports", "0002_commune_report"), ("teams", "0004_allowed_values")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    row = _old_issued_decision(old, PDF, "f" * 64)
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        with pytest.raises(RuntimeError, match=rf"decisions.Decision #{row.pk}: its stored PDF does not hash"):
            executor.migrate([("decisions", "0003_pdf_to_document_storage")])
        state = MigrationExecutor(connection).loader.applied_migrations
        assert ("decisions", "0003_pdf_to_document_storage") not in state
        with connection.cursor() as cursor:
            cursor.execute("SELECT pdf FROM decisions_decision WHERE id = %s", [row.pk])
            assert bytes(cursor.fetchone()[0]) == PDF, "nothing half-migrated: the column is still there"
    finally:
        old.get_model("decisions", "Decision").objects.filter(pk=row.pk).update(
            pdf_sha256=hashlib.sha256(PDF).hexdigest()
        )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _old_issued_decision(apps, pdf: bytes, sha256: str):
    """An issued decision as the schema before 0003 kept it, with its PDF in the column."""
    Province = apps.get_model("teams", "Province")
    District = apps.get_model("teams", "District")
    Commune = apps.get_model("teams", "Commune")
    Team = apps.get_model("teams", "Team")
    Decision = apps.get_model("decisions", "Decision")
    province = Province.objects.create(code=42, name="Hà Tĩnh", type_word="tỉnh")
    district = District.objects.create(code=440, name="Đức Thọ", type_word="huyện", province=province)
    commune = Commune.objects.create(code=18259, name="Tùng Ảnh", type_word="xã", district=district, province=province)
    team = Team.objects.create(commune=commune, level="commune")
    signer = apps.get_model("teams", "Person").objects.create(commune=commune, full_name="Phan Tiến Dũng")
    return Decision.objects.create(
        signer=signer,
        issued_on=datetime.date(2022, 10, 4),
        commune=commune,
        team=team,
        kind="establish",
        subject="Về việc thành lập Tổ chuyển đổi số cộng đồng xã",
        status="issued",
        number=1,
        year=2022,
        pdf=pdf,
        pdf_sha256=sha256,
    )
