"""The outgoing register as a hash chain, per issuing body (like a transparency log).

A register line keeps the SHA-256 of its document's PDF, and each line's hash covers what
it recorded at issuance, that PDF hash, its position and the hash of the line before it
in the same commune's register. Whoever can write to the database could replace a PDF
and its hash together; they cannot do it without changing every later line's hash, and
the head of the chain (the last line's hash) is shown on the commune's register page, so
a printed or published head pins everything before it. ``verify_archive`` and the public
check recompute the chain (``problems``).

What a line's hash covers is a fixed format (``VERSION``): changing it would break every
chain already written. The note and the cancelled mark, which the clerk writes beside a
line later, are not covered (the database refuses any other change: ``integrity``).
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from lib.text import nfc

VERSION = 1
COVERED = (
    "doc_type",
    "year",
    "number",
    "symbol",
    "issued_on",
    "subject",
    "signer_name",
    "signer_position",
    "recipients",
    "keeper",
    "copies",
    "pdf_sha256",
    "position",
    "previous_hash",
)


def _value(value):
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, int) or value is None:
        return value
    return str(value)  # a date, as ISO 8601


def line_hash(values: dict) -> str:
    """The hash of a register line, from its covered values (a model instance's or a row's)."""
    covered = {name: _value(values[name]) for name in COVERED}
    payload = json.dumps([VERSION, covered], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def _values(entry) -> dict:
    return {name: getattr(entry, name) for name in COVERED}


def link(entry) -> None:
    """Give a new line its place at the end of its commune's chain (inside the caller's transaction).

    The commune's row is locked first, so that two issuances of one commune (a decision
    and a report, whose number sequences differ) chain one after the other."""
    from teams.models import Commune

    from .models import RegisterEntry

    list(Commune.objects.select_for_update().filter(pk=entry.commune_id).values_list("pk"))
    head = (
        RegisterEntry.objects.filter(commune_id=entry.commune_id, position__isnull=False)
        .order_by("-position")
        .values("position", "line_hash")
        .first()
    )
    entry.position = head["position"] + 1 if head else 1
    entry.previous_hash = head["line_hash"] if head else ""
    entry.line_hash = line_hash(_values(entry))


def save_linked(entry, save) -> None:
    with transaction.atomic():
        link(entry)
        save()


def head(commune) -> tuple[int, str] | None:
    """The last line's position and hash: what the commune's register page shows and a print pins."""
    from .models import RegisterEntry

    row = (
        RegisterEntry.objects.filter(commune=commune, position__isnull=False)
        .order_by("-position")
        .values_list("position", "line_hash")
        .first()
    )
    return tuple(row) if row else None


@dataclass(frozen=True)
class Break:
    commune_id: int
    position: int
    what: str


def breaks(rows: Iterable[dict]) -> list[Break]:
    """Where a commune's chain does not hold: ``rows`` are its lines' values in position order."""
    found = []
    previous, expected_position = "", 1
    for row in rows:
        where = (row["commune_id"], row["position"])
        if row["position"] != expected_position:
            found.append(Break(*where, f"is at position {row['position']}, {expected_position} expected"))
        if row["previous_hash"] != previous:
            found.append(Break(*where, "does not name the hash of the line before it"))
        if line_hash(row) != row["line_hash"]:
            found.append(Break(*where, "does not match its hash: the line or its PDF hash was changed"))
        previous, expected_position = row["line_hash"], row["position"] + 1
    return found


def chain_rows(commune_id: int | None = None):
    from .models import RegisterEntry

    lines = RegisterEntry.objects.filter(position__isnull=False)
    if commune_id is not None:
        lines = lines.filter(commune_id=commune_id)
    return lines.order_by("commune_id", "position").values("commune_id", "line_hash", *COVERED)


def problems(commune_id: int | None = None) -> list[Break]:
    """Every break in every commune's chain (or in one commune's)."""
    found, current, rows = [], None, []
    for row in chain_rows(commune_id).iterator(chunk_size=1000):
        if row["commune_id"] != current:
            found += breaks(rows)
            current, rows = row["commune_id"], []
        rows.append(row)
    return found + breaks(rows)
