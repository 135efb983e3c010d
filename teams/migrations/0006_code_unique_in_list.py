import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every place now has its list (0005); a code is unique within its list only.

    Apart from 0005 so that, on PostgreSQL, no table is altered in the transaction that
    filled its new column (pending foreign-key checks would refuse the ALTER TABLE)."""

    dependencies = [
        ("teams", "0005_place_lists"),
    ]

    operations = [
        migrations.AlterField(
            model_name="province",
            name="place_list",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.AlterField(
            model_name="district",
            name="place_list",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.AlterField(
            model_name="commune",
            name="place_list",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.AlterField(
            model_name="province",
            name="code",
            field=models.PositiveIntegerField(help_text="Code in the national list of administrative units.", verbose_name="official code"),
        ),
        migrations.AlterField(
            model_name="district",
            name="code",
            field=models.PositiveIntegerField(help_text="Code in the national list of administrative units.", verbose_name="official code"),
        ),
        migrations.AlterField(
            model_name="commune",
            name="code",
            field=models.PositiveIntegerField(help_text="Code in the national list of administrative units.", verbose_name="official code"),
        ),
        migrations.AddConstraint(
            model_name="province",
            constraint=models.UniqueConstraint(fields=("place_list", "code"), name="province_code_unique_in_list", violation_error_message="This list already has a place with this code."),
        ),
        migrations.AddConstraint(
            model_name="district",
            constraint=models.UniqueConstraint(fields=("place_list", "code"), name="district_code_unique_in_list", violation_error_message="This list already has a place with this code."),
        ),
        migrations.AddConstraint(
            model_name="commune",
            constraint=models.UniqueConstraint(fields=("place_list", "code"), name="commune_code_unique_in_list", violation_error_message="This list already has a place with this code."),
        ),
    ]
