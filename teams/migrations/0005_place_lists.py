import django.db.models.deletion
from django.db import migrations, models

import lib.text

THREE_TIERS = "2025-01-04"


def places_join_the_three_tier_list(apps, schema_editor):
    """Every place loaded so far came from the three-tier list (vietnam-provinces 0.6.0)."""
    PlaceList = apps.get_model("teams", "PlaceList")
    models_ = [apps.get_model("teams", name) for name in ("Province", "District", "Commune")]
    if not any(model.objects.exists() for model in models_):
        return
    three_tiers, _ = PlaceList.objects.get_or_create(
        key=THREE_TIERS,
        defaults={
            "name": "Danh mục đơn vị hành chính ba cấp (bản ngày 04/01/2025)",
            "in_force_until": "2025-07-01",
            "has_districts": True,
        },
    )
    for model in models_:
        model.objects.filter(place_list__isnull=True).update(place_list=three_tiers)


class Migration(migrations.Migration):
    """Places belong to an official list: a code is unique within its list only (codes are
    reused across the 2025 reform). Places already loaded join the three-tier list."""

    dependencies = [
        ("teams", "0004_allowed_values"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlaceList",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.SlugField(help_text='The edition\'s date, e.g. "2025-07-01".', max_length=20, unique=True, verbose_name="key")),
                ("name", lib.text.NFCCharField(max_length=200, verbose_name="name")),
                ("in_force_from", models.DateField(blank=True, null=True, verbose_name="in force from")),
                ("in_force_until", models.DateField(blank=True, null=True, verbose_name="in force until")),
                ("has_districts", models.BooleanField(default=True, verbose_name="has a district tier")),
                ("source", lib.text.NFCTextField(blank=True, max_length=2000, verbose_name="source")),
            ],
            options={
                "verbose_name": "list of administrative units",
                "verbose_name_plural": "lists of administrative units",
                "ordering": [models.OrderBy(models.F("in_force_from"), nulls_first=True), "key"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("in_force_from__isnull", True), ("in_force_until__isnull", True), ("in_force_from__lt", models.F("in_force_until")), _connector="OR"),
                        name="placelist_dates_in_order",
                        violation_error_message="A list ends after it starts.",
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="province",
            name="place_list",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.AddField(
            model_name="district",
            name="place_list",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.AddField(
            model_name="commune",
            name="place_list",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="teams.placelist", verbose_name="list of administrative units"),
        ),
        migrations.RunPython(places_join_the_three_tier_list, migrations.RunPython.noop),
    ]
