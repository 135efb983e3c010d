"""Indicator sets and stipend rules (reference data), then periods and reports, read-only
(plans are in the teams admin).

The province or the clerk edits a plan's indicator sets here: a new version is a copy of
the previous one ("New version from this set"), edited before a report uses it; once a
report is filed under a set, the set is read-only here (and the database refuses a change,
``reports.migrations.0011``). A stipend rule is read-only once its first month has begun
(a stipend list may have used it). Periods, team reports and the commune's reports change
only in the pages, through ``reports.services`` and ``reports.commune_reports``, which
check who acts and the rules.
"""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.admin import ReadOnlyAdmin, ReadOnlyInline
from teams.admin_filters import place_filters

from . import services
from .models import (
    CommuneReport,
    CommuneReportEvent,
    IndicatorDefinition,
    IndicatorSet,
    ReportingPeriod,
    ReportValue,
    StipendRule,
    TeamReport,
)


class IndicatorDefinitionInline(admin.TabularInline):
    """Read-only with its set once a report uses it (``IndicatorSetAdmin.has_change_permission``)."""

    model = IndicatorDefinition
    fields = ("position", "code", "label", "unit", "rollup", "minimum", "maximum", "required")
    extra = 0


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "version", "valid_from", "note")
    list_filter = place_filters("plan__commune")
    list_select_related = ("plan",)
    fields = ("plan", "version", "valid_from", "note")
    inlines = (IndicatorDefinitionInline,)
    actions = ("new_version",)
    ordering = ("plan", "-valid_from", "-version")

    def has_change_permission(self, request, obj=None):
        # A set a report was filed under never changes: the report keeps it.
        return (obj is None or not obj.in_use) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.in_use) and super().has_delete_permission(request, obj)

    @admin.action(description=_("New version from this set"))
    def new_version(self, request, queryset):
        """A copy of each chosen set, as its plan's next version, valid from next month."""
        valid_from = _next_month(timezone.localdate())
        for source in queryset.select_related("plan"):
            try:
                new = services.indicator_set_new_version(
                    source=source,
                    valid_from=valid_from,
                    note=gettext("Copied from version %(version)s.") % {"version": source.version},
                )
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("Version %(version)s created from %(source)s: edit it before a report uses it.")
                    % {"version": new.version, "source": source},
                    messages.SUCCESS,
                )


@admin.register(StipendRule)
class StipendRuleAdmin(admin.ModelAdmin):
    """A rule whose first month has begun is read-only: a stipend list may have used it, and
    history is not rewritten. A change of amount or levels is a new rule from a later month."""

    list_display = ("__str__", "plan", "valid_from", "amount", "levels", "basis")
    list_filter = (*place_filters("plan__commune"), "levels")
    list_select_related = ("plan",)
    fields = ("plan", "valid_from", "amount", "levels", "basis")
    autocomplete_fields = ("plan",)
    search_fields = ("basis", "plan__number_symbol")
    ordering = ("plan", "-valid_from")
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        return (obj is None or not obj.started) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.started) and super().has_delete_permission(request, obj)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    web_page_name = "reports:period_detail"
    list_display = ("__str__", "due_on", "status", "closed_at", "closed_by")
    list_filter = (*place_filters("commune"), "year", "month", "status")
    list_select_related = ("commune", "closed_by")
    fields = ("commune", "year", "month", "due_on", "status", "opened_at", "opened_by", "closed_at", "closed_by")
    ordering = ("-pk",)


class ReportValueInline(ReadOnlyInline):
    model = ReportValue
    fields = ("indicator", "value")


@admin.register(TeamReport)
class TeamReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "filed_at", "filed_by", "updated_at", "updated_by")
    list_filter = place_filters("period__commune")
    list_select_related = ("team__commune", "team__village", "period__commune", "filed_by", "updated_by")
    fields = ("team", "period", "status", "indicator_set", "filed_by", "filed_at", "updated_by", "updated_at", "note")
    inlines = (ReportValueInline,)
    ordering = ("-pk",)

    def web_page_url(self, report):
        return reverse("reports:report_file", args=[report.period_id, report.team_id])


class CommuneReportEventInline(ReadOnlyInline):
    model = CommuneReportEvent
    fields = ("action", "by", "at", "comment")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")


@admin.register(CommuneReport)
class CommuneReportAdmin(ReadOnlyAdmin):
    web_page_name = "commune_reports:detail"
    list_display = ("number_display", "subject", "period", "status", "issued_on")
    list_display_links = ("number_display", "subject")
    list_filter = ("status", *place_filters("commune"))
    list_select_related = ("commune", "period__commune")
    search_fields = ("subject",)
    fields = (
        "commune",
        "period",
        "status",
        "number_display",
        "issued_on",
        "signer",
        "subject",
        "intro",
        "difficulties",
        "proposals",
        "recipients",
        "pdf_sha256",
        "created_by",
        "created_at",
    )
    inlines = (CommuneReportEventInline,)
    ordering = ("-pk",)

    def get_queryset(self, request):
        return super().get_queryset(request).defer("snapshot")

    @admin.display(description=_("number, symbol"))
    def number_display(self, report):
        return report.number_symbol if report.number else "-"
