"""Plans: a commune's rollout plan, its phases, and the team composition it sets.

A plan (Kế hoạch, e.g. 246/KH-UBND) sets the rollout in phases, each with a cumulative
coverage target (``reports.selectors.plan_progress`` measures the teams established
against it), and says what a team is: its name ("Tổ chuyển đổi số cộng đồng" in 2022,
"Tổ công nghệ số cộng đồng" where a later plan says so) and, per level, how many members
it has, whether it needs a deputy, and the composition it recommends. Provinces set team
sizes since 2025 (3 in plan 246; up to 10 for a commune team and 5 for a village team in
some provinces), so the numbers are data, read by ``teams.plans`` on a decision's date.

The tables keep the names they had in ``reports`` (``reports_plan``, ``reports_phase``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import NFCCharField, NFCTextField

from .people import Person
from .places import Commune

# The most seats any plan may give a team: a bound on typing errors, not a rule of a plan.
SEATS_MAX = 30
TEAM_NAME_2022 = "Tổ chuyển đổi số cộng đồng"


class Plan(models.Model):
    """A commune's rollout plan, as issued ("246/KH-UBND" of 03/10/2022)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="plans", verbose_name=_("commune"))
    number_symbol = NFCCharField(
        _("number and symbol"), max_length=30, help_text=_('As printed after "Số:", e.g. "246/KH-UBND".')
    )
    issued_on = models.DateField(_("issued on"))
    subject = NFCCharField(_("subject"), max_length=500)
    team_name = NFCCharField(
        _("name of a team"),
        max_length=100,
        default=TEAM_NAME_2022,
        help_text=_('As the plan names a team, before its place: "Tổ chuyển đổi số cộng đồng".'),
    )

    class Meta:
        db_table = "reports_plan"
        ordering = [vietnamese("commune__name"), "-issued_on", "pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "number_symbol", "issued_on"],
                name="plan_unique_number_and_date",
                violation_error_message=_("This commune already has a plan with this number and date."),
            ),
        ]

    def __str__(self):
        return f"Kế hoạch số {self.number_symbol} ngày {self.issued_on:%d/%m/%Y}"


class Phase(models.Model):
    """One step of a plan's timetable and what must be covered by its end.

    The village counts are cumulative (villages with a team by the end of the phase, the
    earlier phases' included). A phase with no target (the closing evaluation) has no
    commune team requirement and no village minimum.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases", verbose_name=_("plan"))
    order = models.PositiveSmallIntegerField(_("order"))
    label = NFCCharField(_("label"), max_length=100, help_text=_('E.g. "Giai đoạn 1".'))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    commune_team_required = models.BooleanField(_("commune team required"), default=False)
    villages_min = models.PositiveSmallIntegerField(
        _("villages covered, at least"),
        null=True,
        blank=True,
        help_text=_("Villages with a team by the end of the phase, earlier phases included. Empty: no target."),
    )
    villages_max = models.PositiveSmallIntegerField(
        _("villages covered, at most"),
        null=True,
        blank=True,
        help_text=_("The upper end of the plan's range, earlier phases included."),
    )
    note = NFCTextField(_("note"), max_length=1000, blank=True)

    class Meta:
        db_table = "reports_phase"
        ordering = ["plan", "order"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "order"],
                name="phase_unique_order",
                violation_error_message=_("This plan already has a phase in this position."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(villages_max__isnull=True)
                | Q(villages_min__isnull=True)
                | Q(villages_max__gte=F("villages_min")),
                name="phase_range_in_order",
                violation_error_message=_("The most villages cannot be fewer than the fewest."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.starts_on:%d/%m/%Y} - {self.ends_on:%d/%m/%Y})"

    @property
    def has_target(self) -> bool:
        return self.commune_team_required or self.villages_min is not None


def _offices(value) -> list[str]:
    """``value`` as a list of Person.Office values, or a ValidationError naming the stray one."""
    if not isinstance(value, list) or not all(isinstance(office, str) for office in value):
        raise ValidationError(_("Give a list of offices."))
    unknown = [office for office in value if office not in Person.Office.values]
    if unknown:
        raise ValidationError(_("Not an office: %(office)s.") % {"office": unknown[0]})
    return value


class TeamComposition(models.Model):
    """What a plan asks of a team of one level: its size, its deputies, its recommended members.

    A level a plan does not describe keeps plan 246's composition (``teams.plans``). The
    recommendation is advisory: a decision may depart from it with a written reason.
    """

    # Team.Level's values (Meta cannot see another model's class attributes here).
    LEVELS = [("commune", _("commune team")), ("village", _("village team"))]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="compositions", verbose_name=_("plan"))
    level = models.CharField(_("level"), max_length=10, choices=LEVELS)
    members_min = models.PositiveSmallIntegerField(
        _("members, at least"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(SEATS_MAX)],
        help_text=_("The leader counts: a team has at least one member."),
    )
    members_max = models.PositiveSmallIntegerField(
        _("members, at most"), default=3, validators=[MinValueValidator(1), MaxValueValidator(SEATS_MAX)]
    )
    deputy_required = models.BooleanField(_("a deputy is required"), default=False)
    deputies_max = models.PositiveSmallIntegerField(
        _("deputies, at most"), default=1, validators=[MaxValueValidator(SEATS_MAX - 1)]
    )
    leader_offices = models.JSONField(
        _("recommended offices of the leader"),
        default=list,
        blank=True,
        help_text=_("The leader is recommended to hold one of these offices. Empty: no recommendation."),
    )
    deputy_offices = models.JSONField(
        _("recommended offices of a deputy"),
        default=list,
        blank=True,
        help_text=_("A deputy is recommended to hold one of these offices. Empty: no recommendation."),
    )
    member_offices = models.JSONField(
        _("recommended members"),
        default=list,
        blank=True,
        help_text=_(
            "Groups of offices; for each group, the team is recommended to include someone besides the leader "
            'who holds one of them, e.g. [["youth_secretary", "youth_deputy"], ["it_officer"]].'
        ),
    )

    class Meta:
        ordering = ["plan", "level"]
        verbose_name = _("team composition")
        verbose_name_plural = _("team compositions")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "level"],
                name="teamcomposition_once_per_level",
                violation_error_message=_("This plan already sets the composition of this level."),
            ),
            models.CheckConstraint(
                condition=Q(level__in=["commune", "village"]),
                name="teamcomposition_level_valid",
                violation_error_message=_("A team is a commune team or a village team."),
            ),
            models.CheckConstraint(
                condition=Q(members_min__gte=1, members_max__lte=SEATS_MAX, members_max__gte=F("members_min")),
                name="teamcomposition_size_in_order",
                violation_error_message=_(
                    "The most members cannot be fewer than the fewest, and a team has at least its leader."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deputies_max__lt=F("members_max")),
                name="teamcomposition_room_for_the_leader",
                violation_error_message=_("A team has a leader: it cannot have as many deputies as members."),
            ),
            models.CheckConstraint(
                condition=Q(deputy_required=False) | Q(deputies_max__gte=1, members_min__gte=2),
                name="teamcomposition_required_deputy_fits",
                violation_error_message=_("A plan that requires a deputy allows one and at least two members."),
            ),
        ]

    def __str__(self):
        return f"{self.plan}: {self.get_level_display()}"

    def clean(self):
        errors = {}
        for name in ("leader_offices", "deputy_offices"):
            try:
                _offices(getattr(self, name))
            except ValidationError as exc:
                errors[name] = exc
        groups = self.member_offices
        try:
            if not isinstance(groups, list):
                raise ValidationError(_("Give a list of groups of offices."))
            for group in groups:
                if not _offices(group):
                    raise ValidationError(_("A group names at least one office."))
        except ValidationError as exc:
            errors["member_offices"] = exc
        if errors:
            raise ValidationError(errors)
