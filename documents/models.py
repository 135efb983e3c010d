"""What every numbered document of the commune shares: its type, its number sequence,
the outgoing register, and the abstract issued document and event trail each kind builds on.

Decisions (QĐ, ``decisions``) and the commune's reports (BC, ``reports``) are kinds of
``IssuedDocument``; ``documents.lifecycle`` gives them their one path from draft to issued.
The tables of the sequence and the register kept their names (``decisions_*``) when the
models moved here: the database guards (``integrity``) name them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.text import NFCCharField, NFCTextField
from teams.models import Commune, Person


class DocumentType(models.TextChoices):
    """Document types with their symbol abbreviation (Decree 30, Appendix III)."""

    DECISION = "QĐ", _("Decision (Quyết định)")
    PLAN = "KH", _("Plan (Kế hoạch)")
    REPORT = "BC", _("Report (Báo cáo)")


DOCUMENT_TYPE_TITLE = {
    DocumentType.DECISION: "Quyết định",
    DocumentType.PLAN: "Kế hoạch",
    DocumentType.REPORT: "Báo cáo",
}


class ImmutableError(ValidationError):
    pass


class NumberSequence(models.Model):
    """The last number given, per issuing body, document type and calendar year."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, verbose_name=_("issuing body"))
    doc_type = models.CharField(_("document type"), max_length=4, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        db_table = "decisions_numbersequence"
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "doc_type", "year"],
                name="sequence_unique",
                violation_error_message=_("This number sequence already exists."),
            ),
        ]

    def __str__(self):
        return f"{self.commune} {self.doc_type} {self.year}: {self.last_number}"


class RegisterEntryQuerySet(models.QuerySet):
    def delete(self):
        raise ImmutableError(_("The outgoing register keeps every number: entries cannot be deleted."))


class RegisterEntry(models.Model):
    """One line of the outgoing register (sổ văn bản đi), in the columns of Decree 30."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="register_entries", verbose_name=_("issuing body")
    )
    doc_type = models.CharField(_("document type"), max_length=4, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=30)
    issued_on = models.DateField(_("date"))
    subject = NFCCharField(_("subject"), max_length=500)
    signer_name = NFCCharField(_("signer"), max_length=50)
    signer_position = NFCCharField(_("signer position"), max_length=100)
    recipients = NFCTextField(_("recipients"), max_length=2000)
    keeper = NFCCharField(_("file copy kept by"), max_length=100, default="VT")
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    note = NFCCharField(_("notes"), max_length=500, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    decision = models.OneToOneField(
        "decisions.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_entry",
        verbose_name=_("decision"),
    )

    # The register as a hash chain per issuing body (documents.chain): the issued PDF's
    # SHA-256, the line's place in its commune's chain, the hash of the line before it and its own.
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True, default="", editable=False)
    position = models.PositiveIntegerField(_("position in the chain"), null=True, blank=True, editable=False)
    previous_hash = models.CharField(
        _("hash of the previous line"), max_length=64, blank=True, default="", editable=False
    )
    line_hash = models.CharField(_("hash of this line"), max_length=64, blank=True, default="", editable=False)

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        db_table = "decisions_registerentry"
        ordering = ["commune", "year", "doc_type", "number"]
        verbose_name = _("outgoing register entry")
        verbose_name_plural = _("outgoing register")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "doc_type", "year", "number"],
                name="register_number_unique",
                violation_error_message=_("This number is already in the outgoing register for that year."),
            ),
            models.UniqueConstraint(
                fields=["commune", "position"],
                name="register_chain_position_unique",
                violation_error_message=_("This place in the register's chain is taken."),
            ),
        ]

    def __str__(self):
        return self.number_symbol

    def save(self, *args, **kwargs):
        if self._state.adding and self.position is None:
            from . import chain

            chain.save_linked(self, lambda: super(RegisterEntry, self).save(*args, **kwargs))
            return
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("The outgoing register keeps every number: entries cannot be deleted."))

    @property
    def number_symbol(self) -> str:
        from .formatting import number_symbol

        return number_symbol(number=self.number, symbol=self.symbol)


class IssuedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(status=IssuedDocument.Status.ISSUED).exists():
            raise ImmutableError(self.model.immutable_message)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=IssuedDocument.Status.ISSUED).exists():
            raise ImmutableError(self.model.undeletable_message)
        return super().delete()


class IssuedDocument(models.Model):
    """A document the commune numbers and issues: a decision (QĐ) or the commune's report (BC).

    Drafted by the clerk, submitted, then issued by the chairman or a vice-chairman, who
    gives it its number for the year and its date. Issued, it keeps what it prints
    (``snapshot``) and its PDF once with its SHA-256, and never changes again: a correction
    is a new document. Each kind names its ``doc_type``, its ``commune`` (the reverse names
    differ) and its two refusal messages; its steps are ``documents.lifecycle``'s, and its
    trail a ``DocumentEvent`` subclass whose reverse name is ``events``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")

    doc_type: DocumentType
    immutable_message: str
    undeletable_message: str

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    subject = NFCCharField(_("subject"), max_length=500)

    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    signer_is_vice = models.BooleanField(_("signed by a vice-chairman"), default=False, editable=False)
    snapshot = models.JSONField(_("document as issued"), null=True, blank=True, editable=False)
    # The PDF itself is in the document store, named by this hash (documents/storage.py).
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True, editable=False)
    signer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="%(class)s_signed",
        verbose_name=_("signer"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"],
                condition=Q(number__isnull=False),
                name="%(class)s_number_unique",
                violation_error_message=_("This number is already taken for that year."),
            ),
            models.CheckConstraint(
                condition=~Q(status="issued")
                | Q(number__isnull=False, year__isnull=False, issued_on__isnull=False, signer__isnull=False),
                name="%(class)s_issued_has_number",
                violation_error_message=_("An issued document has a number, a year, a date and a signer."),
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.number_symbol}: {self.subject}"
        return f"{self.get_status_display()}: {self.subject}"

    def save(self, *args, **kwargs):
        if self._stored_status() == self.Status.ISSUED:
            raise ImmutableError(self.immutable_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == self.Status.ISSUED or self.number:
            raise ImmutableError(self.undeletable_message)
        return super().delete(*args, **kwargs)

    @property
    def symbol(self) -> str:
        return f"{self.doc_type}-{self.commune.body_abbreviation}"

    @property
    def number_symbol(self) -> str:
        from .formatting import number_symbol

        return number_symbol(number=self.number, symbol=self.symbol)

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def later_documents(self) -> list[tuple["IssuedDocument", str]]:
        """The documents issued after this one that amend, replace, correct or end it, in the
        order they were issued, each with what it did ("amended by", ...). A kind of document
        that nothing later refers to has none; ``decisions.Decision`` names its own."""
        return []

    def issued_after(self, other: "IssuedDocument") -> bool:
        """Issued later than ``other``: by day, then by the moment it was issued (a document
        recorded from paper has no moment: then by its place in the table)."""
        if self.issued_on != other.issued_on:
            return self.issued_on > other.issued_on
        if self.issued_at and other.issued_at:
            return self.issued_at > other.issued_at
        return self.pk > other.pk

    def _stored_status(self):
        if not self.pk:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()


class DocumentEvent(models.Model):
    """Who did what to a numbered document, and when: drafted, submitted, returned with a
    comment, issued. Each kind of document has its trail, reached as ``document.events``."""

    class Action(models.TextChoices):
        CREATED = "created", _("drafted")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with comments")
        ISSUED = "issued", _("issued")
        RECORDED = "recorded", _("recorded as issued earlier")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    comment = NFCTextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"


class SigningImage(models.Model):
    """A PNG drawn where a digitally signed document is signed (Decree 30, "Electronic copies").

    Kept in the database, not in the document store: a few tens of kilobytes, read at every
    signed issuance, and replaced by the clerk when the signer or the seal changes. A
    document already issued keeps the image it was signed with, inside its PDF."""

    png = models.BinaryField(_("PNG image"))
    width = models.PositiveIntegerField(_("width (pixels)"))
    height = models.PositiveIntegerField(_("height (pixels)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        abstract = True


class SignatureImage(SigningImage):
    """The signer's signature (blue, transparent), drawn between the signing title and the name."""

    official = models.OneToOneField(
        "accounts.Official", on_delete=models.CASCADE, related_name="signature_image", verbose_name=_("signer")
    )

    class Meta:
        verbose_name = _("signature image")
        verbose_name_plural = _("signature images")

    def __str__(self):
        return str(self.official)


class SealImage(SigningImage):
    """The issuing body's seal (red, transparent), drawn at its real size over the signature's left third."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="seal_image", verbose_name=_("issuing body")
    )
    diameter_mm = models.PositiveSmallIntegerField(
        _("seal diameter (mm)"),
        default=35,
        validators=[MinValueValidator(20), MaxValueValidator(60)],
        help_text=_("The real size of the seal, as stamped on paper."),
    )

    class Meta:
        verbose_name = _("seal image")
        verbose_name_plural = _("seal images")

    def __str__(self):
        return str(self.commune)


class AttachmentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError(_("A filed attachment never changes."))

    def delete(self):
        raise ImmutableError(_("A filed attachment cannot be deleted."))


class Attachment(models.Model):
    """A document filed separately with an issued one (its "phụ lục"), under the same number.

    It carries no number of its own: Decree 30 marks it, top right of its first page, with
    the number/symbol of the document it goes with and the moment it was signed
    (``documents.attachments``). Its PDF is in the document store, named by its SHA-256,
    like the document's; the row is written once, at issuance, and never changes.
    """

    entry = models.ForeignKey(
        RegisterEntry, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("register entry")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = NFCCharField(_("title"), max_length=500)
    snapshot = models.JSONField(_("attachment as issued"), editable=False)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, editable=False, db_index=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "position"]
        verbose_name = _("filed attachment")
        verbose_name_plural = _("filed attachments")
        constraints = [
            models.UniqueConstraint(fields=["entry", "position"], name="attachment_position_unique"),
        ]

    def __str__(self):
        return f"{self.entry.number_symbol}: {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(_("A filed attachment never changes."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("A filed attachment cannot be deleted."))
