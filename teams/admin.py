"""The Django admin for places, people, teams and memberships: the clerks' back office.

The admin stays thin: the composition rules live in ``teams.rules``. A team's page edits
its active composition in one inline whose formset checks the proposed composition as a
whole (a team being set up may be incomplete, never structurally wrong); memberships that
have ended are shown read-only. A refusal that still reaches a save (two people editing
the same team at once) becomes an error message, never a server error.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import Count, Prefetch, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tungAnh.text import fold

from . import rules
from .models import (
    SEATS,
    Collaborator,
    Commune,
    District,
    Membership,
    Official,
    Person,
    Province,
    Role,
    Team,
    Village,
    normalise_phone,
)
from .services import active_composition

admin.site.site_header = _("tungAnh administration")
admin.site.site_title = _("tungAnh administration")
admin.site.index_title = _("Places, people and teams")

RelatedOnly = admin.RelatedOnlyFieldListFilter


class RefusalAsMessageMixin:
    """Show a refusal raised while saving or deleting as an error message.

    Forms catch the ordinary cases first; what reaches here is a race (two people saving
    the same team) or a model refusing in ``save()``/``delete()``. The view's transaction
    has been rolled back by the time the exception leaves it, so nothing was stored.
    """

    def changeform_view(self, request, *args, **kwargs):
        return self._refusing_politely(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusing_politely(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._refusing_politely(request, super().changelist_view, *args, **kwargs)

    def _refusing_politely(self, request, view, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        try:
            return view(request, *args, **kwargs)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
        except IntegrityError:
            self.message_user(
                request,
                _(
                    "Nothing was saved: the change conflicts with what is stored, perhaps because someone else "
                    "changed the same records at the same time. Review the page and try again."
                ),
                messages.ERROR,
            )
        return HttpResponseRedirect(request.get_full_path())


def search_words(search_term: str):
    """The words of an admin search, quoted phrases kept whole, as Django's own search splits them."""
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            yield bit


class FoldedSearchMixin:
    """Accent-insensitive search: "dung" and "Dũng" both find "Phan Tiến Dũng".

    Every word must appear, folded, in one of ``folded_search_fields`` (columns that store
    ``fold()``-ed text), or as typed in one of ``plain_search_fields``, or without its
    separators in one of ``phone_search_fields``. ``search_fields`` lists them all so that
    the admin shows a search box and offers autocompletion.
    """

    folded_search_fields: tuple[str, ...] = ()
    plain_search_fields: tuple[str, ...] = ()
    phone_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        for word in search_words(search_term):
            lookups = [(f"{name}__contains", fold(word)) for name in self.folded_search_fields]
            lookups += [(f"{name}__icontains", word) for name in self.plain_search_fields]
            if digits := normalise_phone(word):
                lookups += [(f"{name}__contains", digits) for name in self.phone_search_fields]
            queryset = queryset.filter(Q.create(lookups, connector=Q.OR))
        fields = (*self.folded_search_fields, *self.plain_search_fields, *self.phone_search_fields)
        may_have_duplicates = bool(search_term) and any(lookup_spawns_duplicates(self.opts, f) for f in fields)
        return queryset, may_have_duplicates


class BaseAdmin(RefusalAsMessageMixin, admin.ModelAdmin):
    pass


# Places ------------------------------------------------------------------------------


@admin.register(Province)
class ProvinceAdmin(BaseAdmin):
    list_display = ("name", "type_word", "code")
    list_filter = ("type_word",)
    search_fields = ("name", "code__exact")


@admin.register(District)
class DistrictAdmin(BaseAdmin):
    list_display = ("name", "type_word", "code", "province")
    list_filter = (("province", RelatedOnly), "type_word")
    list_select_related = ("province",)
    search_fields = ("name", "code__exact")
    autocomplete_fields = ("province",)


class VillageInline(admin.TabularInline):
    model = Village
    fields = ("type_word", "name", "households")
    extra = 0
    show_change_link = True


@admin.register(Commune)
class CommuneAdmin(BaseAdmin):
    list_display = ("name", "type_word", "code", "district", "province")
    list_filter = (("province", RelatedOnly), ("district", RelatedOnly), "type_word")
    list_select_related = ("province", "district")
    search_fields = ("name", "code__exact")
    autocomplete_fields = ("province", "district")
    inlines = (VillageInline,)


@admin.register(Village)
class VillageAdmin(BaseAdmin):
    list_display = ("name", "type_word", "commune", "district", "households")
    list_filter = (("commune__district", RelatedOnly), ("commune", RelatedOnly), "type_word")
    list_select_related = ("commune__district",)
    search_fields = ("name", "commune__name")
    autocomplete_fields = ("commune",)
    show_full_result_count = False

    @admin.display(description=_("district"), ordering="commune__district__name")
    def district(self, village):
        return village.commune.district


# People ------------------------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(FoldedSearchMixin, BaseAdmin):
    list_display = ("full_name", "gender", "position", "commune", "village", "phone")
    list_filter = (("commune__district", RelatedOnly), ("commune", RelatedOnly), "gender", "office")
    list_select_related = ("commune", "village")
    fields = ("full_name", "gender", "birth_year", "commune", "village", "position", "office", "phone")
    autocomplete_fields = ("commune", "village")
    folded_search_fields = ("search_name",)
    phone_search_fields = ("phone",)
    search_fields = ("search_name", "phone")
    search_help_text = _("A name, with or without accents (“dung” finds “Dũng”), or a phone number.")
    show_full_result_count = False


# Teams -------------------------------------------------------------------------------


class TeamForm(forms.ModelForm):
    """The base of the form TeamAdmin builds (the admin supplies the model and the fields)."""

    def validate_unique(self):
        super().validate_unique()
        # ``level`` is read-only here (Team.clean derives it from the village), so Django
        # skipped the constraints that name it; the ones on ``village`` already ran.
        try:
            self.instance.validate_constraints(exclude={"village", *self.errors})
        except ValidationError as exc:
            self.add_error(None, exc)


class MembershipForm(forms.ModelForm):
    """A row of the active composition. The person is what a membership is about: an
    existing row keeps its person (to replace someone, end the row and add a new one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "person" in self.fields:
            self.fields["person"].disabled = True


class ActiveMembershipFormSet(BaseInlineFormSet):
    """The team's active composition, checked as a whole against ``teams.rules``."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.started_by_id and DELETION_FIELD_NAME in form.fields:
            # A seat given by a decision is history: Membership.delete() refuses it.
            form.fields[DELETION_FIELD_NAME].disabled = True

    def active_rows(self):
        """(form, person, role) of every row this submission leaves active: not deleted, no end date."""
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if self._should_delete_form(form) or data.get("end_date"):
                continue
            if data.get("person") is not None and data.get("role"):
                yield form, data["person"], data["role"]

    def clean(self):
        super().clean()
        seats = []
        for form, person, role in self.active_rows():
            if self.instance.commune_id and person.commune_id != self.instance.commune_id:
                form.add_error("person", _("This person is kept by another commune."))
            seats.append(rules.Seat.of(person=person, role=role))
        if structural := rules.structural_violations(seats):
            raise ValidationError([v.message for v in structural])
        level = Team.Level.VILLAGE if self.instance.village_id else Team.Level.COMMUNE
        if rules.completeness_violations(level, seats):
            # A team being set up may be incomplete; the departures are judged on the
            # whole composition (the "Rule check" field shows them meanwhile).
            return
        departures = rules.advisory_departures(level, seats)
        if departures and not (self.data.get("departure_reason") or "").strip():
            field = Team._meta.get_field("departure_reason").verbose_name
            raise ValidationError(
                [
                    *(v.message for v in departures),
                    gettext("This composition departs from the recommended one: write the reason in “%(field)s”.")
                    % {"field": field},
                ]
            )

    def save(self, commit=True):
        if commit:
            # The partial unique constraints hold after every statement, so a valid
            # composition can collide half-way (leader and deputy swapping roles). Rows
            # this submission touches are parked as plain members first; each is then
            # saved with its final role. Existing rows keep their person, deletions and
            # endings come before the new rows, so persons and seats cannot collide.
            touched = [
                form.instance.pk
                for form in self.initial_forms
                if form.instance.pk and (self._should_delete_form(form) or form.has_changed())
            ]
            Membership.objects.filter(pk__in=touched, end_date__isnull=True).update(role=Role.MEMBER)
        return super().save(commit)


class ActiveMembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = ActiveMembershipFormSet
    fields = ("person", "role", "position", "start_date", "end_date")
    autocomplete_fields = ("person",)
    verbose_name = _("active member")
    verbose_name_plural = _("active members (give an end date to end a membership)")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(end_date__isnull=True).select_related("person")

    def get_extra(self, request, obj=None, **kwargs):
        taken = obj.active_memberships().count() if obj and obj.pk else 0
        return max(SEATS - taken, 0)


class MembershipHistoryInline(admin.TabularInline):
    """Ended memberships: the team's history, which never changes."""

    model = Membership
    fields = readonly_fields = ("person", "role", "position", "start_date", "end_date", "started_by", "ended_by")
    ordering = ("-end_date", "seat")
    verbose_name = _("former member")
    verbose_name_plural = _("former members (history, read-only)")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(end_date__isnull=False)
            .select_related("person", "started_by__commune", "ended_by__commune")
        )

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CollaboratorFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if self._should_delete_form(form) or data.get("left_on") or not data.get("person"):
                continue
            if data["person"].pk in seen:
                form.add_error("person", _("This person is already an active collaborator of this team."))
            seen.add(data["person"].pk)


class CollaboratorInline(admin.TabularInline):
    model = Collaborator
    formset = CollaboratorFormSet
    fields = ("person", "joined_on", "left_on", "note")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


def stored_seats(team: Team) -> list[rules.Seat]:
    """The active composition from ``team.active_seats`` when the list prefetched it."""
    if hasattr(team, "active_seats"):
        return [rules.Seat.of(person=m.person, role=m.role) for m in team.active_seats]
    return active_composition(team)


@admin.register(Team)
class TeamAdmin(FoldedSearchMixin, BaseAdmin):
    form = TeamForm
    list_display = ("team_name", "commune", "level", "status", "members_count", "is_complete", "established_on")
    list_filter = (("commune__district", RelatedOnly), ("commune", RelatedOnly), "level", "status")
    list_select_related = ("commune", "village")
    plain_search_fields = ("village__name", "commune__name")
    folded_search_fields = ("memberships__person__search_name",)
    search_fields = plain_search_fields + folded_search_fields
    search_help_text = _("A village or commune name, or a member's name with or without accents.")
    autocomplete_fields = ("commune", "village")
    readonly_fields = ("level", "rule_check")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("commune", "village", "level", "status")}),
        (_("Dates and contact"), {"fields": ("established_on", "dissolved_on", "zalo_url")}),
        (_("Composition"), {"fields": ("rule_check", "departure_reason")}),
    )
    inlines = (ActiveMembershipInline, MembershipHistoryInline, CollaboratorInline)

    def get_queryset(self, request):
        active = Membership.objects.filter(end_date__isnull=True).select_related("person")
        return (
            super()
            .get_queryset(request)
            .annotate(active_count=Count("memberships", filter=Q(memberships__end_date__isnull=True)))
            .prefetch_related(Prefetch("memberships", queryset=active, to_attr="active_seats"))
        )

    def get_inline_instances(self, request, obj=None):
        is_village_team = obj is not None and obj.level == Team.Level.VILLAGE
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if is_village_team or not isinstance(inline, CollaboratorInline)
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        team = form.instance
        missing = rules.completeness_violations(team.level, active_composition(team))
        if missing:
            self.message_user(
                request,
                gettext("The team is not complete yet: %(problems)s") % {"problems": " ".join(map(str, missing))},
                messages.WARNING,
            )

    @admin.display(description=_("team"), ordering="village__name")
    def team_name(self, team):
        return team.name

    @admin.display(description=_("active members"), ordering="active_count")
    def members_count(self, team):
        return team.active_count

    @admin.display(description=_("complete"), boolean=True)
    def is_complete(self, team):
        return not rules.hard(rules.check_composition(team.level, stored_seats(team), complete=True))

    @admin.display(description=_("rule check"))
    def rule_check(self, team):
        """What the stored composition still lacks, and where it departs from the recommendation."""
        if not team.pk:
            return gettext("Shown once the team is saved.")
        violations = rules.check_composition(team.level, active_composition(team), complete=True)
        if not violations:
            return gettext("The composition is complete and follows the recommendation.")
        label = {
            rules.Severity.HARD: gettext("to settle before submission"),
            rules.Severity.ADVISORY: gettext("departs from the recommendation"),
        }
        items = format_html_join("", "<li>{} ({})</li>", ((v.message, label[v.severity]) for v in violations))
        note = ""
        if rules.advisory(violations):
            note = (
                gettext("A reason for the departure is recorded.")
                if team.departure_reason
                else gettext("No reason for the departure is recorded yet.")
            )
        return format_html("<ul>{}</ul>{}", items, note)


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
class MembershipAdmin(FoldedSearchMixin, BaseAdmin):
    """Memberships, read-only: they change on their team's page, where the rules see the whole team."""

    list_display = ("person", "team", "role", "seat", "start_date", "end_date", "started_by")
    list_filter = (MembershipStateFilter, "role", ("team__commune", RelatedOnly))
    list_select_related = ("person", "team__commune", "team__village", "started_by__commune")
    folded_search_fields = ("person__search_name",)
    plain_search_fields = ("team__village__name",)
    search_fields = folded_search_fields + plain_search_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Collaborator)
class CollaboratorAdmin(FoldedSearchMixin, BaseAdmin):
    list_display = ("person", "team", "joined_on", "left_on")
    list_filter = (("team__commune", RelatedOnly), ("left_on", admin.EmptyFieldListFilter))
    list_select_related = ("person", "team__commune", "team__village")
    folded_search_fields = ("person__search_name",)
    plain_search_fields = ("team__village__name",)
    search_fields = folded_search_fields + plain_search_fields
    autocomplete_fields = ("team", "person")


@admin.register(Official)
class OfficialAdmin(BaseAdmin):
    list_display = ("user", "role", "commune", "district", "person")
    list_filter = ("role",)
    list_select_related = ("user", "commune", "district", "person")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "commune", "district", "person")
