"""The public check: anyone, without a login, checks a PDF or a number against the register.

Uploads are capped (``MAX_BYTES``, checked before the file is read), only PDFs are read,
and each client address may check ``LIMIT`` times per ``WINDOW`` (counted in the cache,
the address as ``lib.throttling.client_address`` gives it). Nothing sent is stored.
"""

import re

from django import forms
from django.core.cache import cache
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lib.forms import NFCFormField
from lib.text import ascii_int
from lib.throttling import client_address
from teams.models import Commune

from . import verification
from .models import DocumentType

MAX_BYTES = 10 * 1024 * 1024
LIMIT = 20
WINDOW = 10 * 60  # seconds
NUMBER_SYMBOL = re.compile(r"^\s*(\d{1,6})\s*/\s*([^\s/-]+)")


class FileCheckForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The PDF file"),
        help_text=gettext_lazy("At most 10 MB. The file is checked, never kept."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s: at most %(limit)s is accepted.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)}
            )
        data = upload.read(MAX_BYTES + 1)
        if not data[:1024].lstrip().startswith(verification.PDF_HEADER):
            raise forms.ValidationError(_("Only PDF files are accepted."))
        return data


class NumberCheckForm(forms.Form):
    commune = forms.ModelChoiceField(
        label=gettext_lazy("Issuing body"),
        queryset=Commune.objects.none(),
        empty_label=gettext_lazy("Choose the commune"),
    )
    number_symbol = NFCFormField(
        label=gettext_lazy("Number/symbol"),
        max_length=40,
        help_text=gettext_lazy('As printed under the issuing body, e.g. "01/QĐ-UBND".'),
    )
    year = forms.CharField(label=gettext_lazy("Year"), max_length=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Commune.objects.filter(register_entries__isnull=False).distinct()

    def clean_year(self):
        year = ascii_int(self.cleaned_data["year"])
        if year is None or not 1945 <= year <= 9999:
            raise forms.ValidationError(_("Enter the year in four digits."))
        return year

    def clean_number_symbol(self):
        match = NUMBER_SYMBOL.match(self.cleaned_data["number_symbol"])
        doc_types = {choice.value for choice in DocumentType}
        if not match or match.group(2) not in doc_types:
            raise forms.ValidationError(_('Enter the number and symbol as printed, e.g. "01/QĐ-UBND".'))
        return int(match.group(1)), match.group(2)


def _prefilled(query) -> dict:
    """What a link may put into the number form: ASCII numbers and a short number/symbol."""
    initial = {}
    commune, year = ascii_int(query.get("commune")), ascii_int(query.get("year"))
    if commune is not None:
        initial["commune"] = commune
    if year is not None and 1945 <= year <= 9999:
        initial["year"] = year
    number = query.get("number", "")
    if number and NUMBER_SYMBOL.match(number) and len(number) <= 40:
        initial["number_symbol"] = number
    return initial


def allow(request) -> bool:
    """Count this check; False once the address has made ``LIMIT`` in its window."""
    key = f"documents:check:{client_address(request) or 'unknown'}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= LIMIT


@require_http_methods(["GET", "HEAD", "POST"])
def check(request):
    """A link may fill the number form (``?commune=&number=&year=``, as a team's public page
    links its decision); the check itself runs only when the visitor sends the form."""
    file_form, number_form = FileCheckForm(), NumberCheckForm(initial=_prefilled(request.GET))
    context = {"refusal": "", "verdict": None, "entry": None, "looked_up": False}
    status = 200
    if request.method == "POST":
        if not allow(request):
            context["refusal"] = _("Too many checks from your connection: please wait a few minutes and try again.")
            status = 429
        elif "file" in request.FILES or request.POST.get("by") == "file":
            file_form = FileCheckForm(request.POST, request.FILES)
            if file_form.is_valid():
                context["verdict"] = verification.verify_pdf(file_form.cleaned_data["file"])
        else:
            number_form = NumberCheckForm(request.POST)
            if number_form.is_valid():
                number, doc_type = number_form.cleaned_data["number_symbol"]
                entry, document = verification.lookup(
                    commune=number_form.cleaned_data["commune"],
                    number=number,
                    year=number_form.cleaned_data["year"],
                    doc_type=doc_type,
                )
                context.update(looked_up=True, entry=entry)
                if document is not None:
                    context["verdict"] = verification.stored_verdict(document)
    context.update(file_form=file_form, number_form=number_form)
    return render(request, "documents/check.html", context, status=status)
