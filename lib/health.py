"""``/healthz``: is this server fit to serve? For load balancers and monitoring.

No login and no data: the answer says only whether the database answers, whether
every migration is applied and, where the workers share a cache (Redis: sessions and kept
pages live there), whether it answers. Once the migrations are found applied, the (costly) check of
the migration graph is not repeated: they stay applied until the next deploy restarts us.
"""

from django.conf import settings
from django.core.cache import cache
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


def _cache_answers() -> bool:
    """A shared cache that does not answer fails every page (sessions live there)."""
    if not settings.PAGE_CACHE and "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        return True  # each process's own memory: nothing to reach
    try:
        cache.get("healthz")
    except Exception:  # redis-py's ConnectionError, TimeoutError, ...: any failure to answer
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    connection = connections[DEFAULT_DB_ALIAS]
    if not _database_answers(connection):
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    if not _migrations_are_applied(connection):
        return JsonResponse({"status": "error", "migrations": "not applied"}, status=503)
    if not _cache_answers():
        return JsonResponse({"status": "error", "cache": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})
