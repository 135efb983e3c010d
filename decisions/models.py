"""Decisions, their parts, the number sequences and the outgoing register.

An issued decision is a legal document: it copies onto itself everything it prints
(``snapshot``) and stores its PDF once, named by its SHA-256 (``storage.py``), so that a later rename of the
commune or of a person never changes it. ``save()``, ``delete()`` and the queryset's
``update()``/``delete()`` refuse to touch an issued decision: a correction is a new one.
``IssuedDocument`` holds this once, for the decision and the commune's report alike.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.text import NFCCharField, NFCTextField
from teams.models import Commune, Person, Role, Team


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
        "Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="register_entry",
        verbose_name=_("decision"),
    )

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["commune", "year", "doc_type", "number"]
        verbose_name = _("outgoing register entry")
        verbose_name_plural = _("outgoing register")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "doc_type", "year", "number"],
                name="register_number_unique",
                violation_error_message=_("This number is already in the outgoing register for that year."),
            ),
        ]

    def __str__(self):
        return self.number_symbol

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("The outgoing register keeps every number: entries cannot be deleted."))

    @property
    def number_symbol(self) -> str:
        from .formatting import number_symbol

        return number_symbol(number=self.number, symbol=self.symbol)


class LegalBasis(models.Model):
    """A reusable "Căn cứ ..." line. Decisions cite them by rank: laws first, then plans."""

    class Rank(models.IntegerChoices):
        LAW = 1, _("law or central document")
        PROVINCE = 2, _("province document")
        DISTRICT = 3, _("district document")
        COMMUNE = 4, _("commune document")

    rank = models.PositiveSmallIntegerField(_("rank"), choices=Rank.choices)
    citation = NFCTextField(
        _("citation"),
        max_length=1000,
        help_text=_(
            'What follows "Căn cứ", without the final ";". A law by name and date; a plan or '
            "decision by type, number/symbol, date, issuer and subject."
        ),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_bases",
        verbose_name=_("commune"),
        help_text=_("Empty: offered to every commune (national laws)."),
    )
    is_default = models.BooleanField(_("cited by default"), default=True)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self):
        return self.citation[:120]


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
    # The PDF itself is in the document store, named by this hash (decisions/storage.py).
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

    def _stored_status(self):
        if not self.pk:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()


class Decision(IssuedDocument):
    """A decision (Quyết định, "QĐ") of the commune on one team: establish, amend or dissolve it."""

    class Kind(models.TextChoices):
        ESTABLISH = "establish", _("establish a team")
        AMEND = "amend", _("amend a team")
        DISSOLVE = "dissolve", _("dissolve a team")

    class Authority(models.TextChoices):
        CHAIRMAN = "chairman", _("decision of the chairman")
        COMMITTEE = "committee", _("decision of the People's Committee")

    doc_type = DocumentType.DECISION
    immutable_message = _("An issued decision never changes: a correction is a new decision.")
    undeletable_message = _("An issued decision cannot be deleted.")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("issuing body")
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("team"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    proposer = NFCCharField(
        _("proposer line"),
        max_length=500,
        help_text=_('The last line before "QUYẾT ĐỊNH:", e.g. "Xét đề nghị của Công chức Văn hóa xã hội".'),
    )
    article1 = NFCTextField(_("Article 1 text"), max_length=1000)
    article2 = NFCTextField(
        _("Article 2 text"),
        max_length=10000,
        help_text=_("First line: the article's heading; then one paragraph per line."),
    )
    article3 = NFCTextField(
        _("Article 3 text"),
        max_length=3000,
        help_text=_("First line: the article's heading; then one paragraph per line."),
    )
    recipients = NFCTextField(_("recipients"), max_length=2000, help_text=_("One recipient per line."))
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=8)
    authority = models.CharField(_("authority"), max_length=10, choices=Authority.choices, default=Authority.CHAIRMAN)
    signs_for_committee = models.BooleanField(
        _('sign "TM. ỦY BAN NHÂN DÂN"'),
        default=True,
        help_text=_("Print the line on behalf of the committee above the signer's title."),
    )
    departure_reason = NFCTextField(
        _("reason for departing from the recommended composition"), max_length=2000, blank=True
    )

    class Meta(IssuedDocument.Meta):
        ordering = ["-year", "-number", "-created_at"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")


class DecisionPart(models.Model):
    """A row that belongs to a decision and freezes with it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_frozen(self):
        if self.decision_id and Decision.objects.filter(pk=self.decision_id, status="issued").exists():
            raise ImmutableError(Decision.immutable_message)


class DecisionMember(DecisionPart):
    """One line of Điều 1: the composition the decision gives the team."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="members", verbose_name=_("decision"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="decision_lines", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = NFCCharField(
        _("position as printed"),
        max_length=200,
        blank=True,
        help_text=_("Defaults to the person's position."),
    )

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("member in the decision")
        verbose_name_plural = _("members in the decision")

    def __str__(self):
        return f"{self.person} - {self.get_role_display()}"

    def save(self, *args, **kwargs):
        if not self.position and self.person_id:
            self.position = self.person.position
        super().save(*args, **kwargs)

    def clean(self):
        if self.person_id and self.decision_id and self.person.commune_id != self.decision.commune_id:
            raise ValidationError({"person": _("This person is kept by another commune.")})


class DecisionBasis(DecisionPart):
    """A legal basis cited by a decision, in the decision's order."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="bases", verbose_name=_("decision"))
    basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, related_name="+", verbose_name=_("legal basis"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["decision", "basis__rank", "order", "id"]
        verbose_name = _("cited legal basis")
        verbose_name_plural = _("cited legal bases")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "basis"],
                name="decision_basis_once",
                violation_error_message=_("This legal basis is already cited."),
            ),
        ]

    def __str__(self):
        return str(self.basis)


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


class DecisionEvent(DocumentEvent):
    """A decision's trail."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events", verbose_name=_("decision"))

    class Meta(DocumentEvent.Meta):
        ordering = ["decision", "at", "id"]
        verbose_name = _("decision event")
        verbose_name_plural = _("decision events")
