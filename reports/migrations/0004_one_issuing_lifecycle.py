"""A commune report's trail becomes events, as a decision's is (one issuing lifecycle).

The returned comment (with who and when), the drafting and the issuance move from the
report's own columns into CommuneReportEvent rows; then the columns go. Each report's
events are made from its row alone; nothing else changes, and no issued report's number,
snapshot or PDF is touched.
"""

import django.db.models.deletion
import lib.text
from django.conf import settings
from django.db import migrations, models


def trail_to_events(apps, schema_editor):
    report_model = apps.get_model("reports", "CommuneReport")
    event_model = apps.get_model("reports", "CommuneReportEvent")
    for report in report_model._base_manager.order_by("pk").iterator(chunk_size=500):
        trail = [("created", report.created_by_id, report.created_at, "")]
        if report.returned_at is not None:
            trail.append(("returned", report.returned_by_id, report.returned_at, report.return_comment))
        if report.status == "issued":
            if report.issued_at is None:
                raise RuntimeError(
                    f"reports.CommuneReport #{report.pk} is issued but has no issued_at; nothing was migrated."
                )
            trail.append(("issued", report.issued_by_id, report.issued_at, ""))
        for action, by_id, at, comment in trail:
            event = event_model.objects.create(report_id=report.pk, action=action, by_id=by_id, comment=comment)
            # ``at`` is auto_now_add: the real moment is written after.
            event_model.objects.filter(pk=event.pk).update(at=at)


def events_to_trail(apps, schema_editor):
    report_model = apps.get_model("reports", "CommuneReport")
    event_model = apps.get_model("reports", "CommuneReportEvent")
    for report in report_model._base_manager.order_by("pk").iterator(chunk_size=500):
        changes = {}
        returned = event_model.objects.filter(report_id=report.pk, action="returned").order_by("-at", "-id").first()
        if returned is not None:
            changes.update(returned_by_id=returned.by_id, returned_at=returned.at, return_comment=returned.comment)
        issued = event_model.objects.filter(report_id=report.pk, action="issued").first()
        if issued is not None:
            changes.update(issued_by_id=issued.by_id)
        if changes:
            report_model._base_manager.filter(pk=report.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0004_one_issuing_lifecycle"),
        ("reports", "0003_pdf_to_document_storage"),
        ("teams", "0003_phone_ascii_digits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CommuneReportEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("created", "drafted"),
                            ("submitted", "submitted"),
                            ("returned", "returned with comments"),
                            ("issued", "issued"),
                            ("recorded", "recorded as issued earlier"),
                        ],
                        max_length=10,
                        verbose_name="action",
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                ("comment", lib.text.NFCTextField(blank=True, max_length=2000, verbose_name="comment")),
            ],
            options={
                "verbose_name": "commune report event",
                "verbose_name_plural": "commune report events",
                "ordering": ["report", "at", "id"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="communereportevent",
            name="by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AddField(
            model_name="communereportevent",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="reports.communereport",
                verbose_name="commune report",
            ),
        ),
        migrations.RunPython(trail_to_events, events_to_trail, elidable=False),
        migrations.RemoveConstraint(
            model_name="communereport",
            name="commune_report_number_unique",
        ),
        migrations.RemoveConstraint(
            model_name="communereport",
            name="commune_report_issued_has_number",
        ),
        migrations.RemoveField(
            model_name="communereport",
            name="issued_by",
        ),
        migrations.RemoveField(
            model_name="communereport",
            name="return_comment",
        ),
        migrations.RemoveField(
            model_name="communereport",
            name="returned_at",
        ),
        migrations.RemoveField(
            model_name="communereport",
            name="returned_by",
        ),
        migrations.AlterField(
            model_name="communereport",
            name="signer",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(class)s_signed",
                to="teams.person",
                verbose_name="signer",
            ),
        ),
        migrations.AddConstraint(
            model_name="communereport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("number__isnull", False)),
                fields=("commune", "year", "number"),
                name="communereport_number_unique",
                violation_error_message="This number is already taken for that year.",
            ),
        ),
        migrations.AddConstraint(
            model_name="communereport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "issued"), _negated=True),
                    models.Q(
                        ("issued_on__isnull", False),
                        ("number__isnull", False),
                        ("signer__isnull", False),
                        ("year__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="communereport_issued_has_number",
                violation_error_message="An issued document has a number, a year, a date and a signer.",
            ),
        ),
    ]
