"""The chairman's inbox: the commune's submitted decisions, oldest submission first."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Official
from decisions.models import Decision, DecisionEvent
from tests import factories
from tests.decisions.helpers import draft, issued, submitted
from tests.web import url

pytestmark = pytest.mark.django_db


def another_team(commune):
    return factories.TeamFactory(commune=commune, village=factories.VillageFactory(commune=commune))


def submitted_at(decision, moment):
    DecisionEvent.objects.filter(decision=decision, action=DecisionEvent.Action.SUBMITTED).update(at=moment)


def test_it_lists_the_submitted_decisions_oldest_first(
    client, clerk, chairman, commune, village_team, village_people, day
):
    now = timezone.now()
    first = submitted(team=village_team, people=village_people, clerk=clerk)
    second = submitted(team=another_team(commune), people=village_people, clerk=clerk)
    third = submitted(team=another_team(commune), people=village_people, clerk=clerk)
    submitted_at(first, now - datetime.timedelta(days=1))
    submitted_at(second, now - datetime.timedelta(days=3))
    submitted_at(third, now - datetime.timedelta(days=2))
    draft(team=another_team(commune), people=village_people, by=clerk)
    client.force_login(chairman)
    response = client.get(url("decisions:inbox"))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [second, third, first]
    page = response.content.decode()
    for decision in (first, second, third):
        assert url("decisions:detail", decision.pk) in page


def test_a_vice_chairman_has_the_same_inbox(client, clerk, vice_chairman, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(vice_chairman)
    assert list(client.get(url("decisions:inbox")).context["page_obj"]) == [decision]


def test_issued_and_returned_decisions_leave_the_inbox(
    client, clerk, chairman, commune, village_team, village_people, day
):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    returned = submitted(team=another_team(commune), people=village_people, clerk=clerk)
    client.force_login(chairman)
    client.post(url("decisions:return", returned.pk), {"comment": "Bổ sung lý do"})
    assert list(client.get(url("decisions:inbox")).context["page_obj"]) == []


def test_it_shows_only_the_chairmans_own_commune(client, clerk, village_team, village_people):
    submitted(team=village_team, people=village_people, clerk=clerk)
    elsewhere = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    other_chairman = factories.OfficialFactory(
        commune=elsewhere, role=Official.Role.CHAIRMAN, person=factories.PersonFactory(commune=elsewhere)
    ).user
    client.force_login(other_chairman)
    assert list(client.get(url("decisions:inbox")).context["page_obj"]) == []


@pytest.mark.parametrize("role", ["clerk", "team_leader", "district_officer"])
def test_only_a_signer_has_an_inbox(client, commune, role):
    if role == "district_officer":
        user = factories.OfficialFactory(role=role, district=commune.district, commune=None).user
    else:
        user = factories.OfficialFactory(role=role, commune=commune).user
    client.force_login(user)
    assert client.get(url("decisions:inbox")).status_code == 403


def test_a_user_without_a_role_sees_nothing(client, clerk, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(factories.UserFactory())
    assert client.get(url("decisions:inbox")).status_code == 403
    assert client.get(url("decisions:detail", decision.pk)).status_code == 404
    assert list(client.get(url("decisions:list")).context["page_obj"]) == []
    assert Decision.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, clerk, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    for address in (url("decisions:inbox"), url("decisions:detail", decision.pk), url("decisions:register")):
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"]
