from django.db import migrations


class Migration(migrations.Migration):
    """Officials now belong to ``accounts`` (accounts/migrations/0001_initial.py); their table stays."""

    dependencies = [
        ("teams", "0008_commune_ceased_on"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Official")]),
    ]
