"""A reader's pages kept until anything they show may have changed.

A clerk opens the same lists and dashboards many times a day, and the data behind them
changes a few times a day. ``per_reader`` keeps the HTML of a page for the session that
asked for it and serves it again, without loading the user or running the page's queries,
as long as nothing the page may show has been written since.

Whether something was written is told by *generations*: random tokens in the cache that
every committed write replaces.

- ``gen:c:<pk>``: a row of one commune (its people, teams, memberships, decisions, reports,
  requests; ``COMMUNE_OF`` says how each model finds its commune).
- ``gen:any``: every write anywhere.
- ``gen:all``: a write whose commune is not known (places, plans, logins and roles,
  reforms, anything not in ``COMMUNE_OF``), a bulk change made by a command
  (``everything_changed``), a migration.

A page kept for a commune official depends on ``gen:all`` and their commune's token; a page
kept for anyone else (district, province and national officers, staff), and a page that
shows other communes whoever reads it (``every_commune``: the dashboards), on ``gen:all``
and ``gen:any``. A token that is missing (a cold or emptied cache) is made anew, so it matches
no page kept before.

What makes an entry hit (``_fresh``): the same session cookie, CSRF cookie, path with its
query string, language and day (pages show "today" and deadlines); a session that still
holds the same logged-in user; no message waiting to be shown; and the tokens it recorded
unchanged. Only a 200 HTML answer to a GET that set no cookie and showed no message is
kept, for ``SECONDS`` at most. Logging out ends the session, so its pages no longer hit;
a password, role or account change is a write to the user or their official, and so a
``gen:all`` change.

The tokens must be seen by every worker: the pages are kept only where the cache is shared
(``settings.PAGE_CACHE``: on with REDIS_URL; each process's local memory would let one
worker serve a page another worker's write had changed).
"""

import hashlib
import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import timezone

SECONDS = 600
ALL = "gen:all"
ANY = "gen:any"
PREFIX = "page:"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage

# How a row names its commune (attribute paths). A model not listed changes ``gen:all``.
# Only models whose rows never move to another commune through ``save()``: a reform moves
# rows in bulk and calls ``everything_changed``.
COMMUNE_OF = {
    "teams.village": "commune_id",
    "teams.person": "commune_id",
    "teams.team": "commune_id",
    "teams.membership": "team.commune_id",
    "teams.collaborator": "team.commune_id",
    "decisions.decision": "commune_id",
    "decisions.decisionmember": "decision.commune_id",
    "decisions.decisionbasis": "decision.commune_id",
    "decisions.decisionevent": "decision.commune_id",
    "documents.numbersequence": "commune_id",
    "documents.registerentry": "commune_id",
    "reports.reportingperiod": "commune_id",
    "reports.teamreport": "team.commune_id",
    "reports.reportvalue": "report.team.commune_id",
    "reports.communereport": "commune_id",
    "reports.communereportevent": "report.commune_id",
    "joining.joinapplication": "commune_id",
    "joining.leaverequest": "commune_id",
}

# Rows no page is built from: sessions, the audit trail (written with the row it records,
# which changes the tokens itself), login attempts, the admin's own log.
IGNORED_APPS = frozenset({"sessions", "auditlog", "axes", "admin", "contenttypes"})


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", False)


def commune_token(pk: int) -> str:
    return f"gen:c:{pk}"


def _tokens(names: list[str]) -> dict[str, str]:
    """The current token of each generation, making any that is missing."""
    found = cache.get_many(names)
    for name in names:
        if name not in found:
            cache.add(name, secrets.token_hex(8), timeout=None)
    if len(found) < len(names):
        found = cache.get_many(names)
    return found


def _bump(names: list[str]) -> None:
    cache.set_many({name: secrets.token_hex(8) for name in names}, timeout=None)


def changed(*names: str) -> None:
    """Mark generations changed once the current transaction commits (at once outside one):
    a page read before the commit may still be kept under the old tokens, never the new."""
    if enabled():
        transaction.on_commit(lambda: _bump([ANY, *names]))


def everything_changed() -> None:
    """After a bulk change that sends no signals (a reform applied, a list of places loaded):
    call it once the rows are written, or anywhere inside the transaction that writes them."""
    changed(ALL)


def commune_of_row(row) -> int | None:
    path = COMMUNE_OF.get(row._meta.label_lower)
    if path is None:
        return None
    value = row
    try:
        for name in path.split("."):
            value = getattr(value, name)
    except Exception:  # a parent already deleted with it: say "not known"
        return None
    return value


def _written(sender, instance=None, update_fields=None, **kwargs):
    if not enabled() or sender._meta.app_label in IGNORED_APPS:
        return
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # a login: nothing a page shows
    commune = commune_of_row(instance) if instance is not None else None
    changed(commune_token(commune) if commune else ALL)


def _migrated(sender, **kwargs):
    everything_changed()


def connect() -> None:
    post_save.connect(_written, dispatch_uid="page_cache.saved")
    post_delete.connect(_written, dispatch_uid="page_cache.deleted")
    m2m_changed.connect(_written, dispatch_uid="page_cache.m2m")
    post_migrate.connect(_migrated, dispatch_uid="page_cache.migrated")


def _entry_key(request) -> str | None:
    session = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not session or not csrf or MESSAGES_COOKIE in request.COOKIES:
        return None
    parts = (session, csrf, request.get_full_path(), request.LANGUAGE_CODE, timezone.localdate().isoformat())
    return PREFIX + hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _fresh(entry: dict, request) -> bool:
    session = request.session
    if session.get("_auth_user_id") != entry["user"] or "_messages" in session:
        return False
    return _tokens(list(entry["tokens"])) == entry["tokens"]


def _dependencies(user, *, every_commune: bool) -> list[str]:
    """A commune official's page follows their commune; a district, province or national
    officer's (their official names no commune), staff's and a dashboard's, every write."""
    try:
        commune = user.official.commune_id
    except ObjectDoesNotExist:
        commune = None
    if every_commune or commune is None or user.is_staff:
        return [ALL, ANY]
    return [ALL, commune_token(commune)]


def _keepable(request, response) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        # The page's form tokens come from the secret the browser holds, not a new one.
        and request.META.get("CSRF_COOKIE") == request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        and request.user.is_authenticated
        and not (messages is not None and (messages.used or messages._queued_messages))
    )


def per_reader(view=None, *, every_commune: bool = False):
    """Keep ``view``'s page for the session that asked, until a write may have changed it.

    Put it above ``login_required`` and the other checks: on a hit none of them runs, since
    the page was made by them for this very session and user. A page that shows other
    communes to a commune official too (the dashboards) says ``every_commune=True``: it
    then follows every write, whoever reads it."""
    if view is None:
        return lambda view: per_reader(view, every_commune=every_commune)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _entry_key(request) if enabled() and request.method == "GET" else None
        if key is None:
            return view(request, *args, **kwargs)
        entry = cache.get(key)
        if entry is not None and _fresh(entry, request):
            response = HttpResponse(entry["body"])
            for header, value in entry["headers"]:
                response[header] = value
            return response
        tokens = (
            _tokens(_dependencies(request.user, every_commune=every_commune)) if request.user.is_authenticated else None
        )
        response = view(request, *args, **kwargs)
        if tokens is not None and _keepable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            entry = {
                "user": request.session.get("_auth_user_id"),
                "tokens": tokens,
                "headers": list(response.items()),
                "body": response.content,
            }
            cache.set(key, entry, SECONDS)
        return response

    return wrapper
