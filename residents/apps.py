from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Residents find their team")

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache invalidation)
