"""Forms of the logins pages.

They choose the fields and what the select lists offer; ``accounts.services`` decides. The
person list offers only the commune's people without a login, but a posted person is
checked against all of the commune's people, so that someone given a login meanwhile gets
the service's clear refusal next to the field. A person of another commune is no choice at
all. The role list offers team leader and vice-chairman; any other role posted reaches the
service, which refuses it with its reason.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib import forms as ascii_forms
from teams.models import Commune, Person

from . import selectors
from .models import Official
from .services import MANAGEABLE_ROLES


class PersonChoiceField(ascii_forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        if obj.village_id:
            return f"{obj.full_name} ({obj.village.full_name})"
        return f"{obj.full_name} ({obj.position})" if obj.position else obj.full_name


def _offer(field: forms.ChoiceField, choices) -> None:
    """Render ``choices`` while the field still validates against its full list."""
    field.widget.choices = list(choices)


class PasswordFields(forms.Form):
    """A password typed twice, or none: then one is generated and shown once."""

    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave both empty to have a password generated and shown once."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password", "") != cleaned.get("password_again", ""):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class LoginFields(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    role = forms.ChoiceField(label=_("Role"), choices=Official.Role.choices)

    def __init__(self, *args, commune: Commune, keeping: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        person.queryset = selectors.commune_people(commune)
        _offer(person, [("", person.empty_label)] + self._person_choices(commune, keeping))
        role = self.fields["role"]
        _offer(role, [(granted.value, granted.label) for granted in MANAGEABLE_ROLES])
        role.initial = Official.Role.TEAM_LEADER

    def _person_choices(self, commune: Commune, keeping: Person | None) -> list[tuple[int, str]]:
        field = self.fields["person"]
        return [(p.pk, field.label_from_instance(p)) for p in selectors.people_without_login(commune, keeping=keeping)]


class LoginCreateForm(LoginFields, PasswordFields):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters without accents, digits and . _ - (for example totruong.dongthai)."),
        widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["person", "role", "username", "password", "password_again"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].help_text = _("People of the commune who have no login yet.")


class LoginUpdateForm(LoginFields):
    pass


class PasswordForm(PasswordFields):
    pass
