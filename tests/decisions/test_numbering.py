"""Numbers: per issuing body, type and year, from 01, no gaps, no duplicates."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from decisions import workflow
from decisions.models import Decision
from documents import numbering, rendering
from documents.models import NumberSequence, RegisterEntry
from teams.models import Person
from tests import factories
from tests.decisions.helpers import issued, submitted

pytestmark = pytest.mark.django_db


def take(commune, year, doc_type="QĐ"):
    with transaction.atomic():
        return numbering.take_number(commune=commune, doc_type=doc_type, year=year)


def test_the_first_number_of_a_year_is_01_and_sequences_are_per_type_and_year(commune):
    assert [take(commune, 2026), take(commune, 2026)] == [1, 2]
    assert take(commune, 2026, "KH") == 1
    assert take(commune, 2027) == 1
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    assert take(other, 2026) == 1


@pytest.mark.django_db(transaction=True)
def test_a_number_is_only_taken_inside_a_transaction(commune):
    with pytest.raises(RuntimeError, match=r"^take_number must run inside the issuing transaction$"):
        numbering.take_number(commune=commune, doc_type="QĐ", year=2026)


def test_a_recorded_historic_number_moves_the_sequence_on(commune):
    with transaction.atomic():
        numbering.record_number(commune=commune, doc_type="QĐ", year=2022, number=172)
        numbering.record_number(commune=commune, doc_type="QĐ", year=2022, number=170)
    assert take(commune, 2022) == 173


def test_the_first_issued_decision_of_a_new_year_is_01(village_team, village_people, clerk, chairman):
    first = issued(
        team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=datetime.date(2026, 1, 5)
    )
    assert first.number == 1
    assert first.number_symbol == "01/QĐ-UBND"
    assert "Số: 01/QĐ-UBND" in first.snapshot["number_line"]


def test_a_failed_issuance_consumes_no_number(village_team, village_people, clerk, chairman, monkeypatch):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)

    def broken(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(rendering, "document_pdf", broken)
    with pytest.raises(RuntimeError):
        workflow.decision_issue(decision=decision, by=chairman, on=datetime.date(2026, 3, 2))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED and decision.number is None
    assert not RegisterEntry.objects.exists()
    assert not village_team.memberships.exists()
    assert NumberSequence.objects.filter(last_number__gt=0).count() == 0
    monkeypatch.undo()
    assert workflow.decision_issue(decision=decision, by=chairman, on=datetime.date(2026, 3, 2)).number == 1


def test_a_rule_error_at_issuance_consumes_no_number(village_team, village_people, clerk, chairman, commune):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    # A second establishing decision for the same team, issued first, makes this one wrong.
    other = submitted(team=village_team, people=village_people, clerk=clerk)
    workflow.decision_issue(decision=other, by=chairman, on=datetime.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        workflow.decision_issue(decision=decision, by=chairman, on=datetime.date(2026, 3, 3))
    assert NumberSequence.objects.get(year=2026).last_number == 1
    assert RegisterEntry.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_issuances_get_sixteen_consecutive_numbers(commune):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL (CI runs this on PostgreSQL)")
    clerk = factories.OfficialFactory(commune=commune).user
    signer = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng", office=Person.Office.CHAIRMAN)
    chairman = factories.OfficialFactory(commune=commune, role="chairman", person=signer).user
    decisions = []
    for i in range(16):
        village = factories.VillageFactory(commune=commune, name=f"Thôn {i}")
        team = factories.TeamFactory(commune=commune, village=village)
        people = [
            factories.PersonFactory(commune=commune, office=Person.Office.VILLAGE_HEAD),
            factories.PersonFactory(commune=commune, office=Person.Office.YOUTH_BRANCH_SECRETARY),
            factories.PersonFactory(commune=commune),
        ]
        decisions.append(submitted(team=team, people=people, clerk=clerk))

    barrier = threading.Barrier(16)
    numbers, errors = [], []

    def issue(decision):
        try:
            barrier.wait()
            numbers.append(workflow.decision_issue(decision=decision, by=chairman, on=datetime.date(2026, 5, 1)).number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 17))
    assert sorted(RegisterEntry.objects.values_list("number", flat=True)) == list(range(1, 17))


def test_a_historic_number_already_in_the_register_is_refused_for_that_body_type_and_year_only(
    village_team, village_people, clerk, commune
):
    signer = factories.PersonFactory(commune=commune, office=Person.Office.CHAIRMAN)
    on = datetime.date(2022, 10, 4)
    first = submitted(team=village_team, people=village_people, clerk=clerk)
    workflow.decision_record_issued(decision=first, number=171, on=on, signer=signer)
    assert numbering.number_is_taken(commune=commune, doc_type="QĐ", year=2022, number=171)
    # The same number is free for another commune, another type and another year.
    other = factories.CommuneFactory(code=18260, name="Tùng Châu", district=commune.district)
    assert not numbering.number_is_taken(commune=other, doc_type="QĐ", year=2022, number=171)
    assert not numbering.number_is_taken(commune=commune, doc_type="BC", year=2022, number=171)
    assert not numbering.number_is_taken(commune=commune, doc_type="QĐ", year=2023, number=171)
    assert not numbering.number_is_taken(commune=commune, doc_type="QĐ", year=2022, number=172)

    second_team = factories.TeamFactory(commune=commune)
    people = [factories.PersonFactory(commune=commune) for _ in range(3)]
    second = submitted(team=second_team, people=people, clerk=clerk, departure_reason="Thôn mới.")
    with pytest.raises(ValidationError, match="Số 171 năm 2022 đã có trong sổ văn bản đi"):
        workflow.decision_record_issued(decision=second, number=171, on=on, signer=signer)
    second.refresh_from_db()
    assert second.status == Decision.Status.SUBMITTED and second.number is None
