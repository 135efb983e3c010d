from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Places, people and teams")

    def ready(self):
        from lib import collation

        from . import auditing  # noqa: F401  (registers the models with the audit trail)

        # SQLite learns the "vietnamese" collation on each connection (PostgreSQL has it
        # from migration 0013).
        connection_created.connect(collation.register, dispatch_uid="teams.vietnamese_collation")
