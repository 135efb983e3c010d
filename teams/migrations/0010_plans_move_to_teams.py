import django.db.models.deletion
from django.db import migrations, models

import lib.text


def move_content_types(apps, schema_editor):
    """Admin history, permissions and the audit trail follow the models to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("plan", "phase"):
        ContentType.objects.filter(app_label="teams", model=model).delete()
        ContentType.objects.filter(app_label="reports", model=model).update(app_label="teams")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="teams", model__in=["plan", "phase"]).update(app_label="reports")


class Migration(migrations.Migration):
    """Plans and their phases move from ``reports`` to ``teams``: a plan also sets what a team
    is, and the rules that read it sit in ``teams``. The tables keep their names
    (``reports_plan``, ``reports_phase``): nothing is created, altered or copied."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("teams", "0009_officials_move_to_accounts"),
        ("reports", "0005_register_moves_to_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Plan",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number_symbol", lib.text.NFCCharField(help_text='As printed after "Số:", e.g. "246/KH-UBND".', max_length=30, verbose_name="number and symbol")),
                        ("issued_on", models.DateField(verbose_name="issued on")),
                        ("subject", lib.text.NFCCharField(max_length=500, verbose_name="subject")),
                        ("commune", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="plans", to="teams.commune", verbose_name="commune")),
                    ],
                    options={
                        "verbose_name": "plan",
                        "verbose_name_plural": "plans",
                        "db_table": "reports_plan",
                        "ordering": ["commune__name", "-issued_on", "pk"],
                        "constraints": [
                            models.UniqueConstraint(fields=("commune", "number_symbol", "issued_on"), name="plan_unique_number_and_date", violation_error_message="This commune already has a plan with this number and date."),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Phase",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("order", models.PositiveSmallIntegerField(verbose_name="order")),
                        ("label", lib.text.NFCCharField(help_text='E.g. "Giai đoạn 1".', max_length=100, verbose_name="label")),
                        ("starts_on", models.DateField(verbose_name="starts on")),
                        ("ends_on", models.DateField(verbose_name="ends on")),
                        ("commune_team_required", models.BooleanField(default=False, verbose_name="commune team required")),
                        ("villages_min", models.PositiveSmallIntegerField(blank=True, help_text="Villages with a team by the end of the phase, earlier phases included. Empty: no target.", null=True, verbose_name="villages covered, at least")),
                        ("villages_max", models.PositiveSmallIntegerField(blank=True, help_text="The upper end of the plan's range, earlier phases included.", null=True, verbose_name="villages covered, at most")),
                        ("note", lib.text.NFCTextField(blank=True, max_length=1000, verbose_name="note")),
                        ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="phases", to="teams.plan", verbose_name="plan")),
                    ],
                    options={
                        "verbose_name": "phase",
                        "verbose_name_plural": "phases",
                        "db_table": "reports_phase",
                        "ordering": ["plan", "order"],
                        "constraints": [
                            models.UniqueConstraint(fields=("plan", "order"), name="phase_unique_order", violation_error_message="This plan already has a phase in this position."),
                            models.CheckConstraint(condition=models.Q(("ends_on__gte", models.F("starts_on"))), name="phase_ends_after_start", violation_error_message="A phase cannot end before it starts."),
                            models.CheckConstraint(condition=models.Q(("villages_max__isnull", True), ("villages_min__isnull", True), ("villages_max__gte", models.F("villages_min")), _connector="OR"), name="phase_range_in_order", violation_error_message="The most villages cannot be fewer than the fewest."),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
