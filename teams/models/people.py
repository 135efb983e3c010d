"""People a commune keeps, and their phone numbers."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.collation import vietnamese
from lib.text import NFCCharField, fold, normalise_phone

from .places import Commune, Village

phone_validator = RegexValidator(
    regex=r"^(0[0-9]{9,10}|\+84[0-9]{9,10})$",  # ASCII digits: "\d" also takes "٩"
    message=_("Enter a Vietnamese phone number such as 0912345678 or +84912345678."),
)


class PhoneField(models.CharField):
    """A Vietnamese phone number, stored without the separators people type."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class Person(models.Model):
    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    class Office(models.TextChoices):
        """What a person does, as far as the recommended team composition cares."""

        CHAIRMAN = "chairman", _("Chairman of the commune People's Committee")
        VICE_CHAIRMAN = "vice_chairman", _("Vice-chairman of the commune People's Committee")
        YOUTH_UNION_SECRETARY = "youth_secretary", _("Youth Union secretary of the commune")
        YOUTH_UNION_DEPUTY = "youth_deputy", _("Youth Union deputy secretary of the commune")
        IT_OFFICER = "it_officer", _("Dedicated IT officer")
        CULTURE_OFFICER = "culture_officer", _("Culture and social affairs officer")
        OFFICE_CLERK = "office_clerk", _("Office clerk")
        VILLAGE_HEAD = "village_head", _("Village head / residential group head")
        PARTY_CELL_SECRETARY = "party_cell_secretary", _("Party cell secretary")
        YOUTH_BRANCH_SECRETARY = "youth_branch_secretary", _("Youth Union branch secretary")
        POLICE = "police", _("Commune police")
        TEACHER = "teacher", _("Teacher")
        HEALTH_WORKER = "health_worker", _("Health worker")
        TELECOM = "telecom", _("Post, telecom or IT staff")
        STUDENT = "student", _("Upper secondary student")
        RESIDENT = "resident", _("Resident")
        OTHER = "other", _("Other")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="people", verbose_name=_("commune"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("village of residence or work"),
    )
    full_name = NFCCharField(_("full name"), max_length=100)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    phone = PhoneField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    position = NFCCharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_('As documents print it, e.g. "Phó Chủ tịch UBND", "Bí thư Chi đoàn TN".'),
    )
    office = models.CharField(_("office"), max_length=30, choices=Office.choices, default=Office.OTHER)
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    class Meta:
        ordering = [vietnamese("full_name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.full_name)[:100]
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def salutation(self) -> str:
        """Ông or Bà, from the recorded gender (never from what a typist wrote)."""
        return "Bà" if self.gender == self.Gender.FEMALE else "Ông"

    def clean(self):
        if self.village_id and self.commune_id and self.village.commune_id != self.commune_id:
            raise ValidationError({"village": _("This village belongs to another commune.")})
        if self.birth_year and self.birth_year > datetime.date.today().year:
            raise ValidationError({"birth_year": _("The birth year cannot be in the future.")})
