"""Back up the database and the stored documents into one folder, with a manifest.

    manage.py backup --out /var/backups/tunganh/2026-11-30

The folder (new, or empty) receives:
- ``database.dump``: on PostgreSQL, ``pg_dump --format=custom`` (restore with pg_restore);
  ``database.sqlite3`` on SQLite (a copy made with SQLite's online backup);
- ``documents/``: every issued document's PDF, named by its SHA-256 as in the store;
- ``manifest.json``: rows per table, every issued document's number and SHA-256, and the
  dump's own SHA-256. On PostgreSQL the manifest and the dump read the same snapshot, so
  they agree even while clerks and chairmen keep working.

README.md ("Backups and restore") gives the restore procedure; ``verify_archive
--manifest`` proves a restore whole.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from documents import archive, storage


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_environment(settings_dict: dict) -> dict:
    """libpq's variables for pg_dump and pg_restore, from Django's connection settings."""
    environment = dict(os.environ)
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    environment.update({key: str(value) for key, value in pairs.items() if value})
    return environment


class Command(BaseCommand):
    help = "Write a database dump, the stored documents and a manifest into a new (or empty) folder."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="the folder to write: new, or empty")

    def handle(self, *args, out, **options):
        folder = Path(out)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise CommandError(f"{folder} exists and is not an empty folder: a backup never overwrites another.")
        folder.mkdir(parents=True, exist_ok=True)
        connection = connections[DEFAULT_DB_ALIAS]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                dump = self._dump_postgresql(connection, folder)
            elif connection.vendor == "sqlite":
                dump = self._dump_sqlite(connection, folder)
            else:
                raise CommandError(f"Backups of a {connection.vendor} database are not supported.")
            contents = archive.manifest()
            migrations = list(MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"))
        problems = self._copy_documents(contents["documents"], folder)
        manifest = {
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": dump.name, "sha256": file_sha256(dump)},
            "migrations": [f"{app}.{name}" for app, name in migrations],
            **contents,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        for problem in problems:
            self.stderr.write(f"PROBLEM {problem}")
        if problems:
            raise CommandError(f"Backup written to {folder}, but {len(problems)} document(s) could not be copied.")
        self.stdout.write(
            f"Backup written to {folder}: {dump.name}, {len(contents['documents'])} documents, manifest.json."
        )

    def _dump_postgresql(self, connection, folder: Path) -> Path:
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump is missing: install the Debian package postgresql-client.")
        with connection.cursor() as cursor:
            # The first statement of the transaction: the dump and the manifest share one snapshot.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        dump = folder / "database.dump"
        run = subprocess.run(
            [pg_dump, "--format=custom", "--no-owner", f"--snapshot={snapshot}", f"--file={dump}"],
            env=postgres_environment(connection.settings_dict),
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise CommandError(f"pg_dump failed: {run.stderr.strip()}")
        return dump

    def _dump_sqlite(self, connection, folder: Path) -> Path:
        connection.ensure_connection()
        dump = folder / "database.sqlite3"
        target = sqlite3.connect(dump)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return dump

    def _copy_documents(self, documents: list[dict], folder: Path) -> list[str]:
        problems = []
        for document in documents:
            label = f"{document['number_symbol']} of {document['year']} (commune {document['commune']})"
            if not document["sha256"]:
                problems.append(f"{label}: issued without a stored PDF")
                continue
            if (what := archive.stored_pdf_problem(document["sha256"])) is not None:
                problems.append(f"{label}: {what}")
                continue
            data = storage.read(document["sha256"])
            path = folder / storage.name_for(document["sha256"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return problems
