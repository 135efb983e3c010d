"""accounts.services: the clerk changes a login's role or person, disables and re-enables it,
resets its password; never the clerk's own login, the chairman's, an administrator's or
another commune's."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import Official
from tests import factories
from tests.accounts import GOOD_PASSWORD, can_log_in, login_entries, login_of, other_commune, villager
from tests.web import district_officer_of

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mat-khau-moi-2025"


@pytest.fixture
def leader(commune, clerk) -> Official:
    return login_of(commune, clerk, username="totruong.dongthai")


def logged_in(username: str, password: str = GOOD_PASSWORD) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    return client


def is_logged_out(client: Client) -> bool:
    response = client.get(reverse("home"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


# Role and person ------------------------------------------------------------------------------


def test_the_clerk_changes_the_role_and_the_person(commune, clerk, leader):
    newcomer = villager(commune, full_name="Nguyễn Xuân Vinh")
    services.login_update(official=leader, role=Official.Role.VICE_CHAIRMAN, person=newcomer, by=clerk)
    leader.refresh_from_db()
    leader.user.refresh_from_db()
    assert (leader.role, leader.person, leader.user.first_name) == ("vice_chairman", newcomer, "Nguyễn Xuân Vinh")
    entry = login_entries(leader)[-1]
    assert (entry.actor, entry.additional_data["action"]) == (clerk, "login_update")
    assert entry.changes["role"] == ["team_leader", "vice_chairman"]


def test_an_unchanged_login_records_nothing(clerk, leader):
    services.login_update(official=leader, role=leader.role, person=leader.person, by=clerk)
    assert len(login_entries(leader)) == 1


def test_it_refuses_a_person_who_has_a_login(commune, clerk, leader):
    other = login_of(commune, clerk, username="totruong.thongtu")
    with pytest.raises(ValidationError) as caught:
        services.login_update(official=leader, role=leader.role, person=other.person, by=clerk)
    assert list(caught.value.message_dict) == ["person"]
    leader.refresh_from_db()
    assert leader.person != other.person


def test_it_refuses_a_person_of_another_commune(clerk, leader):
    _, _, stranger = other_commune()
    with pytest.raises(ValidationError) as caught:
        services.login_update(official=leader, role=leader.role, person=stranger, by=clerk)
    assert caught.value.message_dict == {"person": ["This person is kept by another commune."]}


@pytest.mark.parametrize("role", [Official.Role.CLERK, Official.Role.CHAIRMAN, Official.Role.DISTRICT_OFFICER])
def test_it_refuses_to_promote_a_login_beyond_the_clerks_grant(clerk, leader, role):
    with pytest.raises(ValidationError) as caught:
        services.login_update(official=leader, role=role, person=leader.person, by=clerk)
    assert list(caught.value.message_dict) == ["role"]
    leader.refresh_from_db()
    assert leader.role == Official.Role.TEAM_LEADER


# Disable and re-enable ------------------------------------------------------------------------


def test_a_disabled_login_cannot_log_in_and_its_open_session_ends(clerk, leader):
    session = logged_in("totruong.dongthai")
    services.login_disable(official=leader, by=clerk)
    assert not can_log_in("totruong.dongthai", GOOD_PASSWORD)
    assert is_logged_out(session)
    # Disabled, never deleted: what it did still points to it.
    leader.refresh_from_db()
    assert leader.user.is_active is False and Official.objects.filter(pk=leader.pk).exists()
    assert login_entries(leader)[-1].additional_data == {"action": "login_disable"}


def test_a_re_enabled_login_logs_in_again(clerk, leader):
    services.login_disable(official=leader, by=clerk)
    services.login_enable(official=leader, by=clerk)
    assert can_log_in("totruong.dongthai", GOOD_PASSWORD)
    assert [e.additional_data["action"] for e in login_entries(leader)] == [
        "login_create",
        "login_disable",
        "login_enable",
    ]


def test_disabling_twice_records_once(clerk, leader):
    services.login_disable(official=leader, by=clerk)
    services.login_disable(official=leader, by=clerk)
    assert len(login_entries(leader)) == 2


# Passwords --------------------------------------------------------------------------------------


def test_a_reset_password_replaces_the_old_one_and_ends_open_sessions(clerk, leader):
    session = logged_in("totruong.dongthai")
    issued = services.login_set_password(official=leader, password=NEW_PASSWORD, by=clerk)
    assert issued.password == ""
    assert not can_log_in("totruong.dongthai", GOOD_PASSWORD)
    assert can_log_in("totruong.dongthai", NEW_PASSWORD)
    assert is_logged_out(session)
    entry = login_entries(leader)[-1]
    assert entry.additional_data == {"action": "login_set_password"} and NEW_PASSWORD not in str(entry.changes)


def test_a_generated_password_is_returned_to_show(clerk, leader):
    issued = services.login_set_password(official=leader, by=clerk)
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", issued.password)
    assert can_log_in("totruong.dongthai", issued.password)


def test_a_reset_lets_a_locked_out_leader_in_at_once(clerk, leader, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        can_log_in("totruong.dongthai", "wrong")
    services.login_set_password(official=leader, password=NEW_PASSWORD, by=clerk)
    assert can_log_in("totruong.dongthai", NEW_PASSWORD)


def test_a_weak_password_is_refused_and_the_old_one_stays(clerk, leader):
    with pytest.raises(ValidationError) as caught:
        services.login_set_password(official=leader, password="12345678", by=clerk)
    assert list(caught.value.message_dict) == ["password"]
    assert can_log_in("totruong.dongthai", GOOD_PASSWORD)


# Out of the clerk's reach ------------------------------------------------------------------------


def actions(official, by):
    """Every way a clerk could change a login."""
    person = factories.PersonFactory(commune=official.commune or factories.CommuneFactory())
    return {
        "update": lambda: services.login_update(official=official, role="team_leader", person=person, by=by),
        "disable": lambda: services.login_disable(official=official, by=by),
        "enable": lambda: services.login_enable(official=official, by=by),
        "password": lambda: services.login_set_password(official=official, password=NEW_PASSWORD, by=by),
    }


def assert_untouched(official, action: str, by) -> None:
    user = get_user_model().objects.get(pk=official.user_id)
    before = (official.role, official.person_id, user.is_active, user.password)
    act = actions(official, by)[action]
    entries = LogEntry.objects.count()
    with pytest.raises(PermissionDenied):
        act()
    official.refresh_from_db()
    user.refresh_from_db()
    assert (official.role, official.person_id, user.is_active, user.password) == before
    assert LogEntry.objects.count() == entries


ACTIONS = ["update", "disable", "enable", "password"]


@pytest.mark.parametrize("action", ACTIONS)
def test_the_clerk_never_manages_the_clerks_own_login(clerk, action):
    assert_untouched(clerk.official, action, clerk)


@pytest.mark.parametrize("action", ACTIONS)
def test_the_clerk_never_manages_the_chairmans_login(clerk, chairman, action):
    assert_untouched(chairman.official, action, clerk)


@pytest.mark.parametrize("action", ACTIONS)
def test_the_clerk_never_manages_a_district_officers_login(commune, clerk, action):
    assert_untouched(district_officer_of(commune).official, action, clerk)


@pytest.mark.parametrize("action", ACTIONS)
def test_the_clerk_never_manages_a_login_that_opens_the_administration(commune, clerk, leader, action):
    get_user_model().objects.filter(pk=leader.user_id).update(is_staff=True, is_superuser=True)
    leader.user.refresh_from_db()
    assert_untouched(leader, action, clerk)


@pytest.mark.parametrize("action", ACTIONS)
def test_another_communes_clerk_never_manages_this_communes_logins(leader, action):
    _, other_clerk, _ = other_commune()
    assert_untouched(leader, action, other_clerk)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["chairman", "team_leader", "district_officer"])
def test_nobody_but_the_clerk_manages_logins(commune, chairman, leader, who, action):
    by = {
        "chairman": chairman,
        "team_leader": leader.user,
        "district_officer": district_officer_of(commune),
    }[who]
    other = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=villager(commune))
    assert_untouched(other, action, by)
