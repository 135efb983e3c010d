"""Periods and reports in the admin, read-only (plans are in the teams admin).

Periods, team reports
and the commune's reports change only in the pages, through ``reports.services`` and
``reports.commune_reports``, which check who acts and the rules.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lib.admin import ReadOnlyAdmin, ReadOnlyInline
from teams.admin_filters import place_filters

from .models import CommuneReport, CommuneReportEvent, ReportingPeriod, ReportValue, TeamReport


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
    fields = ("team", "period", "status", "filed_by", "filed_at", "updated_by", "updated_at", "note")
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
