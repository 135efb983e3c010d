"""The locked number sequence: per issuing body, document type and calendar year.

``take_number`` must run inside the issuing transaction. It locks the sequence row
(SELECT ... FOR UPDATE), so concurrent issuances queue behind each other and get
consecutive numbers; if the issuance fails afterwards, the rollback gives the number
back, so no number is ever skipped. The register's unique constraint is the last guard.
"""

from django.db import transaction

from .models import NumberSequence, RegisterEntry


def _locked_sequence(*, commune, doc_type: str, year: int) -> NumberSequence:
    # Create the row if this is the year's first document, without failing when a
    # concurrent transaction creates it first; then lock it.
    NumberSequence.objects.bulk_create(
        [NumberSequence(commune=commune, doc_type=doc_type, year=year)], ignore_conflicts=True
    )
    return NumberSequence.objects.select_for_update().get(commune=commune, doc_type=doc_type, year=year)


def take_number(*, commune, doc_type: str, year: int) -> int:
    """The next number of the year; only call inside ``transaction.atomic``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the issuing transaction")
    sequence = _locked_sequence(commune=commune, doc_type=doc_type, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def record_number(*, commune, doc_type: str, year: int, number: int) -> None:
    """Record a number given outside the system (a document issued before it was used).

    The sequence continues after the highest number recorded.
    """
    sequence = _locked_sequence(commune=commune, doc_type=doc_type, year=year)
    if number > sequence.last_number:
        sequence.last_number = number
        sequence.save(update_fields=["last_number"])


def number_is_taken(*, commune, doc_type: str, year: int, number: int) -> bool:
    return RegisterEntry.objects.filter(commune=commune, doc_type=doc_type, year=year, number=number).exists()
