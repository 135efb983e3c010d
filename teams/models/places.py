"""Places: provinces, districts, communes and their villages, each in the official list it belongs to.

Vietnam's lists of administrative units change: on 1 July 2025 the three-tier list
(province > district > commune) gave way to two tiers, and new communes reuse old codes
(Xã Đức Thọ took the code 18229 of Thị trấn Đức Thọ). A coded place is therefore
identified by its list *and* its code; each list says when it was in force.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import NFCCharField, NFCTextField


class Place(models.Model):
    """What every place has: a name and the type word documents print before it."""

    name = NFCCharField(_("name"), max_length=100)
    type_word = NFCCharField(_("type"), max_length=30)

    class Meta:
        abstract = True

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """As printed in running text: "xã Tùng Ảnh", "thôn Đông Thái"."""
        return f"{self.type_word} {self.name}"

    @property
    def title_name(self) -> str:
        """As printed at the start of a line: "Xã Tùng Ảnh"."""
        return f"{self.type_word[:1].upper()}{self.type_word[1:]} {self.name}"


class PlaceList(models.Model):
    """An official list of administrative units and the dates it was in force.

    ``in_force_until`` is exclusive: the day the next list took over. An unknown start
    (the three-tier list, in force long before its 2025 edition) is left empty.
    """

    key = models.SlugField(_("key"), max_length=20, unique=True, help_text=_('The edition\'s date, e.g. "2025-07-01".'))
    name = NFCCharField(_("name"), max_length=200)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_until = models.DateField(_("in force until"), null=True, blank=True)
    has_districts = models.BooleanField(_("has a district tier"), default=True)
    source = NFCTextField(_("source"), max_length=2000, blank=True)

    class Meta:
        ordering = [models.F("in_force_from").asc(nulls_first=True), "key"]
        verbose_name = _("list of administrative units")
        verbose_name_plural = _("lists of administrative units")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_force_from__isnull=True)
                | models.Q(in_force_until__isnull=True)
                | models.Q(in_force_from__lt=models.F("in_force_until")),
                name="placelist_dates_in_order",
                violation_error_message=_("A list ends after it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def in_force_on(self, day) -> bool:
        return (self.in_force_from is None or self.in_force_from <= day) and (
            self.in_force_until is None or day < self.in_force_until
        )


class CodedPlaceQuerySet(models.QuerySet):
    def by_code(self, code: int, *, on: datetime.date | None = None):
        """The place with this code in the list in force on ``on`` (today), else in the latest list
        that has it; ``None`` if no list loaded has it."""
        on = on or datetime.date.today()
        places = list(self.filter(code=code).select_related("place_list"))
        places.sort(key=lambda p: (p.place_list.in_force_on(on), p.place_list.in_force_from or datetime.date.min))
        return places[-1] if places else None


class CodedPlace(Place):
    """A place of an official list: its code is unique within that list only."""

    place_list = models.ForeignKey(
        PlaceList, on_delete=models.PROTECT, related_name="+", verbose_name=_("list of administrative units")
    )
    code = models.PositiveIntegerField(
        _("official code"),
        help_text=_("Code in the national list of administrative units."),
    )

    objects = CodedPlaceQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["place_list", "code"],
                name="%(class)s_code_unique_in_list",
                violation_error_message=_("This list already has a place with this code."),
            ),
        ]


class Province(CodedPlace):
    class Type(models.TextChoices):
        PROVINCE = "tỉnh", _("province (tỉnh)")
        CITY = "thành phố", _("centrally governed city (thành phố)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.PROVINCE)

    class Meta(CodedPlace.Meta):
        ordering = [vietnamese("name")]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class District(CodedPlace):
    """The district tier, optional since 1 July 2025 but kept for history."""

    class Type(models.TextChoices):
        DISTRICT = "huyện", _("rural district (huyện)")
        URBAN = "quận", _("urban district (quận)")
        TOWN = "thị xã", _("town (thị xã)")
        CITY = "thành phố", _("provincial city (thành phố)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.DISTRICT)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )

    class Meta(CodedPlace.Meta):
        ordering = [vietnamese("province__name"), vietnamese("name")]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Commune(CodedPlace):
    class Type(models.TextChoices):
        COMMUNE = "xã", _("commune (xã)")
        WARD = "phường", _("ward (phường)")
        TOWNSHIP = "thị trấn", _("township (thị trấn)")
        SPECIAL = "đặc khu", _("special zone (đặc khu)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.COMMUNE)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Leave empty where the province has no district tier (since July 2025)."),
    )
    governing_body = NFCCharField(
        _("governing body line"),
        max_length=200,
        blank=True,
        help_text=_('Printed above the issuing body in document headers, e.g. "UBND HUYỆN ĐỨC THỌ". Usually empty.'),
    )
    ceased_on = models.DateField(
        _("ceased on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day a reform of administrative units merged or split this commune away."),
    )
    body_abbreviation = NFCCharField(
        _("issuing body abbreviation"),
        max_length=20,
        default="UBND",
        help_text=_('The part after the type in a document symbol: "QĐ-UBND".'),
    )

    class Meta(CodedPlace.Meta):
        ordering = [vietnamese("province__name"), vietnamese("name")]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    @property
    def began_on(self) -> datetime.date | None:
        """The day its list came into force (a commune formed by the 2025 reform: 1 July 2025)."""
        return self.place_list.in_force_from

    def exists_on(self, day: datetime.date) -> bool:
        return (self.began_on is None or self.began_on <= day) and (self.ceased_on is None or day < self.ceased_on)

    def clean(self):
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("This district belongs to another province.")})
        if self.province_id and self.place_list_id and self.province.place_list_id != self.place_list_id:
            raise ValidationError({"province": _("This province belongs to another list of administrative units.")})


# More households than the largest residential group has: a typing slip (an extra zero).
VILLAGE_HOUSEHOLDS_MAX = 100_000


class Village(Place):
    class Type(models.TextChoices):
        VILLAGE = "thôn", _("village (thôn)")
        HAMLET = "xóm", _("hamlet (xóm)")
        BAN = "bản", _("mountain village (bản)")
        RESIDENTIAL_GROUP = "tổ dân phố", _("residential group (tổ dân phố)")
        QUARTER = "khu phố", _("quarter (khu phố)")
        AP = "ấp", _("hamlet (ấp)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.VILLAGE)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages", verbose_name=_("commune"))
    households = models.PositiveIntegerField(
        # Not "households": that msgid is the indicator's unit ("hộ"); the label reads "số hộ".
        _("number of households"),
        null=True,
        blank=True,
        validators=[
            MaxValueValidator(
                VILLAGE_HOUSEHOLDS_MAX,
                message=_("A village has at most %(limit_value)s households: check the figure."),
            )
        ],
        help_text=_(
            "The number of households in the village, if known. The teams' reports are checked against it: "
            "a team cannot report more households guided to a digital address than the village has."
        ),
    )

    ceased_on = models.DateField(
        _("ceased on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day the village was merged into another (a VillageChange says into which)."),
    )

    class Meta:
        ordering = [vietnamese("commune__name"), vietnamese("name")]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "type_word", "name"],
                name="village_unique_in_commune",
                violation_error_message=_("This commune already has a village of that name."),
            ),
        ]

    def clean(self):
        # Read from the database: a form has already copied what was typed onto this instance.
        if self.pk and Village.objects.filter(pk=self.pk, ceased_on__isnull=False).exists():
            raise ValidationError(_("This village was merged into another: its history can be read, not changed."))
