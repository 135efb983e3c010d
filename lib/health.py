"""``/healthz``: is this server fit to serve? For load balancers and monitoring.

No login and no data: the answer says only whether the database answers and whether
every migration is applied. Once the migrations are found applied, the (costly) check of
the migration graph is not repeated: they stay applied until the next deploy restarts us.
"""

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

_migrations_applied = False


def _database_answers(connection) -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _migrations_are_applied(connection) -> bool:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        _migrations_applied = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrations_applied


@never_cache
@require_safe
def healthz(request):
    connection = connections[DEFAULT_DB_ALIAS]
    if not _database_answers(connection):
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if not _migrations_are_applied(connection):
        return JsonResponse({"status": "error", "migrations": "not applied"}, status=503)
    return JsonResponse({"status": "ok"})
