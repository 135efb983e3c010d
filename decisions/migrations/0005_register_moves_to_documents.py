from django.db import migrations


class Migration(migrations.Migration):
    """The number sequences and the outgoing register now belong to ``documents``
    (documents/migrations/0001_initial.py); their tables stay as they are."""

    dependencies = [
        ("decisions", "0004_one_issuing_lifecycle"),
        ("documents", "0001_initial"),
        ("reports", "0005_register_moves_to_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="NumberSequence"),
                migrations.DeleteModel(name="RegisterEntry"),
            ],
        ),
    ]
