"""Issued commune reports' PDFs move from the database column to the document store."""

from django.db import migrations

from documents.pdf_migration import move_to_storage

forwards, backwards = move_to_storage("reports.CommuneReport")


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_commune_report"), ("decisions", "0003_pdf_to_document_storage")]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="communereport", name="pdf"),
    ]
