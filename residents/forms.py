from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import DateInput, NFCFormField
from lib.text import normalise_phone
from teams.models import phone_validator

from .models import CommunePublishing, Method, Need, Subject

MARKUP = frozenset("<>")


class ConsentGiveForm(forms.Form):
    subject = forms.ChoiceField(label=_("Consent to publish"), choices=Subject.choices)
    on = forms.DateField(label=_("Given on"), widget=DateInput(), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("How it was given"), choices=Method.choices, widget=forms.RadioSelect)
    scan = forms.FileField(
        label=_("Scan of the signed form"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file of at most 5 MB; needed for a signed paper form."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ConsentWithdrawForm(forms.Form):
    subject = forms.ChoiceField(label=_("Consent to withdraw"), choices=Subject.choices)
    on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), initial=timezone.localdate)


class PublishingForm(forms.ModelForm):
    class Meta:
        model = CommunePublishing
        fields = ["contact", "contact_phone", "allow_indexing"]


class PhoneFormField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalise_phone(value) if value else value


class HelpRequestForm(forms.Form):
    """The resident's request. ``website`` is a honeypot: hidden from people, filled by bots."""

    name = NFCFormField(label=_("Your name"), max_length=100)
    phone = PhoneFormField(
        label=_("Your phone number"),
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    need = forms.ChoiceField(label=_("What do you need help with?"), choices=Need.choices, widget=forms.RadioSelect)
    detail = NFCFormField(label=_("Details"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label=_("I agree that the team stores this request, my name and my phone number to help me."),
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if MARKUP & set(name):
            raise forms.ValidationError(_("A name has no < or > signs."))
        return name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("need") == Need.OTHER and not cleaned.get("detail"):
            self.add_error("detail", _("Say what you need help with."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
