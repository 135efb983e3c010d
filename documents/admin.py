"""Number sequences and the outgoing register in the admin: read-only, written by issuance only."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lib.admin import ReadOnlyAdmin
from lib.text import ascii_int
from teams.admin_filters import place_filters

from .models import NumberSequence, RegisterEntry


class YearFilter(admin.SimpleListFilter):
    """The years that gave a number, read from the sequences: a distinct over every document took 50 ms."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = NumberSequence.objects.order_by("-year").values_list("year", flat=True).distinct()
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        year = ascii_int(self.value())
        if year is None:
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(year=year)


# Number sequences and the outgoing register ---------------------------------------------------


def register_page(*, commune_id: int, year: int) -> str:
    return f"{reverse('decisions:register')}?{urlencode({'commune': commune_id, 'year': year})}"


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdmin):
    """The last number given; the register page lists the numbers themselves."""

    list_display = ("commune", "doc_type", "year", "last_number")
    list_filter = (*place_filters("commune"), "doc_type", "year")
    list_select_related = ("commune",)
    ordering = ("-pk",)

    def web_page_url(self, sequence):
        return register_page(commune_id=sequence.commune_id, year=sequence.year)


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    """The register, written by issuance only; its page (and XLSX export) is the register's."""

    list_display = ("number_symbol", "issued_on", "subject", "signer_name", "copies", "commune", "cancelled")
    list_filter = (*place_filters("commune"), YearFilter, "doc_type", "cancelled")
    list_select_related = ("commune",)
    search_fields = ("subject",)
    ordering = ("-pk",)

    @admin.display(description=_("number, symbol"))
    def number_symbol(self, entry):
        return entry.number_symbol

    def web_page_url(self, entry):
        if entry.decision_id:
            return reverse("decisions:detail", args=[entry.decision_id])
        return register_page(commune_id=entry.commune_id, year=entry.year)
