"""Legal bases (reference data) in the admin; decisions read-only.

A decision is drafted, composed, submitted, returned and issued in the pages only
(``decisions/views.py`` over ``documents.lifecycle``): the admin shows it with its
members, legal bases and trail, and links to its page. Lists leave the issued text
(``snapshot``) in the database.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.admin import YearFilter
from lib.admin import ReadOnlyAdmin, ReadOnlyInline
from teams.admin_filters import place_filters

from .models import Decision, DecisionBasis, DecisionEvent, DecisionMember, LegalBasis
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
