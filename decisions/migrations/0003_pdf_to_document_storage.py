"""Issued decisions' PDFs move from the database column to the document store."""

from django.db import migrations

from documents.pdf_migration import move_to_storage

forwards, backwards = move_to_storage("decisions.Decision")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0002_initial")]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="decision", name="pdf"),
    ]
