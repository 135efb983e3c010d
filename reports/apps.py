from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Rollout and reports")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import ReportingPeriod, TeamReport

        # Who filed, corrected or closed what is on the rows themselves; the trail keeps the values' history.
        auditlog.register(ReportingPeriod)
        auditlog.register(TeamReport)
