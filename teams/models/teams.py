"""Teams, their seats (memberships) and their collaborators.

The composition rules live in ``teams.rules``; the writes that must respect them go
through ``teams.services``. The database constraints below back the structural rules
so that no code path (a raw ``save()``, a script, two requests at once) can store two
active leaders, a fourth active seat or a person twice in one team.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import NFCCharField, NFCTextField

from .people import Person
from .places import Commune, Village
from .plans import SEATS_MAX, TEAM_NAME_2022


class Team(models.Model):
    class Level(models.TextChoices):
        COMMUNE = "commune", _("commune team")
        VILLAGE = "village", _("village team")

    class Status(models.TextChoices):
        FORMING = "forming", _("being set up")
        ACTIVE = "active", _("active")
        DISSOLVED = "dissolved", _("dissolved")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="teams", verbose_name=_("commune"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="teams",
        null=True,
        blank=True,
        verbose_name=_("village"),
        help_text=_("Empty for the commune-level team."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING)
    zalo_url = models.URLField(_("Zalo group link"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    dissolved_by_reform = models.ForeignKey(
        "teams.Reform",
        on_delete=models.PROTECT,
        related_name="teams_ended",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ended by reform"),
        help_text=_("Set when the team's commune ceased to exist in a reform of administrative units."),
    )
    designation = NFCCharField(
        _("name of a team"),
        max_length=100,
        default=TEAM_NAME_2022,
        editable=False,
        help_text=_("As the plan in force when the team was set up names a team, before its place."),
    )
    departure_reason = NFCTextField(
        _("reason for departing from the recommended composition"),
        max_length=2000,
        blank=True,
    )

    class Meta:
        ordering = [vietnamese("commune__name"), "level", vietnamese("village__name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="commune", village__isnull=True) | Q(level="village", village__isnull=False)),
                name="team_level_matches_village",
                violation_error_message=_("A village team names its village; the commune team names none."),
            ),
            # Meta cannot see the class's own names: the values of Level and Status, written out.
            models.CheckConstraint(
                condition=Q(level__in=["commune", "village"]),
                name="team_level_valid",
                violation_error_message=_("A team is a commune team or a village team."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["forming", "active", "dissolved"]),
                name="team_status_valid",
                violation_error_message=_("A team is being set up, active or dissolved."),
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(level="commune") & ~Q(status="dissolved"),
                name="team_one_live_commune_team",
                violation_error_message=_("This commune already has a commune team that is not dissolved."),
            ),
            models.UniqueConstraint(
                fields=["village"],
                condition=~Q(status="dissolved"),
                name="team_one_live_team_per_village",
                violation_error_message=_("This village already has a team that is not dissolved."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.level:
            self.level = self.Level.VILLAGE if self.village_id else self.Level.COMMUNE
        super().save(*args, **kwargs)

    @property
    def place(self):
        return self.village if self.village_id else self.commune

    @property
    def name(self) -> str:
        """ "Tổ chuyển đổi số cộng đồng thôn Đông Thái", in the words of the plan it was set up under."""
        return f"{self.designation} {self.place.full_name}"

    def clean(self):
        if self.village_id:
            self.level = self.Level.VILLAGE
            if self.commune_id and self.village.commune_id != self.commune_id:
                raise ValidationError({"village": _("This village belongs to another commune.")})
        else:
            self.level = self.Level.COMMUNE

    def active_memberships(self):
        return self.memberships.filter(end_date__isnull=True)

    def memberships_on(self, day: datetime.date):
        """The composition as it stood on ``day`` (end dates are exclusive)."""
        return self.memberships.filter(Q(end_date__isnull=True) | Q(end_date__gt=day), start_date__lte=day)


class Role(models.TextChoices):
    LEADER = "leader", _("leader (Tổ trưởng)")
    DEPUTY = "deputy", _("deputy (Tổ phó)")
    MEMBER = "member", _("member (Tổ viên)")


ROLE_PRINTED = {Role.LEADER: "Tổ trưởng", Role.DEPUTY: "Tổ phó", Role.MEMBER: "Tổ viên"}
ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}


class Membership(models.Model):
    """One person's seat in one team over a span of time.

    How many seats a team has, and how many deputies, is the plan's to say
    (``teams.plans``, ``teams.rules``); the database keeps what holds under every plan:
    one active leader, one active seat per person, seats numbered from 1.

    ``end_date`` is exclusive: the day the amending decision took effect. An ended
    membership is history and never changes again.

    ``started_by`` and ``ended_by`` point up, from teams to ``decisions``: the one
    upward edge of the layering, kept on purpose. A seat exists because a decision says
    so, and the seat names the decision that opened it and the one that closed it.
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("team"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    position = NFCCharField(
        _("position as printed"),
        max_length=200,
        blank=True,
        help_text=_("Printed after the name in the decision; defaults to the person's position."),
    )
    seat = models.PositiveSmallIntegerField(
        _("seat"),
        editable=False,
        validators=[MinValueValidator(1), MaxValueValidator(SEATS_MAX)],
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    started_by = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="memberships_started",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("started by decision"),
    )
    ended_by = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="memberships_ended",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ended by decision"),
    )
    # A commune team's seats end with its commune when a reform merges it away: the
    # resolution is their cause, not a decision of the commune.
    ended_by_reform = models.ForeignKey(
        "teams.Reform",
        on_delete=models.PROTECT,
        related_name="memberships_ended",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("ended by reform"),
    )

    class Meta:
        ordering = ["team", "end_date", "seat"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(seat__gte=1, seat__lte=SEATS_MAX),
                name="membership_seat_in_range",
                violation_error_message=_("A seat is numbered from 1 to 30."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message=_("A member is the leader, the deputy or a member of the team."),
            ),
            models.UniqueConstraint(
                fields=["team", "seat"],
                condition=Q(end_date__isnull=True),
                name="membership_one_active_per_seat",
                violation_error_message=_("This seat of the team is taken."),
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(end_date__isnull=True, role="leader"),
                name="membership_one_active_leader",
                violation_error_message=_("A team has exactly one leader (Tổ trưởng)."),
            ),
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(end_date__isnull=True),
                name="membership_person_once_per_team",
                violation_error_message=_("A person holds one role per team."),
            ),
        ]

    def __str__(self):
        return f"{self.person} - {self.get_role_display()} - {self.team}"

    def save(self, *args, **kwargs):
        if self.pk:
            stored_end = Membership.objects.filter(pk=self.pk).values_list("end_date", flat=True).first()
            if stored_end is not None:
                raise ValidationError(_("An ended membership is history and cannot be changed."))
        if not self.position and self.person_id:
            self.position = self.person.position
        if self.seat is None:
            self.seat = self._free_seat()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.end_date is not None or self.started_by_id:
            raise ValidationError(_("A membership that is part of the team's history cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.end_date is None

    @property
    def role_printed(self) -> str:
        return ROLE_PRINTED[self.role]

    def clean(self):
        if self.person_id and self.team_id and self.person.commune_id != self.team.commune_id:
            raise ValidationError({"person": _("This person is kept by another commune.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def _free_seat(self) -> int:
        taken = set(
            Membership.objects.filter(team_id=self.team_id, end_date__isnull=True)
            .exclude(pk=self.pk)
            .values_list("seat", flat=True)
        )
        free = [seat for seat in range(1, SEATS_MAX + 1) if seat not in taken]
        if not free:
            raise ValidationError(_("A team has at most %(seats)d members.") % {"seats": SEATS_MAX})
        return free[0]


class Collaborator(models.Model):
    """A volunteer beyond the three seats: the village's collaborator group."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="collaborators", verbose_name=_("team"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="collaborations", verbose_name=_("person")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = NFCCharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["team", vietnamese("person__full_name")]
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=Q(left_on__isnull=True),
                name="collaborator_once_per_team",
                violation_error_message=_("This person is already a collaborator of this team."),
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.team})"

    def clean(self):
        if self.team_id and self.team.level != Team.Level.VILLAGE:
            raise ValidationError({"team": _("Collaborator groups belong to village teams.")})
        if self.team_id and self.person_id and self.person.commune_id != self.team.commune_id:
            raise ValidationError({"person": _("This person is kept by another commune.")})
