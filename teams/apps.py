from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Places, people and teams")

    def ready(self):
        from . import auditing  # noqa: F401  (registers the models with the audit trail)
