"""The rules the database keeps itself (the integrity app's triggers and constraints).

Each test goes around the models' own guards (``_base_manager``, ``bulk_update``,
``bulk_create``, raw SQL), so that what refuses the write is the database, and runs on
both vendors. ``refused`` says which error each vendor raises.
"""

import contextlib

import pytest
from django.db import DatabaseError, IntegrityError, InternalError, connection, transaction


def trigger_error() -> type[DatabaseError]:
    """What a trigger's refusal raises in Django.

    PostgreSQL: ``RAISE EXCEPTION`` without an SQLSTATE is P0001 (raise_exception), which
    psycopg maps to InternalError. SQLite: ``RAISE(ABORT, ...)`` is a constraint failure,
    an IntegrityError.
    """
    return InternalError if connection.vendor == "postgresql" else IntegrityError


@contextlib.contextmanager
def refused(message: str, *, error: type[DatabaseError] | None = None):
    """The block's write is refused by the database with ``message``, and rolled back.

    ``error`` defaults to a trigger's; a CHECK constraint raises IntegrityError on both.
    """
    expected = error or trigger_error()
    with pytest.raises(DatabaseError) as caught, transaction.atomic():
        yield
    assert type(caught.value) is expected, f"{type(caught.value).__name__}: {caught.value}"
    assert message in str(caught.value)


def execute(sql: str, params=()) -> int:
    """Raw SQL behind the ORM's back; the number of rows it touched."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
