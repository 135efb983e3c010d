"""Issuing a decision changes its team through teams.services, so the team's history shows it."""

import datetime

from auditlog.models import LogEntry

from decisions import workflow
from teams.models import Person, Team
from teams.services import ProposedMember
from tests import factories
from tests.decisions.helpers import ROLES, issued
from tests.web import url

ON = datetime.date(2022, 10, 4)


def team_changes(team: Team) -> list[dict]:
    return [entry.changes_dict for entry in LogEntry.objects.get_for_object(team).order_by("timestamp", "pk")]


def test_an_establishing_decision_leaves_forming_to_active_in_the_teams_trail(
    village_team, village_people, clerk, chairman
):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    last = team_changes(village_team)[-1]
    assert last["status"] == ["forming", "active"]
    assert last["established_on"] == ["None", "2022-10-04"]


def test_the_team_page_shows_the_establishment_and_the_dissolution(
    client, village_team, village_people, clerk, chairman, settings
):
    settings.LANGUAGE_CODE = "en"
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, kind="dissolve")
    client.force_login(clerk)
    page = client.get(url("teams:team_detail", village_team.pk)).content.decode()
    history = page[page.index('id="changes-h"') :]
    assert "Status</span>: being set up → active" in history
    assert "Established on</span>: (empty) → 04/10/2022" in history
    assert "Status</span>: active → dissolved" in history


def test_a_dissolving_decision_ends_every_seat_and_records_the_date(village_team, village_people, clerk, chairman):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    later = datetime.date(2023, 1, 5)
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, kind="dissolve", on=later)
    village_team.refresh_from_db()
    assert (village_team.status, village_team.dissolved_on) == (Team.Status.DISSOLVED, later)
    assert not village_team.active_memberships().exists()
    last = team_changes(village_team)[-1]
    assert last["status"] == ["active", "dissolved"] and last["dissolved_on"] == ["None", "2023-01-05"]


def test_an_amendment_keeps_its_reason_in_the_trail(commune, village_team, village_people, clerk, chairman):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ON)
    newcomer = factories.PersonFactory(commune=commune, village=village_team.village, office=Person.Office.TEACHER)
    people = [village_people[0], village_people[1], newcomer]
    decision = workflow.decision_create(team=village_team, kind="amend", by=clerk, departure_reason="Thay người.")
    workflow.decision_set_members(
        decision=decision,
        members=[ProposedMember(person=p, role=r, position=p.position) for p, r in zip(people, ROLES, strict=True)],
        by=clerk,
    )
    workflow.decision_submit(decision=decision, by=clerk)
    workflow.decision_issue(decision=decision, by=chairman)
    last = team_changes(village_team)[-1]
    assert last["departure_reason"] == ["", "Thay người."]
