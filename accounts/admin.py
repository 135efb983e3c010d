"""Officials in the admin: the superuser creates clerks and supervisors (or ``create_official``)."""

from django.contrib import admin

from .models import Official


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "commune", "district", "province", "person")
    list_filter = ("role",)
    list_select_related = ("user", "commune", "district", "province", "person")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "commune", "district", "province", "person")
