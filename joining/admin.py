"""Applications and leave requests in the admin: to read, not to edit.

Every step has an author and an order that only ``joining.services`` keeps, so the admin
shows the requests and leaves their changes to the pages.
"""

from django.contrib import admin

from .models import JoinApplication, LeaveRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    list_select_related = ("team__commune", "team__village", "decision__commune")

    def get_queryset(self, request):
        # The list names each decision: its stored PDF and snapshot stay in the database.
        return super().get_queryset(request).defer("decision__snapshot")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JoinApplication)
class JoinApplicationAdmin(ReadOnlyAdmin):
    list_display = ("full_name", "team", "status", "decision", "created_at")
    list_filter = ("status", "commune")
    search_fields = ("full_name", "phone")
    list_select_related = (*ReadOnlyAdmin.list_select_related, "village")


@admin.register(LeaveRequest)
class LeaveRequestAdmin(ReadOnlyAdmin):
    list_display = ("membership", "team", "status", "replacement", "decision", "created_at")
    list_filter = ("status", "commune")
    search_fields = ("membership__person__full_name",)
    list_select_related = (
        *ReadOnlyAdmin.list_select_related,
        "membership__person",
        "membership__team__commune",
        "membership__team__village",
        "replacement",
    )
