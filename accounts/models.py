"""Officials: a login's role and the place it may see."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teams.models import Commune, District, Person, Province


class Official(models.Model):
    """A login's role and the place it may see: a commune, a whole district (the years before
    the 2025 reform), a whole province with its history, or every province (read-only)."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("commune clerk")
        CHAIRMAN = "chairman", _("commune chairman")
        VICE_CHAIRMAN = "vice_chairman", _("commune vice-chairman")
        TEAM_LEADER = "team_leader", _("team leader")
        DISTRICT_OFFICER = "district_officer", _("district officer")
        PROVINCE_OFFICER = "province_officer", _("province officer")
        NATIONAL_OFFICER = "national_officer", _("national officer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="officials", verbose_name=_("commune")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("district"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("province"),
        help_text=_("For a province officer: the province as the list in force names it."),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
        verbose_name=_("person"),
        help_text=_("For a chairman or vice-chairman: the name printed under the signature."),
    )

    class Meta:
        db_table = "teams_official"
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="district_officer", district__isnull=False, province__isnull=True)
                | Q(role="province_officer", province__isnull=False, commune__isnull=True, district__isnull=True)
                | Q(role="national_officer", commune__isnull=True, district__isnull=True, province__isnull=True)
                | (
                    ~Q(role__in=["district_officer", "province_officer", "national_officer"])
                    & Q(commune__isnull=False, province__isnull=True)
                ),
                name="official_has_a_scope",
                violation_error_message=_(
                    "A district officer needs a district, a province officer a province, a national officer no "
                    "place; a commune official needs a commune."
                ),
            ),
            # Official.Role's values (Meta cannot see the class's own names).
            models.CheckConstraint(
                condition=Q(
                    role__in=[
                        "clerk",
                        "chairman",
                        "vice_chairman",
                        "team_leader",
                        "district_officer",
                        "province_officer",
                        "national_officer",
                    ]
                ),
                name="official_role_valid",
                violation_error_message=_(
                    "An official is a commune clerk, chairman, vice-chairman, team leader, district officer, "
                    "province officer or national officer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def signs(self) -> bool:
        return self.role in {self.Role.CHAIRMAN, self.Role.VICE_CHAIRMAN}

    @property
    def place(self):
        """The place the login's reach is named after: its commune, district or province (None: national)."""
        return self.commune or self.district or self.province

    def clean(self):
        needed = NEEDS.get(self.role, "commune")
        places = {"commune": self.commune_id, "district": self.district_id, "province": self.province_id}
        if needed is not None and not places[needed]:
            raise ValidationError({needed: MISSING[needed]})
        if self.province_id and self.role != self.Role.PROVINCE_OFFICER:
            raise ValidationError({"province": _("Only a province officer is given a province.")})
        if self.role in {self.Role.PROVINCE_OFFICER, self.Role.NATIONAL_OFFICER}:
            for field in ("commune", "district"):
                if places[field]:
                    raise ValidationError({field: _("A province or national officer is given no commune or district.")})


# The place each role's reach is named by (None: every place); any other role needs a commune.
NEEDS = {
    Official.Role.DISTRICT_OFFICER: "district",
    Official.Role.PROVINCE_OFFICER: "province",
    Official.Role.NATIONAL_OFFICER: None,
}
MISSING = {
    "commune": _("A commune official needs a commune."),
    "district": _("A district officer needs a district."),
    "province": _("A province officer needs a province."),
}
