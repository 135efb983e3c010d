"""accounts.services.login_create: the clerk gives a person of the commune a team leader's or
vice-chairman's login, and every refusal names its field."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.models import Official
from tests import factories
from tests.accounts import GOOD_PASSWORD, can_log_in, login_entries, other_commune, villager
from tests.web import district_officer_of

pytestmark = pytest.mark.django_db

User = get_user_model()


def create(commune, clerk, **changes):
    arguments = {
        "commune": commune,
        "person": changes.pop("person", None) or villager(commune),
        "role": Official.Role.TEAM_LEADER,
        "username": "totruong.dongthai",
        "password": GOOD_PASSWORD,
        "by": clerk,
    }
    return services.login_create(**{**arguments, **changes})


def refusal(commune, clerk, **changes) -> dict[str, list[str]]:
    users_before = User.objects.count()
    with pytest.raises(ValidationError) as caught:
        create(commune, clerk, **changes)
    assert User.objects.count() == users_before, "a refused login left a user behind"
    return caught.value.message_dict


def test_the_clerk_creates_a_team_leaders_login(commune, clerk):
    person = villager(commune, full_name="Phạm Hồng Chương")
    issued = create(commune, clerk, person=person)
    official = Official.objects.select_related("user").get(pk=issued.official.pk)
    assert (official.role, official.commune, official.district, official.person) == (
        Official.Role.TEAM_LEADER,
        commune,
        None,
        person,
    )
    user = official.user
    assert (user.username, user.first_name, user.is_active) == ("totruong.dongthai", "Phạm Hồng Chương", True)
    assert not user.is_staff and not user.is_superuser
    assert issued.password == ""
    assert can_log_in("totruong.dongthai", GOOD_PASSWORD)


def test_the_clerk_creates_a_vice_chairmans_login(commune, clerk):
    issued = create(commune, clerk, role=Official.Role.VICE_CHAIRMAN, username="phochutich.tunganh")
    assert issued.official.role == Official.Role.VICE_CHAIRMAN and issued.official.signs


def test_without_a_password_one_is_generated_returned_once_and_works(commune, clerk):
    issued = create(commune, clerk, password=None)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", issued.password)
    assert can_log_in("totruong.dongthai", issued.password)
    assert issued.password not in str(login_entries(issued.official)[0].changes)


def test_generated_passwords_differ():
    assert len({services.password_generate() for _ in range(50)}) == 50


def test_it_records_who_created_the_login(commune, clerk):
    issued = create(commune, clerk)
    [entry] = login_entries(issued.official)
    assert (entry.actor, entry.action) == (clerk, LogEntry.Action.CREATE)
    assert entry.additional_data == {"action": "login_create"}
    assert GOOD_PASSWORD not in str(entry.changes)


# Refusals -------------------------------------------------------------------------------------


def test_it_refuses_a_person_of_another_commune(commune, clerk):
    _, _, stranger = other_commune()
    errors = refusal(commune, clerk, person=stranger)
    assert errors == {"person": ["This person is kept by another commune."]}


def test_it_refuses_a_second_login_for_the_same_person(commune, clerk):
    person = villager(commune, full_name="Phạm Hồng Chương")
    create(commune, clerk, person=person, username="totruong.dongthai")
    errors = refusal(commune, clerk, person=person, username="chuong2", role=Official.Role.VICE_CHAIRMAN)
    assert errors == {"person": ["Phạm Hồng Chương already has a login: totruong.dongthai."]}


def test_it_refuses_a_login_for_the_chairmans_person(commune, clerk, chairman):
    errors = refusal(commune, clerk, person=chairman.official.person, username="dung2")
    assert list(errors) == ["person"]


@pytest.mark.parametrize("taken", ["totruong.dongthai", "TOTRUONG.DongThai", "Totruong.dongthai"])
def test_it_refuses_a_username_already_taken_whatever_its_capitals(commune, clerk, taken):
    factories.UserFactory(username=taken)
    errors = refusal(commune, clerk, username="totruong.dongthai")
    assert errors == {"username": ["The username totruong.dongthai is taken (capital letters do not count)."]}


def test_a_username_saved_meanwhile_is_refused_like_a_taken_one(commune, clerk, monkeypatch):
    """Between the check and the insert another clerk saved it: the database's constraint speaks."""
    factories.UserFactory(username="totruong.dongthai")
    monkeypatch.setattr(services, "_clean_username", lambda username: username)
    errors = refusal(commune, clerk, username="totruong.dongthai")
    assert list(errors) == ["username"]
    assert not Official.objects.filter(role=Official.Role.TEAM_LEADER).exists()


@pytest.mark.parametrize("username", ["tổtrưởng", "to truong", "totruong@#", "", "   ", "x" * 151])
def test_it_refuses_a_username_a_phone_keyboard_could_not_match(commune, clerk, username):
    assert list(refusal(commune, clerk, username=username)) == ["username"]


@pytest.mark.parametrize(
    "role",
    [Official.Role.CLERK, Official.Role.CHAIRMAN, Official.Role.DISTRICT_OFFICER, "superuser", ""],
)
def test_it_refuses_a_role_the_clerk_may_not_grant(commune, clerk, role):
    errors = refusal(commune, clerk, role=role)
    assert errors == {"role": ["A clerk may grant only the team leader and vice-chairman roles."]}


@pytest.mark.parametrize("password", ["12345678", "password", "abc", "totruong.dongthai"])
def test_it_refuses_a_password_djangos_validators_refuse(commune, clerk, password):
    assert list(refusal(commune, clerk, password=password)) == ["password"]


def test_it_names_every_refusal_at_once(commune, clerk):
    factories.UserFactory(username="taken")
    errors = refusal(commune, clerk, role=Official.Role.CLERK, username="Taken", password="123")
    assert set(errors) == {"role", "username", "password"}


ACTORS = ["chairman", "vice_chairman", "team_leader", "district_officer", "other_clerk", "nobody"]


@pytest.mark.parametrize("who", ACTORS)
def test_only_the_clerk_of_the_commune_creates_logins(commune, chairman, vice_chairman, who):
    actors = {
        "chairman": lambda: chairman,
        "vice_chairman": lambda: vice_chairman,
        "team_leader": lambda: factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER).user,
        "district_officer": lambda: district_officer_of(commune),
        "other_clerk": lambda: other_commune()[1],
        "nobody": lambda: factories.UserFactory(),
    }
    by = actors[who]()
    users_before = User.objects.count()
    with pytest.raises(PermissionDenied):
        create(commune, by)
    assert User.objects.count() == users_before
