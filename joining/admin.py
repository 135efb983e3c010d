"""Applications and leave requests in the admin: to read, not to edit.

Every step has an author and an order that only ``joining.services`` keeps, so the admin
shows the requests and links to their pages, where they change.
"""

from django.contrib import admin

from lib.admin import ReadOnlyAdmin
from teams.admin_filters import place_filters

from .models import JoinApplication, LeaveRequest


class TeamRequestAdmin(ReadOnlyAdmin):
    list_filter = ("status", *place_filters("commune"))
    list_select_related = ("team__commune", "team__village", "decision__commune")
    ordering = ("-pk",)

    def get_queryset(self, request):
        # The list names each decision: its issued text stays in the database.
        return super().get_queryset(request).defer("decision__snapshot")


@admin.register(JoinApplication)
class JoinApplicationAdmin(TeamRequestAdmin):
    web_page_name = "joining:application_detail"
    list_display = ("full_name", "team", "status", "decision", "created_at")
    search_fields = ("full_name", "phone")
    list_select_related = (*TeamRequestAdmin.list_select_related, "village")


@admin.register(LeaveRequest)
class LeaveRequestAdmin(TeamRequestAdmin):
    web_page_name = "joining:leave_request_detail"
    list_display = ("membership", "team", "status", "replacement", "decision", "created_at")
    search_fields = ("membership__person__full_name",)
    list_select_related = (
        *TeamRequestAdmin.list_select_related,
        "membership__person",
        "membership__team__commune",
        "membership__team__village",
        "replacement",
    )
