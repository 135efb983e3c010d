"""The one life of every numbered document: draft > submitted > issued, or returned to draft.

A decision (QĐ) and the commune's report (BC) differ in what they say, not in how they are
issued. Each kind describes itself once with a ``Kind`` (its model, its printed template,
how it builds its document, its register line, what must hold before it is submitted or
issued, what its issuance changes); the steps here are written once for all of them:

- ``submit``: the clerk sends a draft to the chairman;
- ``return_to_clerk``: the chairman or a vice-chairman sends it back with a comment;
- ``issue``: the signer gives it the next number of the year and today's date; its
  document is built and frozen (``snapshot``), rendered to PDF and stored under its
  SHA-256 (``documents.storage``), signed first if signing is on (``documents.signing``),
  written into the outgoing register, and its
  consequences applied (a decision changes its team), all in one transaction;
- ``record_issued``: a document issued on paper before the commune used tungAnh, with its
  own number;
- ``pdf_bytes``: the stored PDF, checked against its SHA-256.

Every step locks the document, checks who acts (``accounts.scoping``) and records an event
in the document's trail (``document.events``). If any part of an issuance fails, nothing is
kept and no number is used. The issuing transaction also bounds how long it waits for the
number sequence's lock and how long it may sit idle holding it, so that one stuck render
cannot block every issuance of its commune.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts import scoping
from teams.models import Person

from . import attachments, numbering, rendering, signing, storage
from .models import DocumentEvent, IssuedDocument, RegisterEntry

log = logging.getLogger("tungAnh.issuing")
Action = DocumentEvent.Action


def _nothing(document) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """What one kind of numbered document brings to the common lifecycle."""

    model: type[IssuedDocument]
    template: str
    # The document as data (what it prints), built at issuance and kept as the snapshot.
    build: Callable[[IssuedDocument], dict]
    # Column 3 of the register: the type's name and the subject.
    register_subject: Callable[[IssuedDocument, dict], str]
    copies: Callable[[IssuedDocument, dict], int]
    # Refusals in this kind's own words.
    already_issued: Promise
    only_submitted_issued: Promise
    only_submitted_returned: Promise
    comment_required: Promise
    only_drafts_change: Promise
    only_issued_have_pdf: Promise
    # What must hold before submission and again at issuance (raises ValidationError).
    check_ready: Callable[[IssuedDocument], None] = _nothing
    # What the issuance changes beyond the document (a decision changes its team).
    apply: Callable[[IssuedDocument], None] = _nothing
    # The register line names its document: on the line (decision) or on the document (report).
    register_link: str = field(default="register_entry")
    # The attachments filed separately with it ("phụ lục"), as documents.attachments lays them out.
    attachments: Callable[[IssuedDocument, dict], list[dict]] = lambda document, printed: []

    def locked(self, document: IssuedDocument) -> IssuedDocument:
        return self.model.objects.select_for_update(of=("self",)).select_related("commune").get(pk=document.pk)


def require_draft(kind: Kind, document: IssuedDocument) -> None:
    if document.status != IssuedDocument.Status.DRAFT:
        raise ValidationError(kind.only_drafts_change % {"status": document.get_status_display()})


def record(document: IssuedDocument, action: str, by, comment: str = "") -> DocumentEvent:
    event = document.events.model(action=action, by=by, comment=comment)
    setattr(event, document.events.field.name, document)
    event.full_clean(exclude=[document.events.field.name])
    event.save()
    return event


@transaction.atomic
def created(document: IssuedDocument, by) -> IssuedDocument:
    """The first event of a new draft (the kind's own service made and saved it)."""
    record(document, Action.CREATED, by)
    return document


@transaction.atomic
def submit(kind: Kind, document: IssuedDocument, *, by) -> IssuedDocument:
    document = kind.locked(document)
    scoping.require_clerk(by, document.commune)
    require_draft(kind, document)
    document.full_clean()
    kind.check_ready(document)
    document.status = IssuedDocument.Status.SUBMITTED
    document.save(update_fields=["status", "updated_at"])
    record(document, Action.SUBMITTED, by)
    return document


@transaction.atomic
def return_to_clerk(kind: Kind, document: IssuedDocument, *, by, comment: str) -> IssuedDocument:
    document = kind.locked(document)
    scoping.require_signer(by, document.commune)
    if document.status != IssuedDocument.Status.SUBMITTED:
        raise ValidationError(kind.only_submitted_returned)
    if not comment.strip():
        raise ValidationError(kind.comment_required)
    document.status = IssuedDocument.Status.DRAFT
    document.save(update_fields=["status", "updated_at"])
    record(document, Action.RETURNED, by, comment.strip())
    return document


@transaction.atomic
def issue(kind: Kind, document: IssuedDocument, *, by, on: datetime.date | None = None) -> IssuedDocument:
    """The chairman or a vice-chairman signs: number, date, PDF, register, consequences."""
    bound_the_wait()
    document = kind.locked(document)
    official = scoping.require_signer(by, document.commune)
    if document.status == IssuedDocument.Status.ISSUED:
        raise ValidationError(kind.already_issued % {"number": document.number_symbol})
    if document.status != IssuedDocument.Status.SUBMITTED:
        raise ValidationError(kind.only_submitted_issued)
    if official.person is None:
        raise ValidationError(_("Your account has no person record to print under the signature."))
    on = on or timezone.localdate()
    refuse_outside_the_communes_life(document.commune, on)
    number = take_number(document, year=on.year)
    vice = official.role == official.Role.VICE_CHAIRMAN
    return _issue(
        kind,
        document,
        number=number,
        on=on,
        signer=official.person,
        vice=vice,
        by=by,
        action=Action.ISSUED,
        signing_official=official,
    )


@transaction.atomic
def record_issued(
    kind: Kind, document: IssuedDocument, *, number: int, on: datetime.date, signer: Person, vice: bool = False, by=None
) -> IssuedDocument:
    """A document issued on paper before the commune used tungAnh, kept with its own number;
    the year's sequence then continues after it."""
    document = kind.locked(document)
    if document.status == IssuedDocument.Status.ISSUED:
        raise ValidationError(kind.already_issued % {"number": document.number_symbol})
    commune, doc_type = document.commune, document.doc_type
    refuse_outside_the_communes_life(commune, on)
    if numbering.number_is_taken(commune=commune, doc_type=doc_type, year=on.year, number=number):
        raise ValidationError(
            _("Number %(number)d of %(year)d is already in the outgoing register.")
            % {"number": number, "year": on.year}
        )
    numbering.record_number(commune=commune, doc_type=doc_type, year=on.year, number=number)
    return _issue(kind, document, number=number, on=on, signer=signer, vice=vice, by=by, action=Action.RECORDED)


def take_number(document: IssuedDocument, *, year: int) -> int:
    try:
        return numbering.take_number(commune=document.commune, doc_type=document.doc_type, year=year)
    except DatabaseError as error:
        if getattr(getattr(error, "__cause__", None), "pgcode", None) == "55P03":  # lock_not_available
            raise ValidationError(
                _("Another document of this commune is being issued right now. Try again in a moment.")
            ) from error
        raise


def bound_the_wait() -> None:
    """On PostgreSQL: wait at most ISSUING_LOCK_TIMEOUT for the number sequence's lock, and
    end the transaction if it sits idle (a render that hangs) longer than ISSUING_IDLE_TIMEOUT,
    which releases the lock for the others. Both last until the transaction ends."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [settings.ISSUING_LOCK_TIMEOUT])
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [settings.ISSUING_STATEMENT_TIMEOUT])
        cursor.execute(
            "SELECT set_config('idle_in_transaction_session_timeout', %s, true)", [settings.ISSUING_IDLE_TIMEOUT]
        )


def refuse_outside_the_communes_life(commune, on: datetime.date) -> None:
    """A document is issued in the name of a commune that exists on its date."""
    if commune.ceased_on is not None and on >= commune.ceased_on:
        raise ValidationError(
            _("%(commune)s ceased to exist on %(ceased)s: a document dated %(date)s cannot be issued in its name.")
            % {"commune": commune.title_name, "ceased": f"{commune.ceased_on:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"}
        )
    if commune.began_on is not None and on < commune.began_on:
        raise ValidationError(
            _("%(commune)s exists from %(began)s: a document dated %(date)s cannot be issued in its name.")
            % {"commune": commune.title_name, "began": f"{commune.began_on:%d/%m/%Y}", "date": f"{on:%d/%m/%Y}"}
        )


def _issue(
    kind: Kind,
    document: IssuedDocument,
    *,
    number: int,
    on: datetime.date,
    signer: Person,
    vice: bool,
    by,
    action,
    signing_official=None,
) -> IssuedDocument:
    document.issued_on = on  # the rules in force on this day apply (teams.plans)
    kind.check_ready(document)
    document.number = number
    document.year = on.year
    document.issued_at = timezone.now()
    document.signer = signer
    document.signer_is_vice = vice
    printed = kind.build(document)
    if signing_official is not None and signing.signing_enabled():  # the signer's, then the seal's signature
        pdf = signing.signed_pdf(kind.template, printed, official=signing_official, commune=document.commune)
    else:
        pdf = rendering.document_pdf(kind.template, printed)
    entry = RegisterEntry(
        commune=document.commune,
        doc_type=document.doc_type,
        year=on.year,
        number=number,
        symbol=document.symbol,
        issued_on=on,
        subject=kind.register_subject(document, printed),
        signer_name=signer.full_name[:50],
        signer_position=" ".join(printed["signature"]["lines"])[:100],
        recipients="; ".join(r.lstrip("- ").rstrip(";.") for r in printed["recipients"]),
        copies=kind.copies(document, printed),
        pdf_sha256=storage.sha256_of(pdf),  # chained with the line (documents.chain)
    )
    if kind.register_link == "decision":
        entry.decision = document
    entry.save()
    if kind.register_link == "register_entry":
        document.register_entry = entry
    signed = signing_official is not None and signing.signing_enabled()
    attachments.file_attachments(
        kind.attachments(document, printed),
        entry=entry,
        signed_at=document.issued_at,
        official=signing_official if signed else None,
    )
    document.snapshot = printed
    document.pdf_sha256 = storage.store(pdf)  # written before the transaction commits
    document.status = IssuedDocument.Status.ISSUED
    document.save()
    kind.apply(document)
    record(document, action, by)
    log_issued(document, by)
    return document


def log_issued(document: IssuedDocument, by) -> None:
    """One line per issued document, once it is committed: commune, number, user (by id)."""
    line = "issued %s commune=%s sha256=%s user=%s"
    args = (document.number_symbol, document.commune.code, document.pdf_sha256[:12], getattr(by, "pk", None))
    transaction.on_commit(lambda: log.info(line, *args))


def pdf_bytes(kind: Kind, document: IssuedDocument) -> bytes:
    """The stored PDF of an issued document, checked against its SHA-256 (never re-rendered)."""
    if not document.is_issued:
        raise ValidationError(kind.only_issued_have_pdf)
    return storage.read(document.pdf_sha256)
