"""Form fields and helpers every app's forms use.

Text fields normalise to NFC and refuse what nobody can read (``NFCFormField``); filter
forms ignore a bad filter (``FilterForm``); ``add_model_errors`` puts a model or service
refusal next to its field.

Numbers are read in ASCII digits only.

Django's IntegerField and ModelChoiceField turn "٣" (Arabic-Indic), "３" (full-width) or
"३" (Devanagari) into 3 with ``int()``: a number typed in another script's digits would be
read as a different one than the clerk sees, or pick another row. These fields refuse any
digit that is not 0-9 with the field's usual "invalid" message. ModelForms get them for
their number and foreign-key fields through ``Meta.formfield_callback = ascii_formfield``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from lib import widgets
from lib.text import nfc, validate_readable


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


# Text, dates, filters and refusals ---------------------------------------------------------


class NFCFormField(forms.CharField):
    """Text normalised to NFC before its length is checked: "Dũng" typed decomposed
    counts (and is stored) as typed composed. Text a person cannot read back is refused,
    as the NFC model fields refuse it (``lib.text.validate_readable``)."""

    default_validators = [validate_readable]

    def to_python(self, value):
        return nfc(super().to_python(value))


class DateInput(forms.DateInput):
    """The browser's date picker, which posts and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_model_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a model or service refusal next to its field, or above the form when it has none."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class FilterForm(forms.Form):
    """A GET form of list filters: an invalid filter is ignored, the others still apply.

    Its selects are written in Python (``lib.widgets.Select``, the same HTML) and read
    their model choices with one plain query: they are rendered on every visit of a list page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widgets.use_python_selects(self)

    def value(self, name: str):
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)
