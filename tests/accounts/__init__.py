"""Tests of the logins: the rules (accounts.services), the pages, create_official, a browser path.

Shared helpers live here.
"""

from auditlog.models import LogEntry
from django.contrib.auth import authenticate, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from accounts import services
from accounts.models import Official
from teams.models import Person
from tests import factories

# Passes Django's password validators; the tests type it wherever a clerk would.
GOOD_PASSWORD = "Nhan-vien-thon-2025"


def can_log_in(username: str, password: str) -> bool:
    """Through the project's authentication backends (django-axes first), as the login page does."""
    return authenticate(RequestFactory().post("/login/"), username=username, password=password) is not None


def login_entries(official) -> list:
    """The audit entries of the login's user, oldest first."""
    user_type = ContentType.objects.get_for_model(get_user_model())
    return list(LogEntry.objects.filter(content_type=user_type, object_pk=str(official.user_id)).order_by("pk"))


def villager(commune, **fields) -> Person:
    village = factories.VillageFactory(commune=commune)
    return factories.PersonFactory(commune=commune, village=village, **fields)


def login_of(commune, clerk, *, username: str = "totruong.thon", role=Official.Role.TEAM_LEADER, person=None):
    """A login made by the clerk, through the service, with GOOD_PASSWORD."""
    person = person or villager(commune)
    issued = services.login_create(
        commune=commune, person=person, role=role, username=username, password=GOOD_PASSWORD, by=clerk
    )
    return issued.official


def other_commune():
    """Another commune of the district, with its clerk and one of its people."""
    commune = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    clerk = factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user
    person = factories.PersonFactory(commune=commune, full_name="Trần Văn Khác")
    return commune, clerk, person
