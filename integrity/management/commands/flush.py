"""``manage.py flush``, which also empties the tables the integrity triggers guard on SQLite.

Flushing removes every row of every table: it is how a test that commits
(``transaction=True``, the browser tests) leaves an empty database to the next one.
PostgreSQL flushes with TRUNCATE, which no row trigger sees. SQLite has no TRUNCATE and
flushes with DELETE, which the triggers refuse for an issued document, a register line or
an ended membership. So on SQLite the triggers are set aside for the flush and put back
as they were, in one transaction: if the flush fails, they were never gone.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

# The guards of the integrity app, and those an app keeps beside its own tables (residents'
# consent records, the reports' indicator sets), all named by their app.
INTEGRITY_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
    "AND (name LIKE 'integrity\\_%' ESCAPE '\\' OR name LIKE 'residents\\_%' ESCAPE '\\' "
    "OR name LIKE 'reports\\_%' ESCAPE '\\')"
)


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(INTEGRITY_TRIGGERS)
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f'DROP TRIGGER "{name}"')
            super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
