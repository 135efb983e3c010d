import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Province and national officers (since the 2025 reform): a province column on
    ``teams_official`` and the two roles in its check constraints."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("teams", "0009_officials_move_to_accounts"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="official", name="official_has_a_scope"),
        migrations.RemoveConstraint(model_name="official", name="official_role_valid"),
        migrations.AddField(
            model_name="official",
            name="province",
            field=models.ForeignKey(
                blank=True,
                help_text="For a province officer: the province as the list in force names it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="officials",
                to="teams.province",
                verbose_name="province",
            ),
        ),
        migrations.AlterField(
            model_name="official",
            name="role",
            field=models.CharField(
                choices=[
                    ("clerk", "commune clerk"),
                    ("chairman", "commune chairman"),
                    ("vice_chairman", "commune vice-chairman"),
                    ("team_leader", "team leader"),
                    ("district_officer", "district officer"),
                    ("province_officer", "province officer"),
                    ("national_officer", "national officer"),
                ],
                max_length=20,
                verbose_name="role",
            ),
        ),
        migrations.AddConstraint(
            model_name="official",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("district__isnull", False), ("province__isnull", True), ("role", "district_officer")),
                    models.Q(
                        ("commune__isnull", True),
                        ("district__isnull", True),
                        ("province__isnull", False),
                        ("role", "province_officer"),
                    ),
                    models.Q(
                        ("commune__isnull", True),
                        ("district__isnull", True),
                        ("province__isnull", True),
                        ("role", "national_officer"),
                    ),
                    models.Q(
                        models.Q(
                            ("role__in", ["district_officer", "province_officer", "national_officer"]), _negated=True
                        ),
                        ("commune__isnull", False),
                        ("province__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="official_has_a_scope",
                violation_error_message=(
                    "A district officer needs a district, a province officer a province, a national officer no "
                    "place; a commune official needs a commune."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="official",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "role__in",
                        [
                            "clerk",
                            "chairman",
                            "vice_chairman",
                            "team_leader",
                            "district_officer",
                            "province_officer",
                            "national_officer",
                        ],
                    )
                ),
                name="official_role_valid",
                violation_error_message=(
                    "An official is a commune clerk, chairman, vice-chairman, team leader, district officer, "
                    "province officer or national officer."
                ),
            ),
        ),
    ]
