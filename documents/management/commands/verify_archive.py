"""Check that the archive of issued documents is whole, on any database (documents/archive.py).

    manage.py verify_archive                              # this database and document store
    manage.py verify_archive --manifest BACKUP/manifest.json   # ... and against a backup's manifest

Prints each problem on its own line and exits 1 if there is any; prints a summary and exits 0
otherwise.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from documents import archive


class Command(BaseCommand):
    help = "Check every issued PDF against its SHA-256, the register against the documents, and the number sequences."

    def add_arguments(self, parser):
        parser.add_argument("--manifest", help="a backup's manifest.json: the restored database must match it")

    def handle(self, *args, manifest=None, **options):
        expected = None
        if manifest:
            try:
                with open(manifest, encoding="utf-8") as file:
                    expected = json.load(file)
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the manifest {manifest}: {error}") from None
        problems = archive.problems()
        if expected is not None:
            problems += archive.compare_with_manifest(expected)
        for problem in problems:
            self.stderr.write(f"PROBLEM {problem}")
        documents = sum(model._base_manager.filter(status="issued").count() for model in archive.document_models())
        if problems:
            summary = f"{len(problems)} problem(s) in the archive of {documents} issued documents."
            raise CommandError(summary, returncode=1)
        checked = " and the backup's manifest" if expected is not None else ""
        self.stdout.write(f"OK: {documents} issued documents, their PDFs, the register and the sequences{checked}.")
