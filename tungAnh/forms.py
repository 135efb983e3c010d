"""Form fields that read numbers in ASCII digits only.

Django's IntegerField and ModelChoiceField turn "٣" (Arabic-Indic), "３" (full-width) or
"३" (Devanagari) into 3 with ``int()``: a number typed in another script's digits would be
read as a different one than the clerk sees, or pick another row. These fields refuse any
digit that is not 0-9 with the field's usual "invalid" message. ModelForms get them for
their number and foreign-key fields through ``Meta.formfield_callback = ascii_formfield``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


def has_foreign_digit(value) -> bool:
    return isinstance(value, str) and any(character.isdigit() and not character.isascii() for character in value)


class AsciiDigitsMixin:
    invalid_code = "invalid"

    def to_python(self, value):
        if has_foreign_digit(value):
            raise ValidationError(self.error_messages[self.invalid_code], code=self.invalid_code)
        return super().to_python(value)


class IntegerField(AsciiDigitsMixin, forms.IntegerField):
    pass


class ModelChoiceField(AsciiDigitsMixin, forms.ModelChoiceField):
    invalid_code = "invalid_choice"


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        if value and any(has_foreign_digit(item) for item in value):
            raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": ""})
        return super().clean(value)


def ascii_formfield(db_field, **kwargs):
    """A ModelForm's ``formfield_callback``: number and foreign-key fields read ASCII digits only."""
    if isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.IntegerField) and not db_field.choices and not db_field.primary_key:
        kwargs.setdefault("form_class", IntegerField)
    return db_field.formfield(**kwargs)
