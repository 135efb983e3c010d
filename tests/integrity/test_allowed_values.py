"""Status, kind and role columns hold one of their choices, and every choice is accepted.

The teams app's rules are its models' CheckConstraints; the decisions' and reports' are
the integrity app's (CHECK on PostgreSQL, triggers on SQLite). Either way the database
refuses with an IntegrityError that names the rule.
"""

import pytest
from django.db import IntegrityError

from accounts.models import Official
from decisions.models import Decision, DecisionMember
from reports import commune_reports
from reports.models import CommuneReport
from teams.models import Membership, Role, Team
from tests import factories
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

BOSS = "boss"


@pytest.fixture
def draft_report(commune, clerk):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    return commune_reports.commune_report_create(period=period, by=clerk)


# Refused ---------------------------------------------------------------------------------------


def test_a_membership_cannot_be_given_the_role_boss(open_membership):
    with refused("membership_role_valid", error=IntegrityError):
        Membership.objects.filter(pk=open_membership.pk).update(role=BOSS)


def test_bulk_create_cannot_seat_a_boss(village_team, village_people, day):
    boss = Membership(team=village_team, person=village_people[0], role=BOSS, seat=1, start_date=day, position="")
    with refused("membership_role_valid", error=IntegrityError):
        Membership.objects.bulk_create([boss])


def test_a_team_status_outside_its_choices_is_refused(village_team):
    with refused("team_status_valid", error=IntegrityError):
        Team.objects.filter(pk=village_team.pk).update(status=BOSS)


def test_a_team_level_outside_its_choices_is_refused(village_team):
    # Two rules refuse it (team_level_valid, team_level_matches_village); either may speak first.
    with refused("team_level", error=IntegrityError):
        Team.objects.filter(pk=village_team.pk).update(level=BOSS)


def test_an_official_role_outside_its_choices_is_refused(clerk):
    with refused("official_role_valid", error=IntegrityError):
        Official.objects.filter(user=clerk).update(role=BOSS)


def test_a_decision_status_outside_its_choices_is_refused(draft_decision):
    with refused("integrity_decision_status_valid", error=IntegrityError):
        execute("UPDATE decisions_decision SET status = 'boss' WHERE id = %s", [draft_decision.pk])


def test_a_decision_kind_outside_its_choices_is_refused(draft_decision):
    with refused("integrity_decision_kind_valid", error=IntegrityError):
        Decision._base_manager.filter(pk=draft_decision.pk).update(kind=BOSS)


@pytest.mark.parametrize("column", ["status", "kind"])
def test_bulk_create_cannot_insert_a_decision_with_an_unknown_value(draft_decision, column):
    copy = Decision._base_manager.get(pk=draft_decision.pk)
    copy.pk = None
    setattr(copy, column, BOSS)
    with refused(f"integrity_decision_{column}_valid", error=IntegrityError):
        Decision._base_manager.bulk_create([copy])


def test_a_decision_cannot_name_a_boss(draft_decision, village_people):
    boss = DecisionMember(decision=draft_decision, person=village_people[0], role=BOSS, position="")
    with refused("integrity_decisionmember_role_valid", error=IntegrityError):
        DecisionMember.objects.bulk_create([boss])
    with refused("integrity_decisionmember_role_valid", error=IntegrityError):
        draft_decision.members.update(role=BOSS)


def test_a_commune_report_status_outside_its_choices_is_refused(draft_report):
    with refused("integrity_communereport_status_valid", error=IntegrityError):
        CommuneReport._base_manager.filter(pk=draft_report.pk).update(status=BOSS)


def test_bulk_create_cannot_insert_a_commune_report_with_an_unknown_status(draft_report, commune):
    copy = CommuneReport._base_manager.get(pk=draft_report.pk)
    copy.pk, copy.status = None, BOSS
    copy.period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)
    with refused("integrity_communereport_status_valid", error=IntegrityError):
        CommuneReport._base_manager.bulk_create([copy])


# Every choice is accepted (the rules list the values; the models' choices may grow) -------------


def test_every_membership_role_is_accepted(open_membership):
    for role in Role.values:
        Membership.objects.filter(pk=open_membership.pk).update(role=role)


def test_every_team_status_is_accepted(village_team):
    for status in Team.Status.values:
        Team.objects.filter(pk=village_team.pk).update(status=status)


def test_every_official_role_is_accepted(commune):
    official = factories.OfficialFactory(commune=commune)
    places = {
        Official.Role.DISTRICT_OFFICER: {"district": commune.district, "commune": None, "province": None},
        Official.Role.PROVINCE_OFFICER: {"province": commune.province, "commune": None, "district": None},
        Official.Role.NATIONAL_OFFICER: {"commune": None, "district": None, "province": None},
    }
    for role in Official.Role.values:
        scope = places.get(role, {"commune": commune, "district": None, "province": None})
        Official.objects.filter(pk=official.pk).update(role=role, **scope)
        assert Official.objects.get(pk=official.pk).role == role


def test_every_kind_and_status_of_a_decision_is_accepted(draft_decision):
    """'issued' is what issuance writes (test_issued_documents); it needs a number first."""
    decisions = Decision._base_manager.filter(pk=draft_decision.pk)
    for kind in Decision.Kind.values:
        decisions.update(kind=kind)
    for status in set(Decision.Status.values) - {Decision.Status.ISSUED}:
        decisions.update(status=status)


def test_every_role_in_a_decision_is_accepted(draft_decision):
    line = draft_decision.members.first()
    for role in Role.values:
        DecisionMember.objects.filter(pk=line.pk).update(role=role)


def test_every_status_of_a_commune_report_is_accepted(draft_report):
    reports = CommuneReport._base_manager.filter(pk=draft_report.pk)
    for status in set(CommuneReport.Status.values) - {CommuneReport.Status.ISSUED}:
        reports.update(status=status)
