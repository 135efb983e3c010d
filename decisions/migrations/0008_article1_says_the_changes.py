"""Điều 1 of an amending decision says who leaves, who joins and whose role changes
(decisions/amendment.py): up to 5000 characters instead of 1000.

The column is ``text`` on PostgreSQL and SQLite alike, so nothing changes in the database:
the new length is the model's and the forms' (validation), recorded in the state only.
Applied as an ``AlterField`` it would make SQLite copy the table into a new one and drop
the old, and with it the guards ``integrity`` put on ``decisions_decision`` (an issued
decision is never updated or deleted; its status and kind are allowed values).
"""

import lib.text
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0007_local_government_law_2025"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="decision",
                    name="article1",
                    field=lib.text.NFCTextField(max_length=5000, verbose_name="Article 1 text"),
                ),
            ],
            database_operations=[],
        ),
    ]
