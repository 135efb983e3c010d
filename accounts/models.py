"""Officials: a login's role and the place it may see."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from teams.models import Commune, District, Person


class Official(models.Model):
    """A login's role and the place it may see: a commune, or a whole district."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("commune clerk")
        CHAIRMAN = "chairman", _("commune chairman")
        VICE_CHAIRMAN = "vice_chairman", _("commune vice-chairman")
        TEAM_LEADER = "team_leader", _("team leader")
        DISTRICT_OFFICER = "district_officer", _("district officer")

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
                condition=Q(role="district_officer", district__isnull=False)
                | (~Q(role="district_officer") & Q(commune__isnull=False)),
                name="official_has_a_scope",
                violation_error_message=_("A district officer needs a district; a commune official needs a commune."),
            ),
            # Official.Role's values (Meta cannot see the class's own names).
            models.CheckConstraint(
                condition=Q(role__in=["clerk", "chairman", "vice_chairman", "team_leader", "district_officer"]),
                name="official_role_valid",
                violation_error_message=_(
                    "An official is a commune clerk, chairman, vice-chairman, team leader or district officer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"

    @property
    def signs(self) -> bool:
        return self.role in {self.Role.CHAIRMAN, self.Role.VICE_CHAIRMAN}

    def clean(self):
        if self.role == self.Role.DISTRICT_OFFICER and not self.district_id:
            raise ValidationError({"district": _("A district officer needs a district.")})
        if self.role != self.Role.DISTRICT_OFFICER and not self.commune_id:
            raise ValidationError({"commune": _("A commune official needs a commune.")})
