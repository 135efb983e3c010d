"""Decisions, their parts, the number sequences and the outgoing register.

An issued decision is a legal document: it copies onto itself everything it prints
(``snapshot``) and stores its PDF once, named by its SHA-256 (``storage.py``), so that a later rename of the
commune or of a person never changes it. ``save()``, ``delete()`` and the queryset's
``update()``/``delete()`` refuse to touch an issued decision: a correction is a new one.
``IssuedDocument`` holds this once, for the decision and the commune's report alike.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentEvent, DocumentType, ImmutableError, IssuedDocument
from lib.text import NFCCharField, NFCTextField
from teams.models import Commune, Person, Role, Team


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
    in_force_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Empty: in force since before tungAnh.")
    )
    in_force_until = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The day it was replaced or ceased to apply (a district's plan: 1 July 2025). Empty: in force."),
    )

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True)
                | Q(in_force_until__isnull=True)
                | Q(in_force_from__lt=models.F("in_force_until")),
                name="legalbasis_dates_in_order",
                violation_error_message=_("A legal basis ceases to apply after it comes into force."),
            ),
        ]

    def __str__(self):
        return self.citation[:120]

    @classmethod
    def in_force_on(cls, day) -> Q:
        return (Q(in_force_from__isnull=True) | Q(in_force_from__lte=day)) & (
            Q(in_force_until__isnull=True) | Q(in_force_until__gt=day)
        )


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
    # An amendment's says who leaves, who joins and whose role changes (decisions.amendment).
    article1 = NFCTextField(_("Article 1 text"), max_length=5000)
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

    def later_documents(self) -> list[tuple[IssuedDocument, str]]:
        """The decisions on the same team issued after this one: an amending decision
        ("kiện toàn", which gives the team a new Điều 1) amends it, a dissolution ends it.
        The team is the link (after the 2025 reform the later one may be the new commune's)."""
        if not self.is_issued:
            return []
        relation = {
            self.Kind.AMEND: _("amended (kiện toàn) by"),
            self.Kind.DISSOLVE: _("ended by the team's dissolution"),
            self.Kind.ESTABLISH: _("replaced by"),
        }
        later = (
            Decision.objects.filter(team_id=self.team_id, status=self.Status.ISSUED, issued_on__gte=self.issued_on)
            .exclude(pk=self.pk)
            .select_related("commune")
            .order_by("issued_on", "year", "number", "pk")
        )
        return [(decision, relation[decision.kind]) for decision in later if decision.issued_after(self)]


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


class DecisionEvent(DocumentEvent):
    """A decision's trail."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events", verbose_name=_("decision"))

    class Meta(DocumentEvent.Meta):
        ordering = ["decision", "at", "id"]
        verbose_name = _("decision event")
        verbose_name_plural = _("decision events")
