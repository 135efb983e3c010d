"""Reads for the logins pages: the logins a clerk manages, the people on offer, a login's history."""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from lib.collation import vietnamese
from teams.models import Commune, Person

from .models import Official
from .services import MANAGEABLE_ROLES

HISTORY_LIMIT = 20


def managed_logins(commune: Commune) -> QuerySet[Official]:
    """The logins of ``commune`` its clerk manages: team leaders and vice-chairmen, never an
    account that opens the administration."""
    return (
        Official.objects.filter(commune=commune, role__in=MANAGEABLE_ROLES)
        .exclude(user__is_superuser=True)
        .exclude(user__is_staff=True)
        .select_related("user", "person__village", "commune")
        .order_by("user__username")
    )


def managed_login(commune: Commune, pk: int) -> Official:
    """One of them, or 404: a login of another commune, the clerk's own and the chairman's alike."""
    try:
        return managed_logins(commune).get(pk=pk)
    except Official.DoesNotExist as exc:
        raise Http404 from exc


def commune_people(commune: Commune) -> QuerySet[Person]:
    """Everyone the commune keeps: what a posted person is checked against."""
    return Person.objects.filter(commune=commune).select_related("village").order_by(vietnamese("full_name"), "pk")


def people_without_login(commune: Commune, *, keeping: Person | None = None) -> QuerySet[Person]:
    """The people on offer for a login: those of the commune without one (and ``keeping``)."""
    free = ~Exists(Official.objects.filter(person=OuterRef("pk")))
    if keeping is not None:
        free |= Q(pk=keeping.pk)
    return commune_people(commune).filter(free)


def login_history(official: Official) -> list[LogEntry]:
    """The latest audit entries of the login's user, newest first, with who made them."""
    content_type = ContentType.objects.get_for_model(get_user_model())
    entries = LogEntry.objects.filter(content_type=content_type, object_pk=str(official.user_id))
    return list(entries.select_related("actor").order_by("-timestamp", "-pk")[:HISTORY_LIMIT])
