"""Refuse to start, in one line, when the settings cannot work.

A wrong SECRET_KEY or DATABASE_URL with DEBUG off raises ImproperlyConfigured while the
settings load; a database that does not answer shows only at the first request. The
server's operator should read one line naming the setting, not a traceback.
"""

import sys

from django.core.exceptions import ImproperlyConfigured


def refuse(message: str) -> None:
    sys.stderr.write(f"tungAnh: {message}\n")
    sys.stderr.flush()
    raise SystemExit(1)


def load_settings_or_refuse():
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)
    except ImproperlyConfigured as error:
        refuse(str(error))
    return settings


def database_or_refuse() -> None:
    """With DEBUG off, the server starts only if the database answers."""
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        refuse(f"the database in DATABASE_URL does not answer: {first_line}")
    finally:
        # The server forks its workers after this check: none may inherit the connection.
        connection.close()
