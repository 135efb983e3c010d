"""A reorganisation of administrative units, applied as a dated event that keeps all history.

A ``Reform`` is one province's part of a change from one official list to the next (the
1 July 2025 reform: Hà Tĩnh by Resolution 1665/NQ-UBTVQH15). Each new commune names the
old communes it was formed from (``Succession``, whole or part). What a whole predecessor
kept passes to its successor on the reform's date; the villages of a predecessor split
between several new communes wait to be assigned (``VillageMove`` with no commune yet).
Old communes, their documents and their names stay as they were: history is not rewritten.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.text import NFCTextField

from .places import Commune, PlaceList, Province, Village


class Reform(models.Model):
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="reforms",
        verbose_name=_("province"),
        help_text=_("The province as the new list names it."),
    )
    from_list = models.ForeignKey(
        PlaceList, on_delete=models.PROTECT, related_name="+", verbose_name=_("list before the reform")
    )
    to_list = models.ForeignKey(PlaceList, on_delete=models.PROTECT, related_name="+", verbose_name=_("list after"))
    effective_on = models.DateField(_("in force from"))
    legal_basis = NFCTextField(_("legal basis"), max_length=1000)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )

    class Meta:
        ordering = ["-effective_on", "province__name"]
        verbose_name = _("reform of administrative units")
        verbose_name_plural = _("reforms of administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "to_list"],
                name="reform_once_per_province_and_list",
                violation_error_message=_("This reform has already been applied to this province."),
            ),
        ]

    def __str__(self):
        return f"{self.province.title_name}: {self.effective_on:%d/%m/%Y} ({self.legal_basis})"


class Succession(models.Model):
    """A new commune formed from an old one: the whole of it, or part of it."""

    reform = models.ForeignKey(Reform, on_delete=models.PROTECT, related_name="successions", verbose_name=_("reform"))
    successor = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="predecessor_links", verbose_name=_("new commune")
    )
    predecessor = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="successor_links", verbose_name=_("old commune")
    )
    whole = models.BooleanField(_("the whole old commune"))

    class Meta:
        ordering = ["successor__name", "predecessor__name"]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["successor", "predecessor"],
                name="succession_once",
                violation_error_message=_("This new commune already names this old one."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("predecessor")),
                name="succession_not_itself",
                violation_error_message=_("A commune does not succeed itself."),
            ),
        ]

    def __str__(self):
        how = _("whole") if self.whole else _("part")
        return f"{self.successor.title_name} ← {self.predecessor.title_name} ({how})"


class VillageMove(models.Model):
    """A village passing from one commune to another on a date: by a reform, or to be assigned.

    A move with no ``to_commune`` is a village of a split commune waiting for the province
    to say which new commune it belongs to; assigning it fills ``to_commune``.
    """

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="moves", verbose_name=_("village"))
    from_commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="+", verbose_name=_("from commune")
    )
    to_commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("to commune")
    )
    on = models.DateField(_("on"))
    reform = models.ForeignKey(Reform, on_delete=models.PROTECT, related_name="village_moves", verbose_name=_("reform"))
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )

    class Meta:
        ordering = ["on", "village__name"]
        verbose_name = _("village move")
        verbose_name_plural = _("village moves")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "reform"],
                name="village_moves_once_per_reform",
                violation_error_message=_("This village has already moved in this reform."),
            ),
        ]

    def __str__(self):
        target = self.to_commune.title_name if self.to_commune_id else _("to assign")
        return f"{self.village.title_name}: {self.from_commune.title_name} → {target}"
