"""accounts.scoping: which teams a team leader leads, where the rule lives."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts import scoping
from accounts.models import Official
from teams import services
from teams.models import Role, Team
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2022, 10, 4)


def led(user) -> set[int]:
    return set(Team.objects.filter(scoping.led_team_filter(user)).values_list("pk", flat=True))


@pytest.fixture
def leader(commune):
    person = factories.PersonFactory(commune=commune)
    return factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=person)


def test_a_leader_leads_the_team_they_lead_now_and_no_other(commune, leader):
    theirs, other = factories.TeamFactory(commune=commune), factories.TeamFactory(commune=commune)
    services.membership_add(team=theirs, person=leader.person, role=Role.LEADER, start_date=DAY)
    services.membership_add(
        team=other, person=factories.PersonFactory(commune=commune), role=Role.LEADER, start_date=DAY
    )
    assert led(leader.user) == {theirs.pk}


def test_a_deputy_or_member_of_another_team_does_not_lead_it(commune, leader):
    theirs, deputy_of, member_of = (factories.TeamFactory(commune=commune) for _ in range(3))
    services.membership_add(team=theirs, person=leader.person, role=Role.LEADER, start_date=DAY)
    services.membership_add(team=deputy_of, person=leader.person, role=Role.DEPUTY, start_date=DAY)
    services.membership_add(team=member_of, person=leader.person, role=Role.MEMBER, start_date=DAY)
    assert led(leader.user) == {theirs.pk}


def test_a_former_leader_no_longer_leads_the_team(commune, leader):
    team = factories.TeamFactory(commune=commune)
    seat = services.membership_add(team=team, person=leader.person, role=Role.LEADER, start_date=DAY)
    services.membership_end(membership=seat, end_date=datetime.date(2023, 1, 1))
    assert led(leader.user) == set()


def test_a_login_without_a_person_or_an_official_leads_nothing(commune):
    team = factories.TeamFactory(commune=commune)
    services.membership_add(
        team=team, person=factories.PersonFactory(commune=commune), role=Role.LEADER, start_date=DAY
    )
    no_person = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=None)
    no_official = factories.UserFactory()
    assert led(no_person.user) == set()
    assert led(no_official) == set()
    assert led(AnonymousUser()) == set()


def test_only_a_commune_official_has_a_commune(commune):
    clerk = factories.OfficialFactory(commune=commune, role=Official.Role.CLERK)
    officer = factories.OfficialFactory(commune=None, district=commune.district, role=Official.Role.DISTRICT_OFFICER)
    assert scoping.commune_of(clerk.user) == commune
    assert scoping.commune_of(officer.user) is None
    assert scoping.commune_of(factories.UserFactory()) is None
    assert scoping.commune_of(AnonymousUser()) is None


def test_a_refusal_says_who_may_act_and_in_which_commune(commune):
    clerk = factories.OfficialFactory(commune=commune, role=Official.Role.CLERK)
    vice = factories.OfficialFactory(commune=commune, role=Official.Role.VICE_CHAIRMAN)
    assert scoping.require_signer(vice.user, commune) == vice
    assert scoping.require_clerk(clerk.user, commune) == clerk
    with pytest.raises(PermissionDenied) as refused:
        scoping.require_signer(clerk.user, commune)
    assert str(refused.value) == f"Only the chairman or a vice-chairman of {commune.full_name} may do this."
    with pytest.raises(PermissionDenied) as refused:
        scoping.require_clerk(vice.user, commune)
    assert str(refused.value) == f"Only the clerk of {commune.full_name} may do this."
    # The clerk of a commune a reform merged away reads its history and changes nothing.
    commune.ceased_on = datetime.date(2025, 7, 1)
    commune.save()
    with pytest.raises(PermissionDenied) as refused:
        scoping.require_clerk(clerk.user, commune)
    assert (
        str(refused.value)
        == f"{commune.title_name} ceased to exist on 01/07/2025: its history can be read, not changed."
    )
