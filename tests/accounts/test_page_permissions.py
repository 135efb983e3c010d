"""Who may open and post to the logins pages: the clerk of the commune only.

Anonymous visitors are sent to log in; the chairman, a vice-chairman, a team leader, the
district officer and a login without a role get 403 on every page; the clerk of another
commune gets 404 for this commune's logins; the clerk gets 404 for the clerk's own login
and the chairman's.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Official
from tests import factories
from tests.accounts import GOOD_PASSWORD, login_of, other_commune, villager
from tests.web import district_officer_of, url

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def leader(commune, clerk) -> Official:
    return login_of(commune, clerk, username="totruong.dongthai")


def pages(official: Official) -> list[tuple[str, str, dict]]:
    """(method, address, data) of every page, aimed at ``official``'s login."""
    person = factories.PersonFactory(commune=official.commune) if official.commune_id else None
    new = {"person": person.pk if person else "", "role": "team_leader", "username": "moi", "password": ""}
    edit = {"person": official.person_id or "", "role": "team_leader"}
    return [
        ("get", url("accounts:login_list"), {}),
        ("get", url("accounts:login_create"), {}),
        ("post", url("accounts:login_create"), new),
        ("get", url("accounts:login_detail", official.pk), {}),
        ("post", url("accounts:login_detail", official.pk), edit),
        ("post", url("accounts:login_disable", official.pk), {}),
        ("post", url("accounts:login_enable", official.pk), {}),
        ("get", url("accounts:login_password", official.pk), {}),
        ("post", url("accounts:login_password", official.pk), {"password": "", "password_again": ""}),
    ]


def state() -> list[tuple]:
    return list(
        Official.objects.order_by("pk").values_list("pk", "role", "person", "user__is_active", "user__password")
    ) + [(User.objects.count(),)]


def answers(client, official: Official) -> list[int]:
    return [getattr(client, method)(address, data).status_code for method, address, data in pages(official)]


def test_anonymous_visitors_are_sent_to_log_in(client, leader):
    before = state()
    for method, address, data in pages(leader):
        response = getattr(client, method)(address, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), address
    assert state() == before


@pytest.mark.parametrize("who", ["chairman", "vice_chairman", "team_leader", "district_officer", "no_role"])
def test_every_other_role_is_forbidden_every_page(client, commune, clerk, chairman, vice_chairman, leader, who):
    user = {
        "chairman": lambda: chairman,
        "vice_chairman": lambda: vice_chairman,
        "team_leader": lambda: leader.user,
        "district_officer": lambda: district_officer_of(commune),
        "no_role": lambda: factories.UserFactory(),
    }[who]()
    target = login_of(commune, clerk, username="totruong.thongtu")
    client.force_login(user)
    before = state()
    assert answers(client, target) == [403] * 9
    assert state() == before


def test_another_communes_clerk_gets_404_for_this_communes_logins(client, leader):
    _, other_clerk, _ = other_commune()
    client.force_login(other_clerk)
    before = state()
    # The list and the form are the other clerk's own (their commune's); a person of this
    # commune posted to their form is no choice; every page of this login is 404.
    assert answers(client, leader) == [200, 200, 200] + [404] * 6
    assert leader not in client.get(url("accounts:login_list")).context["logins"]
    assert state() == before


def administration_login(commune, clerk) -> Official:
    """A team leader's login the administrator has also made staff and superuser."""
    official = login_of(commune, clerk, username="quantri.totruong")
    User.objects.filter(pk=official.user_id).update(is_staff=True, is_superuser=True)
    return official


@pytest.mark.parametrize("whose", ["clerk", "chairman", "district_officer", "administration"])
def test_the_clerk_gets_404_for_logins_out_of_reach(client, commune, clerk, chairman, whose):
    official = {
        "clerk": lambda: clerk.official,
        "chairman": lambda: chairman.official,
        "district_officer": lambda: district_officer_of(commune).official,
        "administration": lambda: administration_login(commune, clerk),
    }[whose]()
    client.force_login(clerk)
    assert official not in client.get(url("accounts:login_list")).context["logins"]
    before = state()
    for method, address, data in pages(official)[3:]:
        assert getattr(client, method)(address, data).status_code == 404, address
    assert state() == before


def test_the_clerk_opens_every_page_of_a_team_leaders_login(client, clerk, leader):
    client.force_login(clerk)
    for method, address, _ in pages(leader):
        if method == "get":
            assert client.get(address).status_code == 200, address


def test_a_person_of_another_commune_is_not_even_offered(client, commune, clerk):
    _, _, stranger = other_commune()
    mine = villager(commune)
    client.force_login(clerk)
    page = client.get(url("accounts:login_create")).content.decode()
    assert f'value="{mine.pk}"' in page and stranger.full_name not in page
    assert GOOD_PASSWORD not in page
