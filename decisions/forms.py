"""Forms of the decisions pages.

They choose the fields, limit the choices to the decision's commune and put a refusal
next to the field it concerns; the writes are ``decisions.workflow``'s, the composition
rules ``teams.rules``'s. Text is normalised to NFC before its length is checked, as the
columns store it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lib import forms as ascii_forms
from lib.forms import DateInput, FilterForm, NFCFormField
from teams import rules
from teams.models import Role
from teams.services import ProposedMember

from .models import Decision, LegalBasis

TEXT_FIELDS = ("subject", "proposer", "article1", "article2", "article3", "recipients")


class DecisionCreateForm(forms.Form):
    """A new draft needs only its team and its kind: the workflow writes the standard text."""

    team = ascii_forms.ModelChoiceField(queryset=None, label=_("Team"))
    kind = forms.ChoiceField(choices=Decision.Kind.choices, label=_("Kind of decision"))

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].label_from_instance = lambda team: team.name


# Lists -----------------------------------------------------------------------------------


class DecisionFilterForm(FilterForm):
    status = forms.ChoiceField(
        choices=[("", _("All statuses")), *Decision.Status.choices], required=False, label=_("Status")
    )
    kind = forms.ChoiceField(choices=[("", _("All kinds")), *Decision.Kind.choices], required=False, label=_("Kind"))
    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("Year"))

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((year, year) for year in years)]


class RegisterFilterForm(FilterForm):
    """Which commune's register (for a district officer) and which year."""

    commune = ascii_forms.ModelChoiceField(queryset=None, required=False, label=_("Commune"), empty_label=None)
    year = ascii_forms.IntegerField(
        required=False, min_value=1900, max_value=2100, label=_("Year"), widget=forms.Select
    )

    def __init__(self, *args, communes, several_communes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if several_communes:
            self.fields["commune"].queryset = communes
            self.fields["commune"].label_from_instance = lambda commune: commune.title_name
        else:
            del self.fields["commune"]

    def set_years(self, years: list[int]) -> None:
        """The years the chosen commune's register holds (validation does not depend on them)."""
        self.fields["year"].widget.choices = [("", _("All years")), *((year, year) for year in years)]


# Texts and legal bases -----------------------------------------------------------------------


class LegalBasisChoiceField(ascii_forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_rank_display()}: Căn cứ {obj.citation}"


class DecisionTextForm(forms.ModelForm):
    """The draft's texts, and which legal bases it cites (in rank order, as printed)."""

    bases = LegalBasisChoiceField(
        queryset=LegalBasis.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Legal bases"),
        help_text=_("Printed in rank order: laws first, then the province, district and commune documents."),
    )

    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = Decision
        fields = [*TEXT_FIELDS, "copies", "authority", "signs_for_committee"]
        field_classes = dict.fromkeys(TEXT_FIELDS, NFCFormField)
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 2}),
            "proposer": forms.Textarea(attrs={"rows": 2}),
            "article1": forms.Textarea(attrs={"rows": 3}),
            "article2": forms.Textarea(attrs={"rows": 12}),
            "article3": forms.Textarea(attrs={"rows": 5}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, library, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bases"].queryset = library
        self.fields["copies"].widget.attrs["min"] = 1
        if self.instance.pk and not self.is_bound:
            self.initial["bases"] = [cited.basis_id for cited in self.instance.bases.all()]

    def clean_copies(self):
        copies = self.cleaned_data["copies"]
        if copies is not None and copies < 1:
            raise ValidationError(_("At least one copy is made."))
        return copies

    def texts(self) -> dict:
        """The fields ``workflow.decision_update`` takes."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def chosen_bases(self) -> list[LegalBasis]:
        return sorted(self.cleaned_data["bases"], key=lambda basis: (basis.rank, basis.pk))


class LegalBasisForm(forms.ModelForm):
    """A "Căn cứ ..." line the clerk adds for the commune: a province's plan, a commune's own."""

    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = LegalBasis
        fields = ["rank", "citation", "in_force_from", "in_force_until", "is_default"]
        field_classes = {"citation": NFCFormField}
        widgets = {
            "citation": forms.Textarea(attrs={"rows": 3}),
            "in_force_from": DateInput(),
            "in_force_until": DateInput(),
        }

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.commune = commune


# The composition -----------------------------------------------------------------------------


class PersonChoiceField(ascii_forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.full_name, obj.position, obj.village.full_name if obj.village_id else ""]
        return " – ".join(part for part in parts if part)


class MemberForm(forms.Form):
    """One line of Điều 1. A row without a person is an empty row, whatever else it says."""

    person = PersonChoiceField(queryset=None, required=False, label=_("Person"), empty_label=_("(empty row)"))
    role = forms.ChoiceField(choices=[("", "---------"), *Role.choices], required=False, label=_("Role"))
    position = NFCFormField(
        required=False,
        max_length=200,
        label=_("Position as printed"),
        help_text=_("Leave empty to print the person's own position."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person") and not cleaned.get("role"):
            self.add_error("role", _("Choose this person's role in the team."))
        return cleaned

    def proposed(self) -> ProposedMember | None:
        """The line this row proposes. The position follows the person when the clerk
        changed the person but not the position, so a replaced member's title does not stay."""
        person = self.cleaned_data.get("person")
        if person is None:
            return None
        position = self.cleaned_data.get("position", "")
        if not position or ("person" in self.changed_data and "position" not in self.changed_data):
            position = person.position
        return ProposedMember(person=person, role=self.cleaned_data["role"], position=position)


class BaseMemberFormSet(forms.BaseFormSet):
    """Refuses what can never be stored under the plan in force (a member beyond its most,
    two leaders, a person twice); completeness and the recommendation are checked on
    submission."""

    rule: rules.Composition

    def clean(self):
        if any(self.errors):
            return
        violations = rules.structural_violations(self.rule, self.seats())
        if violations:
            raise ValidationError([violation.message for violation in violations])

    def proposed(self) -> list[ProposedMember]:
        """The lines of the rows that are valid so far (all of them once the formset is valid)."""
        return [member for form in self.forms if form.is_valid() and (member := form.proposed())]

    def seats(self) -> list[rules.Seat]:
        return [rules.Seat.of(person=member.person, role=member.role) for member in self.proposed()]


def member_formset(*, decision: Decision, people, rule: rules.Composition, data=None) -> BaseMemberFormSet:
    """One row more than the plan's most members (so that one too many is refused with the
    plan's words, not the formset's): the decision's lines, then empty rows."""
    rows = rule.members_max + 1
    formset_class = forms.formset_factory(
        MemberForm, formset=BaseMemberFormSet, extra=rows, max_num=rows, absolute_max=rows, validate_max=True
    )
    formset_class.rule = rule
    initial = [
        {"person": line.person_id, "role": line.role, "position": line.position}
        for line in decision.members.order_by("pk")
    ]
    return formset_class(data, initial=initial, prefix="members", form_kwargs={"people": people})


class DepartureReasonForm(forms.Form):
    departure_reason = NFCFormField(
        label=capfirst(Decision._meta.get_field("departure_reason").verbose_name),
        required=False,
        max_length=Decision._meta.get_field("departure_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required before submission when the composition departs from the recommended one."),
    )
