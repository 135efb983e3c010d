"""Forms of the joining pages. They choose the fields and limit the choices to the clerk's
commune; the rules are in ``joining.models`` and ``joining.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lib import forms as ascii_forms
from lib.collation import vietnamese
from lib.forms import NFCFormField
from teams.forms import VillageChoiceField
from teams.models import Commune, Membership, Person, Team, Village

from . import selectors
from .models import JoinApplication

CONSENT_REQUIRED = _("The applicant's consent to store their phone number is required: nothing was stored.")


def _text_area(**kwargs) -> NFCFormField:
    return NFCFormField(widget=forms.Textarea(attrs={"rows": 3}), **kwargs)


class JoinApplicationForm(forms.ModelForm):
    """What the clerk writes down from the applicant. The team is the village's team."""

    motivation = _text_area(label=_("Motivation"), max_length=2000)
    phone_consent = forms.BooleanField(
        label=_("The applicant consents to the storing of their phone number"),
        help_text=_("The team shares its members' phones in its Zalo group. Without consent, nothing is stored."),
        error_messages={"required": CONSENT_REQUIRED},
    )

    class Meta:
        formfield_callback = ascii_forms.ascii_formfield
        model = JoinApplication
        fields = ["village", "full_name", "gender", "birth_year", "phone", "position", "motivation", "phone_consent"]
        field_classes = {"full_name": NFCFormField, "position": NFCFormField, "village": VillageChoiceField}

    def __init__(self, *args, commune: Commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.commune = commune
        with_team = Team.objects.filter(status=Team.Status.ACTIVE, level=Team.Level.VILLAGE).values("village")
        village = self.fields["village"]
        village.queryset = Village.objects.filter(commune=commune, pk__in=with_team).order_by(vietnamese("name"))
        village.help_text = _("Only villages whose team has been established are listed.")


class RecommendForm(forms.Form):
    recommended_by = NFCFormField(
        label=_("Recommended by"),
        max_length=300,
        help_text=_("Name and role of who recommends: the commune team leader and the village team."),
    )
    note = _text_area(label=_("Recommendation"), max_length=2000, required=False)


class ProposeForm(forms.Form):
    proposed_by = NFCFormField(
        label=_("Proposed by"),
        max_length=300,
        help_text=_("Name of the village team leader who proposes the departure."),
    )
    note = _text_area(label=_("Proposal"), max_length=2000, required=False)


class DecideForm(forms.Form):
    """The chairman's answer: the button pressed says which."""

    APPROVE = "approve"
    REJECT = "reject"

    outcome = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))], widget=forms.HiddenInput)
    comment = _text_area(label=_("Comment"), max_length=2000, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == self.REJECT and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say why: a rejection needs a comment."))
        return cleaned

    @property
    def approve(self) -> bool:
        return self.cleaned_data["outcome"] == self.APPROVE


class MembershipChoiceField(ascii_forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.person.salutation} {obj.person.full_name} – {obj.role_printed} – {obj.team.place.full_name}"


class LeaveRequestForm(forms.Form):
    membership = MembershipChoiceField(queryset=Membership.objects.none(), label=_("Member"))
    reason = _text_area(label=_("Reason"), max_length=2000)

    def __init__(self, *args, commune: Commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = selectors.leavable_memberships(commune)


class ReplacementChoiceField(ascii_forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = obj.full_name
        if obj.village_id:
            label = f"{label} ({obj.village.full_name})"
        if getattr(obj, "is_collaborator", False):
            label = f"{label} – {_('collaborator')}"
        return label


class ReplacementForm(forms.Form):
    replacement = ReplacementChoiceField(
        queryset=Person.objects.none(),
        label=_("Replacement"),
        help_text=_("Takes the leaving member's seat and role. The team's collaborators are listed first."),
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = selectors.replacement_candidates(team)
