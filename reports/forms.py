"""Forms of the reports pages.

The report form is one number field per indicator of the report's set, short and
phone-friendly (a numeric keypad, the unit under each label). It checks only that each
field is a whole number; the rules (no negative count, nothing above the indicator's
maximum, no more households guided than the village has, a closed period) are
``reports.services``' to apply, and its refusals come back next to the field they concern
(``teams.forms.add_model_errors``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib import forms as ascii_forms
from lib.forms import NFCFormField


class NumericInput(forms.NumberInput):
    """A number field that opens the phone's numeric keypad."""

    def __init__(self, *, maximum: int):
        super().__init__(attrs={"inputmode": "numeric", "pattern": "[0-9]*", "min": 0, "max": maximum})


class TeamReportForm(forms.Form):
    note = NFCFormField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Difficulties, proposals, anything the commune should know."),
    )

    def __init__(
        self, *args, definitions: list, value_map: dict[str, int | None] | None = None, note: str = "", **kwargs
    ):
        # A new report starts empty: a field left empty is "not reported", a 0 is reported.
        initial = {**(value_map or {}), "note": note}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        note_field = self.fields.pop("note")
        self.codes = [indicator.code for indicator in definitions]
        for indicator in definitions:
            self.fields[indicator.code] = ascii_forms.IntegerField(
                label=indicator.label,
                # Checked by the service with the other rules, so that one message says it.
                required=False,
                help_text=indicator.unit,
                widget=NumericInput(maximum=indicator.maximum),
            )
        self.fields["note"] = note_field

    def values(self) -> dict[str, int | None]:
        """{code: the figure, or None for a field left empty (not reported)}."""
        return {code: self.cleaned_data[code] for code in self.codes}
