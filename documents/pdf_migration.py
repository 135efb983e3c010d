"""Moving stored PDFs between the database column and the document store, for migrations.

Each app's migration moves its own model's rows; one row that cannot be moved (its bytes
do not hash to its SHA-256) stops the migration with the row named, and the migration's
transaction leaves the database as it was.
"""

from . import storage


def move_to_storage(model_label: str):
    def forwards(apps, schema_editor):
        model = apps.get_model(model_label)
        rows = model._base_manager.exclude(pdf=None).values_list("pk", "pdf", "pdf_sha256")
        for pk, pdf, sha256 in rows.iterator(chunk_size=200):
            data = bytes(pdf)
            if storage.sha256_of(data) != sha256:
                raise RuntimeError(
                    f"{model_label} #{pk}: its stored PDF does not hash to its SHA-256 {sha256 or '(empty)'}; "
                    "nothing was migrated. Restore that row's PDF from a backup, then migrate again."
                )
            storage.store(data)

    def backwards(apps, schema_editor):
        model = apps.get_model(model_label)
        for row in model._base_manager.exclude(pdf_sha256="").only("pk", "pdf_sha256").iterator(chunk_size=200):
            model._base_manager.filter(pk=row.pk).update(pdf=storage.read(row.pdf_sha256))

    return forwards, backwards
