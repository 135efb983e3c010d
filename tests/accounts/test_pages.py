"""The logins pages of the clerk: the list, creating, editing, disabling, resetting; every
refusal next to its field."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Official
from tests import factories
from tests.accounts import GOOD_PASSWORD, can_log_in, login_of, other_commune, villager
from tests.web import url

pytestmark = pytest.mark.django_db

LIST = url("accounts:login_list")
ADD = url("accounts:login_create")
User = get_user_model()


def new_login(person, **changes):
    data = {
        "person": person.pk,
        "role": "team_leader",
        "username": "totruong.dongthai",
        "password": GOOD_PASSWORD,
        "password_again": GOOD_PASSWORD,
    }
    return {**data, **changes}


def offered(response, field: str) -> list[str]:
    """The values a select of the page's form offers (its empty choice left out)."""
    return [str(value) for value, _ in response.context["form"].fields[field].widget.choices if value != ""]


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


# The list ---------------------------------------------------------------------------------------


def test_the_list_shows_the_team_leaders_and_vice_chairmen_only(clerk_client, commune, clerk, chairman):
    chuong = villager(commune, full_name="Phạm Hồng Chương")
    leader = login_of(commune, clerk, username="totruong.dongthai", person=chuong)
    vice = login_of(commune, clerk, username="pct.tunganh", role=Official.Role.VICE_CHAIRMAN)
    neighbour, neighbours_clerk, _ = other_commune()
    login_of(neighbour, neighbours_clerk, username="totruong.tungloc")
    response = clerk_client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["logins"]) == [vice, leader]  # by username
    page = response.content.decode()
    assert "Phạm Hồng Chương" in page and "never" in page and "active" in page
    assert url("accounts:login_detail", leader.pk) in page and ADD in page
    assert chairman.username not in page and "totruong.tungloc" not in page


def test_the_list_costs_the_same_queries_for_one_login_or_five(clerk_client, commune, clerk):
    login_of(commune, clerk, username="leader0")
    with CaptureQueriesContext(connection) as one:
        clerk_client.get(LIST)
    for n in range(1, 5):
        login_of(commune, clerk, username=f"leader{n}")
    with CaptureQueriesContext(connection) as five:
        assert len(clerk_client.get(LIST).context["logins"]) == 5
    assert len(five) == len(one)


def test_the_menu_offers_logins_to_the_clerk_only(client, clerk, chairman):
    client.force_login(clerk)
    assert LIST in client.get(url("home")).content.decode()
    client.force_login(chairman)
    assert LIST not in client.get(url("home")).content.decode()


# Creating ---------------------------------------------------------------------------------------


def test_the_form_offers_only_the_communes_people_without_a_login_and_two_roles(clerk_client, commune, clerk, chairman):
    free = villager(commune)
    taken = login_of(commune, clerk).person
    _, _, stranger = other_commune()
    response = clerk_client.get(ADD)
    people = offered(response, "person")
    assert str(free.pk) in people
    assert str(taken.pk) not in people and str(stranger.pk) not in people
    assert str(chairman.official.person_id) not in people
    assert offered(response, "role") == ["team_leader", "vice_chairman"]


def test_the_clerk_creates_a_login_with_a_typed_password(clerk_client, commune):
    person = villager(commune)
    response = clerk_client.post(ADD, new_login(person))
    assert response.status_code == 302 and response["Location"] == LIST
    official = Official.objects.get(user__username="totruong.dongthai")
    assert (official.role, official.person, official.commune) == ("team_leader", person, commune)
    assert can_log_in("totruong.dongthai", GOOD_PASSWORD)
    assert "The login totruong.dongthai was created." in clerk_client.get(LIST).content.decode()


def test_a_generated_password_is_shown_once_and_never_cached(clerk_client, commune):
    response = clerk_client.post(ADD, new_login(villager(commune), password="", password_again=""))
    assert response.status_code == 200
    password = response.context["password"]
    assert password and password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert can_log_in("totruong.dongthai", password)
    assert password not in clerk_client.get(LIST).content.decode()


def test_a_forged_person_of_another_commune_is_refused(clerk_client, commune):
    _, _, stranger = other_commune()
    response = clerk_client.post(ADD, new_login(stranger))
    assert response.status_code == 200 and response.context["form"].errors.keys() == {"person"}
    assert not User.objects.filter(username="totruong.dongthai").exists()


def test_a_person_given_a_login_meanwhile_is_refused_by_name(clerk_client, commune, clerk):
    person = villager(commune, full_name="Phạm Hồng Chương")
    login_of(commune, clerk, username="first", person=person)
    response = clerk_client.post(ADD, new_login(person))
    assert response.context["form"].errors == {"person": ["Phạm Hồng Chương already has a login: first."]}


@pytest.mark.parametrize("role", ["clerk", "chairman", "district_officer"])
def test_a_forged_role_is_refused_with_the_reason(clerk_client, commune, role):
    response = clerk_client.post(ADD, new_login(villager(commune), role=role))
    assert response.context["form"].errors == {
        "role": ["A clerk may grant only the team leader and vice-chairman roles."]
    }
    assert not User.objects.filter(username="totruong.dongthai").exists()


def test_posted_administration_flags_are_ignored(clerk_client, commune):
    clerk_client.post(ADD, new_login(villager(commune), is_staff="on", is_superuser="on"))
    user = User.objects.get(username="totruong.dongthai")
    assert not user.is_staff and not user.is_superuser


def test_a_username_taken_in_other_capitals_is_refused_next_to_it(clerk_client, commune):
    factories.UserFactory(username="ToTruong.DongThai")
    response = clerk_client.post(ADD, new_login(villager(commune)))
    assert list(response.context["form"].errors) == ["username"]


def test_a_weak_password_is_refused_next_to_it(clerk_client, commune):
    response = clerk_client.post(ADD, new_login(villager(commune), password="12345678", password_again="12345678"))
    assert list(response.context["form"].errors) == ["password"]
    assert "This password is entirely numeric." in response.content.decode()


def test_two_different_passwords_are_refused(clerk_client, commune):
    response = clerk_client.post(ADD, new_login(villager(commune), password_again="Something-else-2025"))
    assert response.context["form"].errors == {"password_again": ["The two passwords differ."]}


# A login's page ---------------------------------------------------------------------------------


def test_the_clerk_changes_the_role(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    response = clerk_client.post(
        url("accounts:login_detail", leader.pk), {"person": leader.person_id, "role": "vice_chairman"}
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.role == "vice_chairman"
    page = clerk_client.get(url("accounts:login_detail", leader.pk)).content.decode()
    assert "role or person changed" in page and f"by {clerk.username}" in page


def test_the_page_offers_the_current_person_and_the_free_ones(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    other = login_of(commune, clerk, username="other")
    free = villager(commune)
    people = offered(clerk_client.get(url("accounts:login_detail", leader.pk)), "person")
    assert str(leader.person_id) in people and str(free.pk) in people and str(other.person_id) not in people


def test_the_clerk_disables_and_re_enables(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    response = clerk_client.post(url("accounts:login_disable", leader.pk))
    assert response.status_code == 302
    assert not can_log_in(leader.user.username, GOOD_PASSWORD)
    assert "disabled" in clerk_client.get(LIST).content.decode()
    clerk_client.post(url("accounts:login_enable", leader.pk))
    assert can_log_in(leader.user.username, GOOD_PASSWORD)


def test_disabling_needs_a_post(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    assert clerk_client.get(url("accounts:login_disable", leader.pk)).status_code == 405
    assert can_log_in(leader.user.username, GOOD_PASSWORD)


def test_the_clerk_resets_a_password(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    address = url("accounts:login_password", leader.pk)
    assert clerk_client.get(address).status_code == 200
    response = clerk_client.post(address, {"password": "", "password_again": ""})
    password = response.context["password"]
    assert "no-store" in response["Cache-Control"]
    assert can_log_in(leader.user.username, password) and not can_log_in(leader.user.username, GOOD_PASSWORD)


def test_a_weak_reset_password_is_refused_next_to_it(clerk_client, commune, clerk):
    leader = login_of(commune, clerk)
    weak = {"password": "abc", "password_again": "abc"}
    response = clerk_client.post(url("accounts:login_password", leader.pk), weak)
    assert list(response.context["form"].errors) == ["password"]
    assert can_log_in(leader.user.username, GOOD_PASSWORD)
