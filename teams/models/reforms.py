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

from lib.collation import vietnamese
from lib.text import NFCCharField, NFCTextField

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
        ordering = ["-effective_on", vietnamese("province__name")]
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
        ordering = [vietnamese("successor__name"), vietnamese("predecessor__name")]
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
        ordering = ["on", vietnamese("village__name")]
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


class VillageChange(models.Model):
    """A village renamed, or merged into another of its commune, as a dated event.

    Since 2025 the commune's People's Council decides both (Law 72/2025/QH15); the
    resolution is the legal basis. The village keeps its row and its history: a rename
    records the name before and after, a merge records the village it went into, and the
    merged village ceases on that day. Never changed or deleted (integrity 0008).
    """

    class Kind(models.TextChoices):
        RENAME = "rename", _("renamed")
        MERGE = "merge", _("merged into another village")

    village = models.ForeignKey(Village, on_delete=models.PROTECT, related_name="changes", verbose_name=_("village"))
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("in force from"))
    old_type_word = NFCCharField(_("type before"), max_length=30)
    old_name = NFCCharField(_("name before"), max_length=100)
    new_type_word = NFCCharField(_("type after"), max_length=30, blank=True)
    new_name = NFCCharField(_("name after"), max_length=100, blank=True)
    merged_into = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    legal_basis = NFCTextField(
        _("legal basis"),
        max_length=1000,
        help_text=_('The council\'s resolution, e.g. "Nghị quyết số 05/NQ-HĐND ngày 20/3/2026 của HĐND xã".'),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["village", "on", "pk"]
        verbose_name = _("change of a village")
        verbose_name_plural = _("changes of villages")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="rename", merged_into__isnull=True) & ~Q(new_name="")
                | Q(kind="merge", merged_into__isnull=False, new_name=""),
                name="villagechange_kind_matches",
                violation_error_message=_("A rename gives the new name; a merge names the village it goes into."),
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("village")),
                name="villagechange_not_into_itself",
                violation_error_message=_("A village is not merged into itself."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.MERGE:
            return f"{self.old_type_word} {self.old_name} → {self.merged_into} ({self.on:%d/%m/%Y})"
        return f"{self.old_type_word} {self.old_name} → {self.new_type_word} {self.new_name} ({self.on:%d/%m/%Y})"

    @property
    def old_full_name(self) -> str:
        return f"{self.old_type_word} {self.old_name}"
