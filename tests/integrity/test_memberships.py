"""An ended membership is history; a team seats only people of its own commune."""

import datetime

import pytest

from teams import services
from teams.models import Membership, Person, Role
from tests import factories
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

ENDED = "tungAnh: an ended membership is history; it never changes and is never deleted."
STARTED = "tungAnh: a membership a decision started is history; it is never deleted."
COMMUNE = "tungAnh: a team seats only people of its own commune."


# An ended membership ---------------------------------------------------------------------------


def test_an_ended_membership_cannot_be_reopened_with_update(ended_membership):
    with refused(ENDED):
        Membership.objects.filter(pk=ended_membership.pk).update(end_date=None)
    ended_membership.refresh_from_db()
    assert ended_membership.end_date is not None


def test_bulk_update_cannot_reopen_an_ended_membership(ended_membership):
    ended_membership.end_date = None
    with refused(ENDED):
        Membership.objects.bulk_update([ended_membership], ["end_date"])


def test_raw_sql_cannot_edit_an_ended_membership(ended_membership):
    with refused(ENDED):
        execute("UPDATE teams_membership SET role = 'deputy' WHERE id = %s", [ended_membership.pk])


def test_an_ended_membership_cannot_be_bulk_deleted(ended_membership):
    with refused(ENDED):
        Membership._base_manager.filter(pk=ended_membership.pk).delete()
    assert Membership.objects.filter(pk=ended_membership.pk).exists()


def test_a_membership_a_decision_started_cannot_be_deleted(issued_decision):
    with refused(STARTED):
        Membership._base_manager.filter(started_by=issued_decision).delete()
    assert issued_decision.memberships_started.count() == 3


# The team's commune ----------------------------------------------------------------------------


def test_bulk_create_cannot_seat_a_person_of_another_commune(village_team, stranger, day):
    seat = Membership(team=village_team, person=stranger, role=Role.LEADER, seat=1, start_date=day, position="")
    with refused(COMMUNE):
        Membership.objects.bulk_create([seat])
    assert not village_team.memberships.exists()


def test_a_seat_cannot_be_handed_to_a_person_of_another_commune(open_membership, stranger):
    with refused(COMMUNE):
        Membership.objects.filter(pk=open_membership.pk).update(person=stranger)


def test_a_seat_cannot_be_moved_to_a_team_of_another_commune(open_membership, stranger):
    elsewhere = factories.TeamFactory(commune=stranger.commune)
    with refused(COMMUNE):
        execute("UPDATE teams_membership SET team_id = %s WHERE id = %s", [elsewhere.pk, open_membership.pk])


# What stays allowed ----------------------------------------------------------------------------


def test_ending_a_membership_through_the_service_is_allowed(open_membership, day):
    services.membership_end(membership=open_membership, end_date=day + datetime.timedelta(days=1))
    open_membership.refresh_from_db()
    assert open_membership.end_date == day + datetime.timedelta(days=1)


def test_an_open_membership_is_still_edited_and_deleted(open_membership):
    Membership.objects.filter(pk=open_membership.pk).update(position="Trưởng thôn")
    Membership.objects.filter(pk=open_membership.pk).delete()
    assert not Membership.objects.filter(pk=open_membership.pk).exists()


def test_bulk_create_seats_people_of_the_teams_commune(village_team, village_people, day):
    Membership.objects.bulk_create(
        Membership(team=village_team, person=person, role=role, seat=seat, start_date=day, position="")
        for seat, (person, role) in enumerate(zip(village_people, Role.values, strict=True), start=1)
    )
    assert village_team.active_memberships().count() == 3


def test_a_member_who_moved_to_another_commune_can_still_leave(open_membership, stranger, day):
    """Only a change of person or team is checked again: the seat can still end."""
    Person.objects.filter(pk=open_membership.person_id).update(commune=stranger.commune)
    Membership.objects.filter(pk=open_membership.pk).update(end_date=day + datetime.timedelta(days=1))
