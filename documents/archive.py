"""The archive of issued documents: is it whole, and what does a backup hold?

``problems()`` is what ``manage.py verify_archive`` reports: every issued document's
stored PDF hashes to its SHA-256; every line of the outgoing register of a type the
system issues has its document, and every issued document its line; no number sequence
is behind the highest number issued. ``manifest()`` is what ``manage.py backup`` writes
beside the dump, and ``compare_with_manifest()`` checks a restored database against it.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Max

from . import chain, storage
from .models import Attachment, IssuedDocument, NumberSequence, RegisterEntry


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self):
        return f"{self.where}: {self.what}"


def document_models() -> list[type[IssuedDocument]]:
    """Every concrete kind of numbered document (decision, commune report, ...)."""
    return [model for model in apps.get_models() if issubclass(model, IssuedDocument)]


def issued_documents(model) -> Iterator:
    return (
        model._base_manager.filter(status=IssuedDocument.Status.ISSUED)
        .select_related("commune")
        .only("pk", "number", "year", "pdf_sha256", "commune__code", "commune__body_abbreviation", "commune__name")
        .order_by("pk")
        .iterator(chunk_size=500)
    )


def label(document) -> str:
    number = document.number_symbol if document.number else "(no number)"
    where = f"commune {document.commune.code}, id {document.pk}"
    return f"{document._meta.verbose_name} {number} of {document.year} ({where})"


def filed_attachments():
    """Every attachment filed with an issued document (documents.attachments), with its register line."""
    return Attachment.objects.select_related("entry__commune").order_by("pk").iterator(chunk_size=500)


def attachment_label(attachment: Attachment) -> str:
    entry = attachment.entry
    return f"attachment {attachment.position} of {entry.number_symbol} of {entry.year} (commune {entry.commune.code})"


def stored_pdf_problem(sha256: str) -> str | None:
    """What is wrong with the stored PDF of this hash, in the operator's words, or None."""
    try:
        storage.read(sha256)
    except storage.DocumentMissing:
        return "its stored PDF is missing from the document store"
    except storage.DocumentAltered:
        return "its stored PDF does not match its SHA-256: it has been altered"
    return None


def problems() -> list[Problem]:
    found: list[Problem] = []
    found += _pdf_problems()
    found += _register_problems()
    found += _sequence_problems()
    found += _chain_problems()
    return found


def _chain_problems() -> list[Problem]:
    """The register's hash chain recomputed (documents.chain), and each line's PDF hash
    against its document's."""
    found = [
        Problem(f"register chain of commune id {brk.commune_id}, line {brk.position}", brk.what)
        for brk in chain.problems()
    ]
    lines = {
        (row["commune_id"], row["doc_type"], row["year"], row["number"]): row
        for row in RegisterEntry.objects.values("commune_id", "doc_type", "year", "number", "pdf_sha256", "position")
    }
    for model in document_models():
        documents = model._base_manager.filter(status=IssuedDocument.Status.ISSUED)
        for row in documents.values("pk", "commune_id", "commune__code", "year", "number", "pdf_sha256"):
            line = lines.get((row["commune_id"], model.doc_type, row["year"], row["number"]))
            if line is not None and line["position"] is not None and line["pdf_sha256"] != row["pdf_sha256"]:
                found.append(
                    Problem(
                        f"{model._meta.verbose_name} {row['number']}/{model.doc_type} of {row['year']} "
                        f"(commune {row['commune__code']}, id {row['pk']})",
                        "its PDF's SHA-256 is not the one its register line chained",
                    )
                )
    return found


def _pdf_problems() -> list[Problem]:
    found = []
    for model in document_models():
        for document in issued_documents(model):
            if not document.pdf_sha256:
                found.append(Problem(label(document), "issued without a stored PDF"))
                continue
            if (what := stored_pdf_problem(document.pdf_sha256)) is not None:
                found.append(Problem(label(document), f"{what} (SHA-256 {document.pdf_sha256})"))
    for attachment in filed_attachments():
        if (what := stored_pdf_problem(attachment.pdf_sha256)) is not None:
            found.append(Problem(attachment_label(attachment), f"{what} (SHA-256 {attachment.pdf_sha256})"))
    return found


def _register_problems() -> list[Problem]:
    found = []
    register = {
        (row["commune_id"], row["doc_type"], row["year"], row["number"]): row
        for row in RegisterEntry.objects.values("id", "commune_id", "commune__code", "doc_type", "year", "number")
    }
    issued_keys = set()
    for model in document_models():
        documents = model._base_manager.filter(status=IssuedDocument.Status.ISSUED)
        for row in documents.values("pk", "commune_id", "commune__code", "year", "number"):
            key = (row["commune_id"], model.doc_type, row["year"], row["number"])
            issued_keys.add(key)
            if key not in register:
                found.append(
                    Problem(
                        f"{model._meta.verbose_name} {row['number']}/{model.doc_type} of {row['year']} "
                        f"(commune {row['commune__code']}, id {row['pk']})",
                        "issued but missing from the outgoing register",
                    )
                )
    issued_types = {model.doc_type for model in document_models()}
    for key, row in register.items():
        if row["doc_type"] in issued_types and key not in issued_keys:
            found.append(
                Problem(
                    f"register line {row['number']}/{row['doc_type']} of {row['year']} "
                    f"(commune {row['commune__code']}, id {row['id']})",
                    "has no issued document",
                )
            )
    return found


def _sequence_problems() -> list[Problem]:
    found = []
    highest = RegisterEntry.objects.values("commune_id", "commune__code", "doc_type", "year").annotate(
        highest=Max("number")
    )
    sequences = {
        (s.commune_id, s.doc_type, s.year): s.last_number
        for s in NumberSequence.objects.only("commune_id", "doc_type", "year", "last_number")
    }
    for row in highest:
        last = sequences.get((row["commune_id"], row["doc_type"], row["year"]), 0)
        if last < row["highest"]:
            found.append(
                Problem(
                    f"number sequence {row['doc_type']} {row['year']} of commune {row['commune__code']}",
                    f"at {last}, behind the highest number issued {row['highest']}: the next number would repeat one",
                )
            )
    return found


def table_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def manifest() -> dict:
    documents = []
    for model in document_models():
        for document in issued_documents(model):
            documents.append(
                {
                    "type": model.doc_type,
                    "commune": document.commune.code,
                    "year": document.year,
                    "number": document.number,
                    "number_symbol": document.number_symbol,
                    "sha256": document.pdf_sha256,
                }
            )
    return {"tables": table_counts(), "documents": documents}


# Models that moved to another app since a backup was written: its manifest names them as they were.
MOVED_MODELS = {
    "decisions.NumberSequence": "documents.NumberSequence",
    "decisions.RegisterEntry": "documents.RegisterEntry",
}


def compare_with_manifest(expected: dict) -> list[Problem]:
    """A restored database against the manifest written with its backup."""
    found = []
    counts = table_counts()
    for written, count in expected["tables"].items():
        table = MOVED_MODELS.get(written, written)
        if counts.get(table) != count:
            found.append(Problem(f"table {table}", f"{counts.get(table)} rows, the backup's manifest says {count}"))
    present = {(d["type"], d["commune"], d["year"], d["number"]): d["sha256"] for d in manifest()["documents"]}
    for document in expected["documents"]:
        key = (document["type"], document["commune"], document["year"], document["number"])
        label = f"{document['number_symbol']} of {document['year']} (commune {document['commune']})"
        if key not in present:
            found.append(Problem(label, "in the backup's manifest but not in this database"))
        elif present[key] != document["sha256"]:
            found.append(Problem(label, "its SHA-256 differs from the backup's manifest"))
    return found
