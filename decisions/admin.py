"""Legal bases (reference data) in the admin; decisions, number sequences and the register read-only.

A decision is drafted, composed, submitted, returned and issued in the pages only
(``decisions/views.py`` over ``documents.lifecycle``): the admin shows it with its
members, legal bases and trail, and links to its page. Lists leave the issued text
(``snapshot``) in the database.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lib.admin import ReadOnlyAdmin, ReadOnlyInline
from lib.text import ascii_int
from teams.admin_filters import place_filters

from .models import Decision, DecisionBasis, DecisionEvent, DecisionMember, LegalBasis, NumberSequence, RegisterEntry
from .workflow import EDITABLE_FIELDS


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ("citation_short", "rank", "commune", "is_default")
    list_filter = ("rank", *place_filters("commune"), "is_default")
    list_select_related = ("commune",)
    search_fields = ("citation",)
    autocomplete_fields = ("commune",)
    ordering = ("rank", "id")

    @admin.display(description=_("citation"), ordering="citation")
    def citation_short(self, basis):
        return str(basis)


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


# Decisions ---------------------------------------------------------------------------


class DecisionMemberInline(ReadOnlyInline):
    model = DecisionMember
    fields = ("person", "role", "position")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class DecisionBasisInline(ReadOnlyInline):
    model = DecisionBasis
    fields = ("basis", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("basis")


class DecisionEventInline(ReadOnlyInline):
    model = DecisionEvent
    fields = ("action", "by", "at", "comment")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    web_page_name = "decisions:detail"
    list_display = ("number_display", "subject", "team_name", "kind", "status", "issued_on")
    list_display_links = ("number_display", "subject")
    list_filter = ("status", "kind", YearFilter, *place_filters("commune"))
    list_select_related = ("commune", "team__commune", "team__village")
    search_fields = ("subject",)
    fields = (
        "commune",
        "team",
        "kind",
        "status",
        "number_display",
        "issued_on",
        "signer",
        *EDITABLE_FIELDS,  # the clerk's text, as the pages edit it
        "pdf_sha256",
        "created_by",
        "created_at",
    )
    inlines = (DecisionMemberInline, DecisionBasisInline, DecisionEventInline)
    ordering = ("-pk",)

    def get_queryset(self, request):
        # The issued text is the heaviest column: sorting 100,000 decisions with it spilled to disk.
        return super().get_queryset(request).defer("snapshot")

    @admin.display(description=_("number, symbol"))
    def number_display(self, decision):
        return decision.number_symbol if decision.number else "-"

    @admin.display(description=_("team"))
    def team_name(self, decision):
        return decision.team.name


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
