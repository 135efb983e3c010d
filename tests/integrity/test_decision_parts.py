"""The members and cited bases of an issued decision freeze with it; its trail only grows."""

import threading

import pytest
from django.db import DatabaseError, InternalError, connection, connections, transaction

from decisions import workflow
from decisions.models import Decision, DecisionBasis, DecisionEvent, DecisionMember
from teams.models import Role
from tests import factories
from tests.decisions.helpers import draft, submitted
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

MEMBERS = "tungAnh: the members of an issued decision are frozen with it."
BASES = "tungAnh: the legal bases an issued decision cites are frozen with it."
EVENTS = "tungAnh: the trail of an issued decision is never rewritten"


@pytest.fixture
def amending_draft(issued_decision, village_team, village_people, clerk):
    """A draft beside the issued decision, whose rows could be moved into or out of it."""
    return draft(team=village_team, people=village_people, by=clerk, kind=Decision.Kind.AMEND)


# Members ---------------------------------------------------------------------------------------


def test_bulk_create_cannot_add_a_member_to_an_issued_decision(issued_decision, commune):
    person = factories.PersonFactory(commune=commune)
    with refused(MEMBERS):
        DecisionMember.objects.bulk_create(
            [DecisionMember(decision=issued_decision, person=person, role=Role.MEMBER, position="Người dân")]
        )
    assert issued_decision.members.count() == 3


def test_the_base_manager_cannot_change_the_members_of_an_issued_decision(issued_decision):
    with refused(MEMBERS):
        DecisionMember._base_manager.filter(decision=issued_decision).update(position="Chức danh khác")


def test_bulk_update_cannot_swap_the_roles_of_an_issued_decision(issued_decision):
    leader, deputy, _member = issued_decision.members.order_by("id")
    leader.role, deputy.role = deputy.role, leader.role
    with refused(MEMBERS):
        DecisionMember._base_manager.bulk_update([leader, deputy], ["role"])


def test_the_members_of_an_issued_decision_cannot_be_bulk_deleted(issued_decision):
    with refused(MEMBERS):
        DecisionMember._base_manager.filter(decision=issued_decision).delete()
    assert issued_decision.members.count() == 3


def test_raw_sql_cannot_delete_a_member_of_an_issued_decision(issued_decision):
    with refused(MEMBERS):
        execute("DELETE FROM decisions_decisionmember WHERE decision_id = %s", [issued_decision.pk])


def test_a_member_cannot_be_moved_into_or_out_of_an_issued_decision(issued_decision, amending_draft):
    with refused(MEMBERS):
        amending_draft.members.update(decision=issued_decision)
    with refused(MEMBERS):
        issued_decision.members.update(decision=amending_draft)


# Cited legal bases -----------------------------------------------------------------------------


def test_bulk_create_cannot_cite_one_more_basis_in_an_issued_decision(issued_decision):
    province_plan = factories.LegalBasisFactory(citation="Kế hoạch số 35/KH-UBND của UBND tỉnh")
    with refused(BASES):
        DecisionBasis.objects.bulk_create([DecisionBasis(decision=issued_decision, basis=province_plan, order=9)])


def test_the_base_manager_cannot_reorder_the_bases_of_an_issued_decision(issued_decision):
    with refused(BASES):
        DecisionBasis._base_manager.filter(decision=issued_decision).update(order=7)


def test_the_bases_of_an_issued_decision_cannot_be_bulk_deleted(issued_decision):
    with refused(BASES):
        DecisionBasis._base_manager.filter(decision=issued_decision).delete()
    assert issued_decision.bases.exists()


def test_raw_sql_cannot_change_a_basis_of_an_issued_decision(issued_decision):
    other = factories.LegalBasisFactory(citation="Luật Giao dịch điện tử ngày 22/6/2023")
    with refused(BASES):
        execute(
            "UPDATE decisions_decisionbasis SET basis_id = %s WHERE decision_id = %s", [other.pk, issued_decision.pk]
        )


# The trail -------------------------------------------------------------------------------------


def test_the_base_manager_cannot_rewrite_the_trail_of_an_issued_decision(issued_decision):
    with refused(EVENTS):
        DecisionEvent._base_manager.filter(decision=issued_decision).update(comment="Chưa từng xảy ra.")


def test_bulk_update_cannot_backdate_an_event_of_an_issued_decision(issued_decision, day):
    event = issued_decision.events.last()
    event.at = event.at.replace(year=2020)
    with refused(EVENTS):
        DecisionEvent._base_manager.bulk_update([event], ["at"])


def test_the_trail_of_an_issued_decision_cannot_be_bulk_deleted(issued_decision):
    with refused(EVENTS):
        DecisionEvent._base_manager.filter(decision=issued_decision).delete()


def test_raw_sql_cannot_delete_the_issuance_from_the_trail(issued_decision):
    with refused(EVENTS):
        execute(
            "DELETE FROM decisions_decisionevent WHERE decision_id = %s AND action = 'issued'", [issued_decision.pk]
        )


def test_an_event_cannot_be_moved_into_an_issued_decision(issued_decision, amending_draft):
    with refused(EVENTS):
        amending_draft.events.update(decision=issued_decision)


# What stays allowed ----------------------------------------------------------------------------


def test_a_new_event_is_still_recorded_on_an_issued_decision(issued_decision):
    """The issuing transaction records its event after the status has changed; so may a later note."""
    DecisionEvent.objects.create(decision=issued_decision, action=DecisionEvent.Action.RECORDED, comment="Đã lưu.")
    assert issued_decision.events.count() == 4


def test_the_members_bases_and_trail_of_a_draft_change_freely(draft_decision, commune):
    person = factories.PersonFactory(commune=commune)
    DecisionMember._base_manager.filter(decision=draft_decision, role=Role.MEMBER).update(person=person)
    DecisionBasis._base_manager.filter(decision=draft_decision).update(order=3)
    DecisionEvent._base_manager.filter(decision=draft_decision).update(comment="Ghi chú.")
    DecisionBasis._base_manager.filter(decision=draft_decision).delete()
    assert draft_decision.members.filter(person=person).exists()
    assert not draft_decision.bases.exists()


# While the decision is being issued ------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_member_added_while_the_decision_is_being_issued_is_refused_once_it_is(
    law, village_team, village_people, commune, clerk, chairman
):
    """The trigger reads the decision FOR SHARE: it waits for the issuing transaction, then
    sees 'issued'. Reading without the lock would see 'submitted' and let the row in."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite has one writer at a time")
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    latecomer = factories.PersonFactory(commune=commune)
    errors = []

    def add_a_member():
        try:
            with transaction.atomic():
                DecisionMember.objects.bulk_create(
                    [DecisionMember(decision=decision, person=latecomer, role=Role.MEMBER, position="")]
                )
        except DatabaseError as error:
            errors.append(error)
        finally:
            connections.close_all()

    writer = threading.Thread(target=add_a_member)
    with transaction.atomic():
        workflow.decision_issue(decision=decision, by=chairman)
        writer.start()
        writer.join(timeout=1)
        assert writer.is_alive(), "the writer waits for the issuing transaction"
    writer.join(timeout=10)
    assert [type(error) for error in errors] == [InternalError]
    assert MEMBERS in str(errors[0])
    assert decision.members.count() == 3
