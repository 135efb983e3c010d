"""The admin for plans and reports.

Plans and their phases are data the clerk types in from the issued plan, so they are
edited here. Periods, reports and values are read-only: they change only through
``reports.services`` (filing, correcting, closing), which check who acts and the rules.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from decisions.admin import ReadOnlyAdmin, scoped, visible_communes
from teams.admin import BaseAdmin

from .models import Phase, Plan, ReportingPeriod, ReportValue, TeamReport

RelatedOnly = admin.RelatedOnlyFieldListFilter


class PhaseInline(admin.TabularInline):
    model = Phase
    fields = (
        "order",
        "label",
        "starts_on",
        "ends_on",
        "commune_team_required",
        "villages_min",
        "villages_max",
        "note",
    )
    extra = 0


@admin.register(Plan)
class PlanAdmin(BaseAdmin):
    list_display = ("number_symbol", "issued_on", "subject", "commune")
    list_filter = (("commune", RelatedOnly),)
    list_select_related = ("commune",)
    search_fields = ("number_symbol", "subject")
    autocomplete_fields = ("commune",)
    inlines = (PhaseInline,)

    def get_queryset(self, request):
        return scoped(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "commune":
            kwargs["queryset"] = visible_communes(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "due_on", "report_count", "closed_at", "closed_by")
    list_filter = (("commune", RelatedOnly), "year", "month")
    list_select_related = ("commune", "closed_by")
    ordering = ("commune__name", "-year", "-month")

    def get_queryset(self, request):
        return scoped(request, super().get_queryset(request)).annotate(report_count=Count("reports"))

    @admin.display(description=_("reports"), ordering="report_count")
    def report_count(self, period):
        return period.report_count


class ReportValueInline(admin.TabularInline):
    model = ReportValue
    fields = ("indicator", "value")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TeamReport)
class TeamReportAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "filed_at", "filed_by", "updated_at", "updated_by")
    list_filter = (("period__commune", RelatedOnly), "period__year", "period__month")
    list_select_related = ("team__commune", "team__village", "period__commune", "filed_by", "updated_by")
    fields = ("team", "period", "filed_by", "filed_at", "updated_by", "updated_at", "note")
    readonly_fields = fields
    inlines = (ReportValueInline,)

    def get_queryset(self, request):
        return scoped(request, super().get_queryset(request), commune_field="period__commune")
