"""Places: provinces, districts, communes and their villages."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.text import NFCCharField


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


class CodedPlace(Place):
    code = models.PositiveIntegerField(
        _("official code"),
        unique=True,
        help_text=_("Code in the national list of administrative units."),
    )

    class Meta:
        abstract = True


class Province(CodedPlace):
    class Type(models.TextChoices):
        PROVINCE = "tỉnh", _("province (tỉnh)")
        CITY = "thành phố", _("centrally governed city (thành phố)")

    type_word = NFCCharField(_("type"), max_length=30, choices=Type.choices, default=Type.PROVINCE)

    class Meta:
        ordering = ["name"]
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

    class Meta:
        ordering = ["province__name", "name"]
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
    body_abbreviation = NFCCharField(
        _("issuing body abbreviation"),
        max_length=20,
        default="UBND",
        help_text=_('The part after the type in a document symbol: "QĐ-UBND".'),
    )

    class Meta:
        ordering = ["province__name", "name"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def clean(self):
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError({"district": _("This district belongs to another province.")})


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

    class Meta:
        ordering = ["commune__name", "name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "type_word", "name"],
                name="village_unique_in_commune",
                violation_error_message=_("This commune already has a village of that name."),
            ),
        ]
