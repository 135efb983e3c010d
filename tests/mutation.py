"""Two shortcuts for ``make mutation`` (mutmut), off in every other run.

mutmut runs the tests once clean, then once per mutant (about a thousand), each time in a
fresh pytest session with ``-x``: it stops at the first failure. Two costs dominate and
neither says anything about the mutant:

- **The test database.** Every session migrated a new SQLite database in memory (about
  5 s, more than most mutants' tests). The clean run (and the stats run), which run the
  code unmutated, now keep a copy of the migrated database, named by a hash of every
  migration; a mutant's session copies it back (SQLite's backup API, a few milliseconds)
  instead of migrating. A mutant never writes the copy: its mutated code could run in a
  data migration.
- **The slowest tests.** The fuzz tests (random input to every page, about 90 s) and the
  tests of query counts and of old data migrations (about 60 s) reach the guards through
  every page, but none checks one: a mutant's session leaves them out. A surviving mutant
  ran every other test that reaches it; leaving tests out can only turn a kill into a
  survival, so the score is a floor.
- **The order of the tests.** The tests that reach a function ran in file order, so the
  tests of ``teams/rules.py`` came after every page test that creates a team. The tests of
  the mutated module (``test_<module>*.py``) now run first, then the rest of its app's,
  then the others: a killed mutant fails in seconds. The same tests run, so a surviving
  mutant survives just the same.

mutmut says which run it is in ``MUTANT_UNDER_TEST``: "" (clean), "stats", or a mutant's
name such as ``teams.rules.x_size__mutmut_3``. Without the variable nothing here runs.
"""

import hashlib
import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3.creation import DatabaseCreation

VARIABLE = "MUTANT_UNDER_TEST"


def active() -> bool:
    return VARIABLE in os.environ


def mutant() -> str:
    """The mutant under test, or "" in the clean and stats runs."""
    name = os.environ.get(VARIABLE, "")
    return name if "__mutmut_" in name else ""


def template() -> Path:
    """Where the migrated database is kept, named by the migrations it holds."""
    digest = hashlib.sha256()
    for path in sorted(Path.cwd().glob("*/migrations/*.py")):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return Path.cwd() / f".mutation-test-db-{digest.hexdigest()[:16]}.sqlite3"


def install() -> None:
    """From now on, an in-memory SQLite test database comes from the kept copy in a mutant's
    run, and the clean run keeps one."""
    migrate = DatabaseCreation.create_test_db

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        kept = template()
        in_memory = self.is_in_memory_db(self._get_test_db_name())
        if mutant() and in_memory and kept.exists():
            return _copy_back(self, kept, serialize=serialize)
        name = migrate(self, verbosity=verbosity, autoclobber=autoclobber, serialize=serialize, keepdb=keepdb)
        if not mutant() and in_memory and not kept.exists():
            partial = kept.with_suffix(f".{os.getpid()}.part")
            with sqlite3.connect(partial) as copy:
                self.connection.connection.backup(copy)
            copy.close()
            os.replace(partial, kept)
        return name

    DatabaseCreation.create_test_db = create_test_db


def _copy_back(creation: DatabaseCreation, kept: Path, *, serialize: bool) -> str:
    """What ``create_test_db`` leaves behind, with the kept database in place of migrating."""
    connection = creation.connection
    name = creation._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    source = sqlite3.connect(kept)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    if serialize:
        connection._test_serialized_contents = creation.serialize_db_to_string()
    return name


# Left out of a mutant's session (see above).
SLOWEST = (
    "tests/web/test_query_fuzz.py",
    "tests/web/test_decisions_fuzz.py",
    "tests/reports/test_dashboard_province_queries.py",
    "tests/reports/test_dashboard_queries.py",
    "tests/documents/test_migration_to_events.py",
    "tests/decisions/test_legal_bases_migration.py",
)


def order(config, items: list) -> None:
    """Without the slowest tests, the mutated module's own tests first, then its app's, then
    the rest (stable), except that the tests that flush the database stay last.

    Called after pytest-django's sort, which puts tests without the database after all the
    others: the tests of ``teams.rules`` are plain functions, so a mutant killed by them
    first ran every page test that reaches the rules (a minute or two). Only the order
    that matters is kept: a transactional test flushes the database, and the data the
    migrations seed must be there for every test before it."""
    name = mutant()
    if not name:
        return
    slowest = [item for item in items if item.nodeid.split("::", 1)[0] in SLOWEST]
    if slowest:
        config.hook.pytest_deselected(items=slowest)
        left_out = {id(item) for item in slowest}
        items[:] = [item for item in items if id(item) not in left_out]
    module = name.split(".x", 1)[0]  # "teams.rules"
    app, _, leaf = module.rpartition(".")

    def rank(item) -> tuple[bool, int]:
        path = item.nodeid.split("::", 1)[0]
        if Path(path).name.startswith(f"test_{leaf}"):
            place = 0
        else:
            place = 1 if path.startswith(f"tests/{app.split('.')[0]}/") else 2
        return flushes(item), place

    items.sort(key=rank)


def flushes(item) -> bool:
    """Whether a test empties the database when it ends (pytest-django's transactional tests)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures
