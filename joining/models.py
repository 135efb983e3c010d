"""Applications to join a village team and requests to leave it (plan 246/KH-UBND, 3.1.d).

A request only prepares a change: the team's membership changes when the amending
decision ("Quyết định kiện toàn") the clerk drafts from it is issued. So a request stores
the steps before that decision (recorded, recommended or proposed, approved or rejected)
and a link to the decision; "drafted" and "done" are read from the decision's status,
never stored, so that they cannot disagree with it.

An applicant is not a ``teams.Person`` until the chairman approves: the application keeps
what the clerk wrote down, and approval creates the person (or reuses the one already
recorded under the same name, birth year and village).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.text import NFCCharField, NFCTextField
from teams.models import Collaborator, Commune, Membership, Person, PhoneField, Team, Village, phone_validator


class Stage(models.TextChoices):
    """Where a request stands. The last two are read from its decision, not stored."""

    SUBMITTED = "submitted", _("submitted")
    RECOMMENDED = "recommended", _("recommended")
    PROPOSED = "proposed", _("proposed by the team leader")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    COLLABORATOR = "collaborator", _("joined the collaborator group")
    DRAFTED = "drafted", _("amending decision drafted")
    DONE = "done", _("done: the decision is issued")


CLOSED = {Stage.REJECTED, Stage.COLLABORATOR, Stage.DONE}


def _choices(*stages: Stage) -> list[tuple[str, str]]:
    return [(stage.value, stage.label) for stage in stages]


class TeamRequest(models.Model):
    """What both kinds of request share: the team, who recorded it, the chairman's answer
    and the amending decision drafted from it."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or rejected by"),
    )
    decided_at = models.DateTimeField(_("approved or rejected at"), null=True, blank=True)
    decision_comment = NFCTextField(_("chairman's comment"), max_length=2000, blank=True)
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("amending decision"),
        help_text=_("Drafted by the clerk once the request is approved."),
    )

    class Meta:
        abstract = True

    @property
    def stage(self) -> Stage:
        if self.decision_id is not None:
            return Stage.DONE if self.decision.is_issued else Stage.DRAFTED
        return Stage(self.status)

    def get_stage_display(self) -> str:
        return self.stage.label

    @property
    def is_closed(self) -> bool:
        return self.stage in CLOSED

    def clean(self):
        if self.team_id and self.commune_id and self.team.commune_id != self.commune_id:
            raise ValidationError({"team": _("This team belongs to another commune.")})


class JoinApplication(TeamRequest):
    """A resident's application to join their village team, recorded by the clerk."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=_choices(Stage.SUBMITTED, Stage.RECOMMENDED, Stage.APPROVED, Stage.REJECTED, Stage.COLLABORATOR),
        default=Stage.SUBMITTED,
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="+", verbose_name=_("village of residence or work")
    )
    full_name = NFCCharField(_("full name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=6, choices=Person.Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    phone = PhoneField(_("phone"), max_length=20, validators=[phone_validator])
    phone_consent = models.BooleanField(
        _("consents to the storing of their phone number"),
        help_text=_("The team shares its members' phones in its Zalo group."),
    )
    position = NFCCharField(
        _("occupation or position"),
        max_length=200,
        blank=True,
        help_text=_('As a decision would print it after the name, e.g. "Giáo viên", "Người dân".'),
    )
    motivation = NFCTextField(_("motivation"), max_length=2000)

    recommended_by_name = NFCCharField(
        _("recommended by"),
        max_length=300,
        blank=True,
        help_text=_("Name and role of who recommends: the commune team leader and the village team."),
    )
    recommendation_note = NFCTextField(_("recommendation"), max_length=2000, blank=True)
    recommended_at = models.DateTimeField(_("recommendation recorded at"), null=True, blank=True)
    recommendation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommendation recorded by"),
    )

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="join_applications",
        verbose_name=_("person"),
        help_text=_("Created or found when the application is approved."),
    )
    collaborator = models.ForeignKey(
        Collaborator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collaborator entry"),
        help_text=_("When the team was full: the applicant joined its collaborator group."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application to join a team")
        verbose_name_plural = _("applications to join a team")
        constraints = [
            models.CheckConstraint(
                condition=Q(phone_consent=True),
                name="join_application_phone_consent",
                violation_error_message=_(
                    "The applicant's consent to store their phone number is required: nothing was stored."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.full_name} → {self.team}"

    @property
    def salutation(self) -> str:
        return "Bà" if self.gender == Person.Gender.FEMALE else "Ông"

    def clean(self):
        super().clean()
        if self.village_id and self.commune_id and self.village.commune_id != self.commune_id:
            raise ValidationError({"village": _("This village belongs to another commune.")})
        if self.birth_year and self.birth_year > datetime.date.today().year:
            raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})
        if not self.phone_consent:
            raise ValidationError(
                {
                    "phone_consent": _(
                        "The applicant's consent to store their phone number is required: nothing was stored."
                    )
                }
            )


class LeaveRequest(TeamRequest):
    """A member's request to leave their team, recorded by the clerk."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=_choices(Stage.SUBMITTED, Stage.PROPOSED, Stage.APPROVED, Stage.REJECTED),
        default=Stage.SUBMITTED,
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="leave_requests", verbose_name=_("membership")
    )
    reason = NFCTextField(_("reason"), max_length=2000)

    proposed_by_name = NFCCharField(
        _("proposed by"),
        max_length=300,
        blank=True,
        help_text=_("Name of the village team leader who proposes the departure."),
    )
    proposal_note = NFCTextField(_("proposal"), max_length=2000, blank=True)
    proposed_at = models.DateTimeField(_("proposal recorded at"), null=True, blank=True)
    proposal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposal recorded by"),
    )
    replacement = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replacement"),
        help_text=_("Who takes the seat in the amending decision."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request to leave a team")
        verbose_name_plural = _("requests to leave a team")

    def __str__(self):
        return f"{self.membership.person} ← {self.team}"

    def clean(self):
        super().clean()
        if self.membership_id and self.team_id and self.membership.team_id != self.team_id:
            raise ValidationError({"membership": _("This membership belongs to another team.")})
