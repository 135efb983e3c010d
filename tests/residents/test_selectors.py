"""The one place that decides what a resident may see of a member, tested without pages."""

import datetime

from decisions.models import Decision
from residents.models import ConsentRecord
from residents.selectors import name_published, phone_published
from teams.models import Membership, Person

ON = datetime.date(2026, 1, 5)


def record(action: str, phone: str) -> ConsentRecord:
    return ConsentRecord(subject="phone", action=action, on=ON, phone=phone)


def test_a_withdrawal_never_publishes_a_number_even_one_naming_it():
    person = Person(full_name="A", phone="0912000001")
    assert phone_published(person, record("withdrawn", "0912000001")) == ""


def test_a_standing_consent_publishes_the_number_it_names():
    person = Person(full_name="A", phone="0912000001")
    assert phone_published(person, record("given", "0912000001")) == "0912000001"
    assert phone_published(person, record("given", "0912000002")) == ""
    assert phone_published(person, None) == ""


def test_no_number_no_publication():
    assert phone_published(Person(full_name="A", phone=""), record("given", "")) == ""


def test_a_name_is_public_by_an_issued_decision_or_by_consent_only():
    issued = Membership(started_by=Decision(status=Decision.Status.ISSUED))
    draft = Membership(started_by=Decision(status=Decision.Status.DRAFT))
    unstarted = Membership()
    assert name_published(issued, None)
    assert not name_published(draft, None) and not name_published(unstarted, None)
    assert name_published(draft, ConsentRecord(subject="name_role", action="given", on=ON))
    assert not name_published(draft, ConsentRecord(subject="name_role", action="withdrawn", on=ON))
