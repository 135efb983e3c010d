from django.db import migrations


class Migration(migrations.Migration):
    """Plans and their phases now belong to ``teams`` (teams/migrations/0010_plans_move_to_teams.py);
    their tables stay."""

    dependencies = [
        ("reports", "0005_register_moves_to_documents"),
        ("teams", "0010_plans_move_to_teams"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Phase"), migrations.DeleteModel(name="Plan")]
        ),
    ]
