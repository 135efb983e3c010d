"""Forms of the teams pages.

The rules live in the models (field validators, ``clean()``, constraints) and in
``teams.services``; these forms choose the fields, limit what the clerk may pick to their
own commune, and put every refusal next to the field it concerns. The commune is never a
form field: the view sets it from the clerk's login.
"""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from lib import forms as ascii_forms
from lib import widgets
from lib.collation import vietnamese
from lib.forms import DateInput, FilterForm, NFCFormField

from . import services
from .models import Collaborator, Commune, Person, Team, Village


class VillageChoiceField(ascii_forms.ModelChoiceField):
    """Villages, named with their commune when the list spans several communes."""

    def __init__(self, *args, with_commune: bool = False, **kwargs):
        self.with_commune = with_commune
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if self.with_commune:
            return f"{obj.full_name} ({obj.commune.full_name})"
        return obj.full_name


# Places and people ----------------------------------------------------------------------


class VillageForm(forms.ModelForm):
    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = Village
        fields = ["type_word", "name", "households"]
        field_classes = {"name": NFCFormField}

    def __init__(self, *args, commune: Commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.commune = commune

    def validate_unique(self):
        super().validate_unique()
        # ``commune`` is not a form field, so Django skipped the constraint that names it;
        # the view has set it, so check it here and say it next to the name.
        exclude = {name for name in self.errors if name != NON_FIELD_ERRORS}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as exc:
            self.add_error("name", exc.messages)


class PersonForm(forms.ModelForm):
    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = Person
        fields = ["full_name", "gender", "birth_year", "phone", "position", "office", "village"]
        field_classes = {"full_name": NFCFormField, "position": NFCFormField, "village": VillageChoiceField}

    def __init__(self, *args, commune: Commune, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.commune_id is None:
            self.instance.commune = commune
        villages = Village.objects.filter(commune=self.instance.commune_id, ceased_on__isnull=True)
        self.fields["village"].queryset = villages.order_by(vietnamese("name"))


class VillageChangeForm(forms.Form):
    """What the council's resolution says: the day it takes effect and its reference."""

    on = forms.DateField(label=_("In force from"), widget=DateInput)
    legal_basis = NFCFormField(
        label=_("Council resolution"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('E.g. "Nghị quyết số 05/NQ-HĐND ngày 20/3/2026 của Hội đồng nhân dân xã".'),
    )


class VillageRenameForm(VillageChangeForm):
    type_word = forms.ChoiceField(label=_("New type"), choices=Village.Type.choices)
    name = NFCFormField(label=_("New name"), max_length=100)

    field_order = ["type_word", "name", "on", "legal_basis"]


class VillageMergeForm(VillageChangeForm):
    into = VillageChoiceField(queryset=Village.objects.none(), label=_("Merged into"))

    field_order = ["into", "on", "legal_basis"]

    def __init__(self, *args, village: Village, **kwargs):
        super().__init__(*args, **kwargs)
        others = Village.objects.filter(commune=village.commune_id, ceased_on__isnull=True).exclude(pk=village.pk)
        self.fields["into"].queryset = others.order_by(vietnamese("name"))


# Filters ------------------------------------------------------------------------------------


class VillageFilterForm(FilterForm):
    """For a district officer: which commune's villages to show."""

    commune = ascii_forms.ModelChoiceField(
        queryset=Commune.objects.none(),
        required=False,
        label=_("Commune"),
        empty_label=_("All communes"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes.order_by(vietnamese("name"))


class PersonFilterForm(FilterForm):
    q = NFCFormField(
        label=_("Name or phone"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    commune = ascii_forms.ModelChoiceField(
        queryset=Commune.objects.none(),
        required=False,
        label=_("Commune"),
        empty_label=_("All communes"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    village = VillageChoiceField(
        queryset=Village.objects.none(),
        required=False,
        label=_("Village"),
        empty_label=_("All villages"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, communes, villages, several_communes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if several_communes:
            self.fields["commune"].queryset = communes.order_by(vietnamese("name"))
        else:
            del self.fields["commune"]
        village = self.fields["village"]
        village.queryset = villages.select_related("commune").order_by(vietnamese("commune__name"), vietnamese("name"))
        village.with_commune = several_communes


# Teams --------------------------------------------------------------------------------------


class TeamForm(forms.ModelForm):
    """What the clerk edits directly on a team: only its Zalo link (members change by decision)."""

    zalo_url = forms.URLField(label=_("Zalo group link"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = Team
        fields = ["zalo_url"]


class CollaboratorForm(forms.Form):
    person = ascii_forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Person"))
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput)
    note = NFCFormField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, team: Team, **kwargs):
        kwargs.setdefault("initial", {"joined_on": datetime.date.today()})
        super().__init__(*args, **kwargs)
        widgets.use_python_selects(self)  # the form is on the team's page
        self.team = team
        taken = team.memberships.filter(end_date__isnull=True).values("person")
        helping = team.collaborators.filter(left_on__isnull=True).values("person")
        self.fields["person"].queryset = (
            Person.objects.filter(commune=team.commune_id).exclude(pk__in=taken).exclude(pk__in=helping)
        )


class CollaboratorEndForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput)

    def __init__(self, *args, collaborator: Collaborator, **kwargs):
        kwargs.setdefault("initial", {"left_on": datetime.date.today()})
        super().__init__(*args, **kwargs)
        self.collaborator = collaborator

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on < self.collaborator.joined_on:
            raise ValidationError(_("The end date cannot be before the start date."))
        return left_on

    def save(self) -> Collaborator:
        return services.collaborator_end(collaborator=self.collaborator, left_on=self.cleaned_data["left_on"])
