"""Each list page costs the same number of queries for 5 rows as for 50."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.models import Decision
from teams import services
from teams.models import Person
from tests import factories
from tests.web import district_officer_of, issued_decision, url

pytestmark = pytest.mark.django_db

ROLES = ("leader", "deputy", "member")


def add_village_teams(commune, count, day):
    """``count`` villages, each with a team of three people (with phones) and a collaborator."""
    for _ in range(count):
        village = factories.VillageFactory(commune=commune)
        team = factories.TeamFactory(commune=commune, village=village)
        for role in ROLES:
            person = factories.PersonFactory(commune=commune, village=village, phone="0912345678")
            services.membership_add(team=team, person=person, role=role, start_date=day)
        services.collaborator_add(team=team, person=factories.PersonFactory(commune=commune), joined_on=day)


def queries(client, address) -> int:
    client.get(address)  # warm the caches (content types, sessions) that later requests skip
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def district_and_communes(commune):
    factories.CommuneTeamFactory(commune=commune)
    return district_officer_of(commune)


@pytest.mark.parametrize("who", ["clerk", "district"])
def test_the_village_list_costs_the_same_for_5_or_50_villages(
    client, clerk, commune, day, district_and_communes, who, django_assert_num_queries
):
    client.force_login(clerk if who == "clerk" else district_and_communes)
    address = url("teams:village_list")
    add_village_teams(commune, 5, day)
    five = queries(client, address)
    add_village_teams(commune, 45, day)
    with django_assert_num_queries(five):
        client.get(address)
    print(f"village_list ({who}): {five} queries")


@pytest.mark.parametrize("who", ["clerk", "district"])
def test_the_person_list_costs_the_same_for_5_or_50_people(
    client, clerk, commune, day, district_and_communes, who, django_assert_num_queries
):
    client.force_login(clerk if who == "clerk" else district_and_communes)
    add_village_teams(commune, 2, day)  # 8 people, some in teams
    address = url("teams:person_list")
    five = queries(client, address)
    add_village_teams(commune, 11, day)  # 52 people
    assert Person.objects.count() > 50
    with django_assert_num_queries(five):
        client.get(address)
    with django_assert_num_queries(five):
        client.get(address, {"q": "nguyen van", "page": 2})
    print(f"person_list ({who}): {five} queries")


def add_history(team, count, start, signer):
    """``count`` memberships begun and ended by decisions, one after another, and as many collaborators."""
    first = Decision.objects.count() + 1
    for i in range(count):
        person = factories.PersonFactory(commune=team.commune)
        begun = start + datetime.timedelta(days=i)
        started_by = issued_decision(team, signer, number=first + 2 * i, on=begun, kind="amend")
        ended_by = issued_decision(team, signer, number=first + 2 * i + 1, on=begun, kind="amend")
        membership = services.membership_add(
            team=team, person=person, role="member", start_date=begun, started_by=started_by
        )
        services.membership_end(membership=membership, end_date=begun + datetime.timedelta(days=1), ended_by=ended_by)
        helper = services.collaborator_add(
            team=team, person=factories.PersonFactory(commune=team.commune), joined_on=begun
        )
        helper.left_on = begun + datetime.timedelta(days=1)
        helper.save()


def test_the_team_page_costs_the_same_for_5_or_50_history_rows(
    client, clerk, chairman, village_team, village_people, day, django_assert_num_queries
):
    for person, role in zip(village_people, ("leader", "deputy"), strict=False):
        services.membership_add(team=village_team, person=person, role=role, start_date=day)
    client.force_login(clerk)
    address = url("teams:team_detail", village_team.pk)
    signer = chairman.official.person
    add_history(village_team, 5, day, signer)
    five = queries(client, address)
    add_history(village_team, 45, day + datetime.timedelta(days=10), signer)
    assert village_team.memberships.count() == 52
    with django_assert_num_queries(five):
        response = client.get(address)
    assert response.content.decode().count("/QĐ-UBND") == 100
    print(f"team_detail: {five} queries")
