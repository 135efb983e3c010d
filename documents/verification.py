"""Is this PDF one the commune issued, unchanged, and signed by whom? (the public check)

``verify_pdf`` answers for a file anyone holds: whether its SHA-256 is one the register
recorded (then it is exactly the issued file), whether each signature in it is intact,
by whom and when, and whether its certificate chains to a trusted CA
(``DOCUMENT_SIGNING_TRUST_ROOTS``), and what the register says of the document since (a
cancelled line, and the documents issued since that amend, replace or end it, as
``IssuedDocument.later_documents`` names them: for a decision, a later amending "kiện toàn"
decision or the dissolution of its team). ``lookup`` answers the same from what is printed on a paper copy: the
commune, the number and the year. The public page (``documents.check_views``), the
``verify_pdf`` command and the document's page all show these facts.

Nothing here trusts the file: a file that is not a PDF, is encrypted, truncated or
damaged is answered with what is wrong, never with an error page.
"""

import datetime
from dataclasses import dataclass, field
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from . import archive, chain, signing, storage
from .models import Attachment, IssuedDocument, RegisterEntry

PDF_HEADER = b"%PDF-"


@dataclass(frozen=True)
class SignatureCheck:
    """One signature in the file, as pyHanko validated it."""

    field: str
    signer: str  # the certificate's common name
    issuer: str  # its CA's common name
    signed_at: datetime.datetime | None  # the signer's clock, or the timestamp's when there is one
    timestamped: bool
    intact: bool  # the bytes it covers are those that were signed
    trusted: bool  # its certificate chains to a trusted CA and was valid then
    covers_whole_file: bool  # nothing was added after it but further signatures
    marked: str = ""  # what the certificate's organisational unit says, e.g. a demo's "DEMO - ..."

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted

    @property
    def role(self) -> str:
        if self.field == signing.SEAL_FIELD:
            return _("seal of the issuing body")
        if self.field == signing.SIGNER_FIELD:
            return _("signer")
        return _("other signature")


@dataclass
class Verdict:
    sha256: str = ""
    problem: str = ""  # why the file could not be read at all
    document: IssuedDocument | None = None  # the issued document whose stored PDF this is
    entry: RegisterEntry | None = None
    signatures: list[SignatureCheck] = field(default_factory=list)
    # The commune's register chain, recomputed (documents.chain): its breaks, and its head.
    chain_breaks: list[chain.Break] = field(default_factory=list)
    chain_head: tuple[int, str] | None = None
    # What was issued since that amends, replaces, corrects or ends it: (document, what it did).
    later: list[tuple[IssuedDocument, str]] = field(default_factory=list)
    # The file is an attachment filed separately with ``document`` (documents.attachments).
    attachment: Attachment | None = None

    @property
    def in_register(self) -> bool:
        return self.document is not None

    @property
    def signatures_ok(self) -> bool:
        return bool(self.signatures) and all(s.ok for s in self.signatures)

    @property
    def cancelled(self) -> bool:
        return bool(self.entry and self.entry.cancelled)

    @property
    def chain_holds(self) -> bool:
        """The register line names this very file and the commune's chain is unbroken."""
        names_it = self.entry and (
            self.entry.pdf_sha256 == self.sha256 or (self.attachment and self.attachment.entry_id == self.entry.pk)
        )
        return bool(names_it and not self.chain_breaks)


def describe(verdict: Verdict) -> list[str]:
    """The verdict in sentences, one a line (the command prints them)."""
    if verdict.problem:
        return [verdict.problem]
    lines = [_("SHA-256: %(sha256)s") % {"sha256": verdict.sha256}]
    if verdict.in_register:
        document = verdict.document
        lines.append(
            _("In the register: %(number)s of %(commune)s, issued on %(date)s; this is exactly the issued file.")
            % {
                "number": document.number_symbol,
                "commune": document.commune.full_name,
                "date": f"{document.issued_on:%d/%m/%Y}",
            }
        )
        if verdict.attachment is not None:
            lines.append(
                _("This file is the attachment filed with it: %(title)s.") % {"title": verdict.attachment.title}
            )
        if verdict.cancelled:
            lines.append(_("The register marks this document as cancelled: %(note)s") % {"note": verdict.entry.note})
        for later, relation in verdict.later:
            lines.append(
                _("Since then: %(relation)s %(number)s of %(commune)s, issued on %(date)s.")
                % {
                    "relation": relation,
                    "number": later.number_symbol,
                    "commune": later.commune.full_name,
                    "date": f"{later.issued_on:%d/%m/%Y}",
                }
            )
        if not verdict.later and not verdict.cancelled:
            lines.append(_("Nothing issued since amends, replaces or ends it."))
        if verdict.chain_holds:
            position, head = verdict.chain_head
            lines.append(
                _("The commune's register chain holds: line %(line)d of %(count)d, head %(head)s.")
                % {"line": verdict.entry.position, "count": position, "head": head}
            )
        else:
            lines.append(_("The commune's register chain does NOT hold: the register was changed after issuance."))
    else:
        lines.append(_("Not in the register: no document was issued as exactly this file."))
    if not verdict.signatures:
        lines.append(_("The file carries no digital signature."))
    for check in verdict.signatures:
        when = timezone.localtime(check.signed_at).isoformat(timespec="seconds") if check.signed_at else "?"
        state = _("intact") if check.intact else _("BROKEN: the file was changed after this signature")
        trust = _("trusted CA") if check.trusted else _("NOT a trusted CA, or the certificate was not valid")
        lines.append(
            (f"[{check.marked}] " if check.marked else "")
            + _("Signature (%(role)s) by %(signer)s at %(when)s, issued by %(issuer)s: %(state)s, %(trust)s.")
            % {
                "role": check.role,
                "signer": check.signer,
                "when": when,
                "issuer": check.issuer,
                "state": state,
                "trust": trust,
            }
        )
    return lines


def document_with_sha256(sha256: str) -> IssuedDocument | None:
    for model in archive.document_models():
        document = (
            model.objects.filter(status=IssuedDocument.Status.ISSUED, pdf_sha256=sha256)
            .select_related("commune", "signer")
            .first()
        )
        if document is not None:
            return document
    return None


def attachment_with_sha256(sha256: str) -> tuple[Attachment | None, IssuedDocument | None]:
    """The attachment filed as exactly this file, and the document it goes with."""
    attachment = Attachment.objects.filter(pdf_sha256=sha256).select_related("entry__commune").first()
    if attachment is None:
        return None, None
    entry = attachment.entry
    _entry, document = lookup(commune=entry.commune, number=entry.number, year=entry.year, doc_type=entry.doc_type)
    return (attachment, document) if document is not None else (None, None)


def register_entry_of(document: IssuedDocument) -> RegisterEntry | None:
    return RegisterEntry.objects.filter(
        commune=document.commune, doc_type=document.doc_type, year=document.year, number=document.number
    ).first()


def _common_name(name) -> str:
    return name.native.get("common_name", "") if name is not None else ""


def _unit(name) -> str:
    unit = name.native.get("organizational_unit_name", "")
    return ", ".join(unit) if isinstance(unit, list) else str(unit)


def read_signatures(data: bytes) -> list[SignatureCheck]:
    """Each signature of ``data`` validated against the trusted CAs; raises PdfError if unreadable."""
    reader = PdfFileReader(BytesIO(data), strict=False)
    if reader.encrypted:
        raise EncryptedError
    checks = []
    context = signing.validation_context()
    for embedded in reader.embedded_signatures:
        certificate = embedded.signer_cert
        try:
            status = signing.outside_event_loop(validate_pdf_signature, embedded, context)
            intact, trusted = status.intact and status.valid, status.trusted and not status.revoked
            timestamp = status.timestamp_validity
            signed_at = timestamp.timestamp if timestamp else status.signer_reported_dt
            covers = status.coverage is not None and status.coverage.name in ("ENTIRE_FILE", "ENTIRE_REVISION")
            covers = covers and (status.docmdp_ok is not False)
        except Exception:
            intact = trusted = covers = False
            timestamp, signed_at = None, embedded.self_reported_timestamp
        checks.append(
            SignatureCheck(
                field=embedded.field_name,
                signer=_common_name(certificate.subject) if certificate else "",
                issuer=_common_name(certificate.issuer) if certificate else "",
                signed_at=signed_at,
                timestamped=timestamp is not None,
                intact=intact,
                trusted=trusted,
                covers_whole_file=covers,
                marked=_unit(certificate.subject) if certificate else "",
            )
        )
    return checks


class EncryptedError(Exception):
    pass


def verify_pdf(data: bytes, *, document: IssuedDocument | None = None) -> Verdict:
    """What can be said of ``data``: a file someone holds and says the commune issued
    (or, given ``document``, that document's stored file)."""
    verdict = Verdict(sha256=storage.sha256_of(data))
    if not data[:1024].lstrip().startswith(PDF_HEADER):
        verdict.problem = _("This file is not a PDF.")
        return verdict
    verdict.document = document or document_with_sha256(verdict.sha256)
    if verdict.document is None:
        verdict.attachment, verdict.document = attachment_with_sha256(verdict.sha256)
    if verdict.document is not None:
        verdict.entry = register_entry_of(verdict.document)
        verdict.chain_breaks = chain.problems(verdict.document.commune_id)
        verdict.chain_head = chain.head(verdict.document.commune)
        verdict.later = verdict.document.later_documents()
    try:
        verdict.signatures = read_signatures(data)
    except EncryptedError:
        verdict.problem = _("This PDF is encrypted: a document the commune issues never is.")
    except signing.SigningError as error:
        verdict.problem = " ".join(error.messages)
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        verdict.problem = _("This PDF is damaged or truncated: it cannot be read.")
    return verdict


def lookup(*, commune, number: int, year: int, doc_type: str) -> tuple[RegisterEntry | None, IssuedDocument | None]:
    """The register line and the document of a number, from what a paper copy prints."""
    entry = RegisterEntry.objects.filter(commune=commune, doc_type=doc_type, year=year, number=number).first()
    if entry is None:
        return None, None
    for model in archive.document_models():
        if model.doc_type != doc_type:
            continue
        document = model.objects.filter(commune=commune, year=year, number=number, status="issued").first()
        if document is not None:
            return entry, document
    return entry, None


def stored_verdict(document: IssuedDocument) -> Verdict:
    """The same facts for the stored PDF of an issued document (its page, for officials)."""
    try:
        data = storage.read(document.pdf_sha256)
    except storage.StoredDocumentError as error:
        return Verdict(sha256=document.pdf_sha256, problem=" ".join(error.messages), document=document)
    return verify_pdf(data, document=document)
