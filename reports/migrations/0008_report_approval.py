"""Approval of monthly reports: a status on each team report and month, and their trails."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import lib.text
from django.conf import settings
from django.db import migrations, models


def accept_the_reports_of_closed_months(apps, schema_editor):
    """Before approval, closing a month made its reports final: they count as accepted by the
    clerk who closed it. The months themselves stay unapproved (no chairman approved them)."""
    TeamReport = apps.get_model("reports", "TeamReport")
    TeamReport.objects.filter(period__closed_at__isnull=False).update(status="accepted")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0007_report_value_not_reported'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='reportingperiod',
            name='status',
            field=models.CharField(choices=[('open', 'open'), ('approved', 'approved by the chairman'), ('accepted', 'accepted by the supervisor'), ('sent_back', 'sent back by the supervisor')], default='open', editable=False, max_length=10, verbose_name='approval'),
        ),
        migrations.AddField(
            model_name='teamreport',
            name='status',
            field=models.CharField(choices=[('filed', 'waiting for the clerk'), ('returned', 'returned to the team'), ('accepted', 'accepted by the clerk')], default='filed', editable=False, max_length=10, verbose_name='approval'),
        ),
        migrations.CreateModel(
            name='PeriodEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('comment', lib.text.NFCTextField(blank=True, max_length=1000, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='comment')),
                ('action', models.CharField(choices=[('approved', 'approved by the chairman'), ('accepted', 'accepted by the supervisor'), ('sent_back', 'sent back by the supervisor'), ('reopened', 'reopened by the supervisor')], max_length=10, verbose_name='action')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='reports.reportingperiod', verbose_name='reporting period')),
            ],
            options={
                'verbose_name': 'reporting period event',
                'verbose_name_plural': 'reporting period events',
                'ordering': ['period', 'at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='TeamReportEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('comment', lib.text.NFCTextField(blank=True, max_length=1000, validators=[django.core.validators.MaxLengthValidator(1000)], verbose_name='comment')),
                ('action', models.CharField(choices=[('corrected', 'corrected'), ('returned', 'returned with a comment'), ('accepted', 'accepted')], max_length=10, verbose_name='action')),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='reports.teamreport', verbose_name='report')),
            ],
            options={
                'verbose_name': 'team report event',
                'verbose_name_plural': 'team report events',
                'ordering': ['report', 'at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunPython(accept_the_reports_of_closed_months, migrations.RunPython.noop),
    ]
