"""``RunSQLPerVendor``: a migration's SQL, written once per database vendor."""

from collections.abc import Sequence

from django.db import router
from django.db.migrations.operations.base import Operation


class RunSQLPerVendor(Operation):
    """Run the statements written for the database's vendor ("postgresql" or "sqlite").

    Each argument is a list of complete statements, run one by one without parameters (so
    a ``%`` in PL/pgSQL stays a ``%``). A vendor without SQL here stops the migration:
    carrying on would leave that database without the rules.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(
        self,
        *,
        postgresql: Sequence[str],
        postgresql_reverse: Sequence[str],
        sqlite: Sequence[str],
        sqlite_reverse: Sequence[str],
    ):
        self.postgresql = list(postgresql)
        self.postgresql_reverse = list(postgresql_reverse)
        self.sqlite = list(sqlite)
        self.sqlite_reverse = list(sqlite_reverse)

    def deconstruct(self):
        kwargs = {
            "postgresql": self.postgresql,
            "postgresql_reverse": self.postgresql_reverse,
            "sqlite": self.sqlite,
            "sqlite_reverse": self.sqlite_reverse,
        }
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, reverse=False)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(app_label, schema_editor, reverse=True)

    def describe(self):
        return "SQL for PostgreSQL or SQLite"

    def _run(self, app_label, schema_editor, *, reverse: bool) -> None:
        connection = schema_editor.connection
        if not router.allow_migrate(connection.alias, app_label):
            return
        if connection.vendor not in ("postgresql", "sqlite"):
            raise NotImplementedError(f"integrity: no SQL written for {connection.vendor}, only PostgreSQL and SQLite")
        statements = getattr(self, f"{connection.vendor}_reverse" if reverse else connection.vendor)
        for statement in statements:
            schema_editor.execute(statement, params=None)
