"""Places and plans (reference data) in the admin; people, teams and their seats read-only.

A team's membership changes only through an issued decision, and its status with it, in
the pages (``teams.services``, ``decisions``): here a team shows its members and links to
its page. Lists ask for a province, then a district, before they list communes
(``place_filters``); foreign keys to big tables are autocompleted; big lists are ordered
by their primary key and counted once.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lib.admin import FoldedSearchMixin, ReadOnlyAdmin, ReadOnlyInline, VietnameseOrderMixin

from . import reforms
from .admin_filters import place_filters
from .models import (
    Collaborator,
    Commune,
    District,
    Membership,
    Person,
    Phase,
    PlaceList,
    Plan,
    Province,
    Reform,
    Succession,
    Team,
    TeamComposition,
    Village,
    VillageChange,
    VillageMove,
)

# Places: reference data -----------------------------------------------------------------------


@admin.register(PlaceList)
class PlaceListAdmin(admin.ModelAdmin):
    """The official lists, as ``load_places`` wrote them from ``teams/data/places/``: read here, not typed."""

    list_display = ("name", "key", "in_force_from", "in_force_until", "has_districts")
    readonly_fields = ("key", "name", "in_force_from", "in_force_until", "has_districts", "source")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Province)
class ProvinceAdmin(VietnameseOrderMixin, admin.ModelAdmin):
    vietnamese_columns = ("name",)
    list_display = ("name", "type_word", "code", "place_list")
    list_filter = ("place_list", "type_word")
    list_select_related = ("place_list",)
    search_fields = ("name", "code__exact")
    ordering = ("code",)


@admin.register(District)
class DistrictAdmin(VietnameseOrderMixin, admin.ModelAdmin):
    vietnamese_columns = ("name",)
    list_display = ("name", "type_word", "code", "province", "place_list")
    list_filter = ("place_list", "province", "type_word")
    list_select_related = ("province", "place_list")
    search_fields = ("name", "code__exact")
    autocomplete_fields = ("province",)
    ordering = ("code",)


class VillageInline(admin.TabularInline):
    model = Village
    fields = ("type_word", "name", "households")
    extra = 0
    show_change_link = True


@admin.register(Commune)
class CommuneAdmin(VietnameseOrderMixin, admin.ModelAdmin):
    vietnamese_columns = ("name",)
    list_display = ("name", "type_word", "code", "district", "province", "place_list")
    list_filter = ("place_list", *place_filters("")[:2], "type_word")
    list_select_related = ("province", "district", "place_list")
    search_fields = ("name", "code__exact")
    autocomplete_fields = ("province", "district")
    inlines = (VillageInline,)
    ordering = ("code",)
    show_full_result_count = False


@admin.register(Village)
class VillageAdmin(VietnameseOrderMixin, admin.ModelAdmin):
    vietnamese_columns = ("name",)
    list_display = ("name", "type_word", "commune", "district", "households")
    list_filter = (*place_filters("commune"), "type_word")
    list_select_related = ("commune__district",)
    search_fields = ("name",)
    autocomplete_fields = ("commune",)
    ordering = ("-pk",)
    show_full_result_count = False

    @admin.display(description=_("district"))
    def district(self, village):
        return village.commune.district


# People, teams and their seats: read-only ---------------------------------------------------------


def team_page(team_id: int) -> str:
    return reverse("teams:team_detail", args=[team_id])


@admin.register(Person)
class PersonAdmin(VietnameseOrderMixin, FoldedSearchMixin, ReadOnlyAdmin):
    vietnamese_columns = ("full_name",)
    web_page_name = "teams:person_detail"
    list_display = ("full_name", "gender", "position", "commune", "village", "phone")
    list_filter = (*place_filters("commune"), "gender", "office")
    list_select_related = ("commune", "village")
    fields = ("full_name", "gender", "birth_year", "commune", "village", "position", "office", "phone")
    folded_search_fields = ("search_name",)
    phone_search_fields = ("phone",)
    search_fields = ("search_name", "phone")
    search_help_text = _("A name, with or without accents (“dung” finds “Dũng”), or a phone number.")
    ordering = ("-pk",)


def without_snapshots(queryset, *decisions: str):
    """``queryset`` with the named decisions joined, their issued text (``snapshot``) left in the database."""
    return queryset.select_related(*(f"{path}__commune" for path in decisions)).defer(
        *(f"{path}__snapshot" for path in decisions)
    )


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ("person", "role", "position", "seat", "start_date", "end_date", "started_by", "ended_by")
    ordering = ("end_date", "seat")

    def get_queryset(self, request):
        return without_snapshots(super().get_queryset(request).select_related("person"), "started_by", "ended_by")


class CollaboratorInline(ReadOnlyInline):
    model = Collaborator
    fields = ("person", "joined_on", "left_on", "note")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin):
    web_page_name = "teams:team_detail"
    list_display = ("team_name", "commune", "level", "status", "members_count", "established_on")
    list_filter = (*place_filters("commune"), "level", "status")
    list_select_related = ("commune", "village")
    search_fields = ("village__name", "commune__name")
    search_help_text = _("A village or commune name.")
    fields = (
        "commune",
        "village",
        "level",
        "status",
        "established_on",
        "dissolved_on",
        "zalo_url",
        "departure_reason",
    )
    inlines = (MembershipInline, CollaboratorInline)
    ordering = ("-pk",)

    def get_queryset(self, request):
        # The page's teams only: counting every team's memberships took seconds at national scale.
        active = Membership.objects.filter(end_date__isnull=True).only("pk", "team_id")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("memberships", queryset=active, to_attr="active_seats"))
        )

    @admin.display(description=_("team"))
    def team_name(self, team):
        return team.name

    @admin.display(description=_("active members"))
    def members_count(self, team):
        return len(team.active_seats)


class MembershipStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return (("active", _("active")), ("ended", _("ended")))

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(end_date__isnull=True)
        if self.value() == "ended":
            return queryset.filter(end_date__isnull=False)
        return queryset


@admin.register(Membership)
class MembershipAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    """A seat changes with an issued decision only; its page is its team's."""

    list_display = ("person", "team", "role", "seat", "start_date", "end_date", "started_by")
    list_filter = (MembershipStateFilter, "role", *place_filters("team__commune"))
    folded_search_fields = ("person__search_name",)
    plain_search_fields = ("team__village__name",)
    search_fields = folded_search_fields + plain_search_fields
    fields = ("team", "person", "role", "position", "seat", "start_date", "end_date", "started_by", "ended_by")
    ordering = ("-pk",)

    def get_queryset(self, request):
        # Selecting anything here turns list_select_related off: the list's relations are named too.
        queryset = super().get_queryset(request).select_related("person", "team__commune", "team__village")
        return without_snapshots(queryset, "started_by", "ended_by")

    def web_page_url(self, membership):
        return team_page(membership.team_id)


@admin.register(Collaborator)
class CollaboratorAdmin(FoldedSearchMixin, ReadOnlyAdmin):
    list_display = ("person", "team", "joined_on", "left_on")
    list_filter = (*place_filters("team__commune"), ("left_on", admin.EmptyFieldListFilter))
    list_select_related = ("person", "team__commune", "team__village")
    folded_search_fields = ("person__search_name",)
    plain_search_fields = ("team__village__name",)
    search_fields = folded_search_fields + plain_search_fields
    fields = ("team", "person", "joined_on", "left_on", "note")
    ordering = ("-pk",)

    def web_page_url(self, collaborator):
        return team_page(collaborator.team_id)


# Reforms of administrative units: applied from here or by apply_reform, then history ---------------


class ApplyReformForm(forms.Form):
    province = forms.IntegerField(
        label=_("province code"), min_value=1, help_text=_("Official code of the province, e.g. 42 (Hà Tĩnh).")
    )
    legal_basis = forms.CharField(
        label=_("legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=format_lazy(
            _("The resolution that arranged the province's communes. Known already for: {codes}."),
            codes=", ".join(str(code) for code in reforms.LEGAL_BASES),
        ),
    )


class SuccessionInline(admin.TabularInline):
    model = Succession
    fields = ("successor", "predecessor", "whole")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reform)
class ReformAdmin(admin.ModelAdmin):
    """Each province's reform, with its legal basis and successions; "Apply a reform" applies one."""

    list_display = ("province", "effective_on", "legal_basis", "applied_at", "applied_by")
    list_select_related = ("province", "applied_by")
    readonly_fields = ("province", "from_list", "to_list", "effective_on", "legal_basis", "applied_at", "applied_by")
    inlines = (SuccessionInline,)
    change_list_template = "admin/teams/reform/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        apply = path("apply/", self.admin_site.admin_view(self.apply_view), name="teams_reform_apply")
        return [apply, *super().get_urls()]

    def apply_view(self, request):
        form = ApplyReformForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                applied = reforms.apply_reform(
                    province=form.cleaned_data["province"],
                    legal_basis=form.cleaned_data["legal_basis"],
                    by=request.user,
                )
            except reforms.ReformRefused as exc:
                form.add_error(None, exc)
            else:
                level = messages.SUCCESS if applied.created else messages.WARNING
                self.message_user(request, applied.message(), level)
                return redirect("admin:teams_reform_change", applied.reform.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Apply a reform of administrative units"),
            "form": form,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/teams/reform/apply.html", context)


class VillageMoveForm(forms.ModelForm):
    class Meta:
        model = VillageMove
        fields = ("to_commune",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "to_commune" in self.fields:
            self.fields["to_commune"].queryset = Commune.objects.filter(
                pk__in=[c.pk for c in reforms.successors_of(self.instance)]
            )
            self.fields["to_commune"].required = True

    def clean(self):
        """The refusals of ``reforms.assign_village`` next to the field, before anything is saved."""
        cleaned = super().clean()
        commune = cleaned.get("to_commune")
        if commune is not None:
            moves = VillageMove.objects.select_related("village", "from_commune", "to_commune")
            stored = moves.get(pk=self.instance.pk)
            try:
                reforms.refuse_assignment(stored, commune)
            except reforms.ReformRefused as exc:
                self.add_error("to_commune", exc.messages)
        return cleaned


class ToAssignFilter(admin.SimpleListFilter):
    title = _("assigned")
    parameter_name = "to_assign"

    def lookups(self, request, model_admin):
        return [("1", _("to assign")), ("0", _("assigned"))]

    def queryset(self, request, queryset):
        if self.value() in ("0", "1"):
            return queryset.filter(to_commune__isnull=self.value() == "1")
        return queryset


@admin.register(VillageMove)
class VillageMoveAdmin(admin.ModelAdmin):
    """Villages that passed to a new commune; a village of a split commune is assigned here, once."""

    form = VillageMoveForm
    list_display = ("village", "from_commune", "to_commune", "on", "assigned_by")
    list_filter = (ToAssignFilter, "reform")
    list_select_related = ("village", "from_commune", "to_commune", "assigned_by")
    ordering = ("-pk",)

    readonly_fields = ("village", "from_commune", "on", "reform", "assigned_at", "assigned_by")

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.to_commune_id is None

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        commune = form.cleaned_data["to_commune"]
        obj.to_commune = None  # the service assigns it, moving the village's people and team with it
        try:
            reforms.assign_village(move=obj, commune=commune, by=request.user)
        except reforms.ReformRefused as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)


@admin.register(VillageChange)
class VillageChangeAdmin(admin.ModelAdmin):
    """Renames and merges of villages, recorded by the clerk from the council's resolution: history."""

    list_display = ("village", "kind", "on", "merged_into", "legal_basis", "recorded_by")
    list_filter = ("kind",)
    list_select_related = ("village", "merged_into", "recorded_by")
    search_fields = ("old_name", "new_name", "village__name")
    ordering = ("-pk",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Plans: typed in from the issued plan -----------------------------------------------------------


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


class TeamCompositionForm(forms.ModelForm):
    leader_offices = forms.MultipleChoiceField(
        label=_("recommended offices of the leader"),
        choices=Person.Office.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deputy_offices = forms.MultipleChoiceField(
        label=_("recommended offices of a deputy"),
        choices=Person.Office.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TeamComposition
        fields = (
            "level",
            "members_min",
            "members_max",
            "deputy_required",
            "deputies_max",
            "leader_offices",
            "deputy_offices",
            "member_offices",
        )


class TeamCompositionInline(admin.StackedInline):
    """What the plan asks of a team, per level; a level left out keeps plan 246's."""

    model = TeamComposition
    form = TeamCompositionForm
    extra = 0
    max_num = 2


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("number_symbol", "issued_on", "subject", "commune")
    fields = ("commune", "number_symbol", "issued_on", "subject", "team_name")
    list_filter = place_filters("commune")
    list_select_related = ("commune",)
    search_fields = ("number_symbol", "subject")
    autocomplete_fields = ("commune",)
    inlines = (TeamCompositionInline, PhaseInline)
    ordering = ("-pk",)
    show_full_result_count = False
