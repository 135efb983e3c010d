"""Compare the document store with the database: missing files and orphans.

    manage.py check_document_store                   # list both; exit 1 if a file is missing
    manage.py check_document_store --delete-orphans  # also delete the orphans

An orphan is a stored PDF no issued document names: what an issuance leaves when it fails
after writing its PDF (the file is written before the transaction commits). Orphans are
harmless; a missing file is not.
"""

from django.core.management.base import BaseCommand, CommandError

from documents import archive, storage


class Command(BaseCommand):
    help = "List issued documents whose PDF is missing from the document store, and stored files no document names."

    def add_arguments(self, parser):
        parser.add_argument("--delete-orphans", action="store_true", help="delete the stored files no document names")

    def handle(self, *args, delete_orphans=False, **options):
        named = {}
        for model in archive.document_models():
            for document in archive.issued_documents(model):
                if document.pdf_sha256:
                    named[storage.name_for(document.pdf_sha256)] = archive.label(document)
        for attachment in archive.filed_attachments():  # an attachment filed with a document is no orphan
            named[storage.name_for(attachment.pdf_sha256)] = archive.attachment_label(attachment)
        stored = storage.stored_names()
        missing = sorted(set(named) - stored)
        orphans = sorted(stored - set(named))
        for name in missing:
            self.stderr.write(f"MISSING {name}: {named[name]}")
        for name in orphans:
            self.stdout.write(f"ORPHAN {name}")
            if delete_orphans:
                storage.document_storage().delete(name)
        deleted = " (deleted)" if delete_orphans and orphans else ""
        summary = (
            f"{len(named)} documents named, {len(stored)} files stored, "
            f"{len(missing)} missing, {len(orphans)} orphans{deleted}."
        )
        if missing:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
