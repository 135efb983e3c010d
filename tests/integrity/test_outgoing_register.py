"""The outgoing register keeps every line; only a line's note and cancelled mark change."""

import datetime

import pytest

from documents.models import DocumentType, RegisterEntry
from tests.integrity import execute, refused

pytestmark = pytest.mark.django_db

KEPT = "tungAnh: the outgoing register keeps every line; a register line is never deleted."
FROZEN = "tungAnh: a register line keeps what was issued; only its note and its cancelled mark change."
CHANGEABLE = ("note", "cancelled")
# Every column the database keeps: the model's, so that a field added later is tried too.
KEPT_FIELDS = [field for field in RegisterEntry._meta.concrete_fields if field.name not in CHANGEABLE]


@pytest.fixture
def entry(issued_decision):
    return issued_decision.register_entry


@pytest.fixture
def plan_entry(commune):
    """A line for a document the system does not issue (a plan), written by hand."""
    return RegisterEntry.objects.create(
        commune=commune,
        doc_type=DocumentType.PLAN,
        year=2022,
        number=246,
        symbol="KH-UBND",
        issued_on=datetime.date(2022, 10, 3),
        subject="Kế hoạch triển khai Tổ chuyển đổi số cộng đồng",
        signer_name="Phan Tiến Dũng",
        signer_position="Chủ tịch",
        recipients="UBND huyện",
    )


def another_value(field, value):
    """A value of the field's type that differs from ``value``."""
    kind = field.get_internal_type()
    if kind in {"AutoField", "BigAutoField", "ForeignKey", "OneToOneField"} or "Integer" in kind:
        return (value or 0) + 1000
    if kind in {"CharField", "TextField"}:
        changed = f"{value}x"  # within the column's length (a 64-character hash stays 64)
        return changed[-field.max_length :] if field.max_length else changed
    if kind == "DateField":
        return value + datetime.timedelta(days=1)
    pytest.fail(f"RegisterEntry.{field.name} is a {kind}: say here how to change one")


def test_the_base_manager_cannot_delete_a_register_line(entry):
    with refused(KEPT):
        RegisterEntry._base_manager.filter(pk=entry.pk).delete()
    assert RegisterEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_cannot_delete_a_register_line(entry):
    with refused(KEPT):
        execute("DELETE FROM decisions_registerentry WHERE id = %s", [entry.pk])


def test_a_line_of_a_document_issued_on_paper_is_kept_too(plan_entry):
    with refused(KEPT):
        RegisterEntry._base_manager.filter(pk=plan_entry.pk).delete()


def test_a_register_lines_number_cannot_be_changed(entry):
    with refused(FROZEN):
        RegisterEntry.objects.filter(pk=entry.pk).update(number=entry.number + 1)


def test_bulk_update_cannot_rewrite_a_register_line(entry):
    entry.subject = "Quyết định về việc khác"
    with refused(FROZEN):
        RegisterEntry.objects.bulk_update([entry], ["subject"])


def test_raw_sql_cannot_rewrite_a_register_line(entry):
    with refused(FROZEN):
        execute("UPDATE decisions_registerentry SET signer_name = 'Người khác' WHERE id = %s", [entry.pk])


@pytest.mark.parametrize("field", KEPT_FIELDS, ids=lambda field: field.name)
def test_every_column_but_the_note_and_the_cancelled_mark_is_kept(entry, field):
    value = getattr(entry, field.attname)
    with refused(FROZEN):
        RegisterEntry._base_manager.filter(pk=entry.pk).update(**{field.attname: another_value(field, value)})


def test_the_note_and_the_cancelled_mark_change(entry):
    entry.note = "Đã chuyển ngày 05/10/2022"
    entry.cancelled = True
    entry.save()
    RegisterEntry.objects.filter(pk=entry.pk).update(note="Đã chuyển ngày 06/10/2022")
    entry.refresh_from_db()
    assert (entry.note, entry.cancelled) == ("Đã chuyển ngày 06/10/2022", True)
