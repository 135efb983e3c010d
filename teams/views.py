"""Pages for villages, people and teams.

Thin views: reads come from ``teams.selectors``, writes from ``teams.services`` or a model
form, and ``accounts.scoping`` decides who sees what. An object outside the user's scope
is a 404; in scope but not theirs to change (anyone but the commune clerk) is a 403.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from lib.forms import add_model_errors
from lib.page_cache import per_reader
from lib.text import ascii_int

from . import selectors, services, village_changes
from .forms import (
    CollaboratorEndForm,
    CollaboratorForm,
    PersonFilterForm,
    PersonForm,
    TeamForm,
    VillageFilterForm,
    VillageForm,
    VillageMergeForm,
    VillageRenameForm,
)
from .models import Commune, Person, Team, Village

PAGE_SIZE = 25


def _clerk_commune(user) -> Commune:
    """The commune the clerk keeps; 403 for everyone else."""
    if not scoping.can_edit(user):
        raise PermissionDenied(_("Only the commune clerk may change this."))
    return scoping.commune_of(user)


def _several_communes(user) -> bool:
    return scoping.reads_several_communes(user)


def _save(form) -> bool:
    """Save a valid model form; a clash with a row saved meanwhile becomes a form error."""
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        form.add_error(
            None,
            _("Nothing was saved: someone else changed the same records at the same time. Review and try again."),
        )
        return False
    return True


# Villages -----------------------------------------------------------------------------------


@per_reader
@login_required
def village_list(request):
    user = request.user
    filters = None
    if _several_communes(user):
        filters = VillageFilterForm(request.GET or None, communes=scoping.visible_communes(user))
    commune = filters.value("commune") if filters else None
    page = Paginator(selectors.village_list(user, commune=commune), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "commune_rows": selectors.commune_rows(user, commune=commune),
        "filters": filters,
        "several_communes": _several_communes(user),
        "can_edit": scoping.can_edit(user),
    }
    return render(request, "teams/village_list.html", context)


@login_required
def village_create(request):
    commune = _clerk_commune(request.user)
    form = VillageForm(request.POST if request.method == "POST" else None, commune=commune)
    if form.is_bound and form.is_valid() and _save(form):
        messages.success(request, _("The village %(name)s was added.") % {"name": form.instance.full_name})
        return redirect("teams:village_list")
    return render(request, "teams/village_form.html", {"form": form, "commune": commune})


def _clerks_village(request, pk: int) -> tuple[Village, Commune]:
    village = scoping.get_in_scope(request.user, Village.objects.select_related("commune"), pk=pk)
    return village, _clerk_commune(request.user)


def _render_village(request, village: Village, commune: Commune, **forms):
    """The village's page for the clerk: the correction form, its history, and, while it
    exists, the changes a council resolution makes."""
    stored = Village.objects.get(pk=village.pk)  # a bound form has copied what was typed onto ``village``
    live = stored.ceased_on is None
    context = {
        "form": forms.get("form") or VillageForm(instance=stored, commune=commune),
        "rename_form": (forms.get("rename_form") or VillageRenameForm(initial={"type_word": stored.type_word}))
        if live
        else None,
        "merge_form": (forms.get("merge_form") or VillageMergeForm(village=stored)) if live else None,
        "changes": stored.changes.select_related("merged_into", "recorded_by").order_by("on", "pk"),
        "merged_from": stored.merged_from.order_by("on", "pk"),
        "commune": commune,
        "village": stored,
        "stored_name": stored.full_name,
    }
    return render(request, "teams/village_form.html", context)


@login_required
def village_update(request, pk: int):
    """The clerk corrects a village's name or type (a typing slip), or enters its households.
    A rename or merge decided by the council is recorded apart, as a dated change."""
    village, commune = _clerks_village(request, pk)
    if village.ceased_on is not None and request.method == "POST":
        raise PermissionDenied(_("This village was merged into another: its history can be read, not changed."))
    form = VillageForm(request.POST if request.method == "POST" else None, instance=village, commune=commune)
    if form.is_bound and form.is_valid() and _save(form):
        messages.success(request, _("The changes to %(name)s were saved.") % {"name": form.instance.full_name})
        return redirect("teams:village_list")
    return _render_village(request, village, commune, form=form)


@login_required
@require_POST
def village_rename(request, pk: int):
    village, commune = _clerks_village(request, pk)
    form = VillageRenameForm(request.POST)
    if form.is_valid():
        try:
            change = village_changes.village_rename(village=village, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(old)s is called %(new)s from %(day)s.")
                % {
                    "old": change.old_full_name,
                    "new": f"{change.new_type_word} {change.new_name}",
                    "day": f"{change.on:%d/%m/%Y}",
                },
            )
            return redirect("teams:village_update", pk=village.pk)
    return _render_village(request, village, commune, rename_form=form)


@login_required
@require_POST
def village_merge(request, pk: int):
    village, commune = _clerks_village(request, pk)
    form = VillageMergeForm(request.POST, village=village)
    if form.is_valid():
        try:
            change = village_changes.village_merge(village=village, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(village)s is merged into %(into)s from %(day)s.")
                % {"village": village.full_name, "into": change.merged_into.full_name, "day": f"{change.on:%d/%m/%Y}"},
            )
            return redirect("teams:village_update", pk=village.pk)
    return _render_village(request, village, commune, merge_form=form)


# People ----------------------------------------------------------------------------------------


@per_reader
@login_required
def person_list(request):
    user = request.user
    filters = PersonFilterForm(
        request.GET or None,
        communes=scoping.visible_communes(user),
        villages=selectors.readable_villages(user),
        several_communes=_several_communes(user),
    )
    people = selectors.person_list(
        user,
        query=filters.value("q") or "",
        village=filters.value("village"),
        commune=filters.value("commune"),
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "filters": filters,
        "several_communes": _several_communes(user),
        "can_edit": scoping.can_edit(user),
    }
    return render(request, "teams/person_list.html", context)


def _person_in_scope(user, pk: int) -> Person:
    return scoping.get_in_scope(user, selectors.readable_people(user).select_related("commune", "village"), pk=pk)


@login_required
def person_detail(request, pk: int):
    person = _person_in_scope(request.user, pk)
    context = {
        "person": person,
        "communes": selectors.person_communes(person),
        "memberships": selectors.person_memberships(request.user, person),
        "collaborations": selectors.person_collaborations(request.user, person),
        "history": selectors.change_history(person, known=(person.commune, person.village)),
        "history_limit": selectors.HISTORY_LIMIT,
        "can_edit": scoping.can_edit(request.user),
    }
    return render(request, "teams/person_detail.html", context)


@login_required
def person_create(request):
    commune = _clerk_commune(request.user)
    form = PersonForm(request.POST if request.method == "POST" else None, commune=commune)
    if form.is_bound and form.is_valid() and _save(form):
        messages.success(request, _("%(name)s was added.") % {"name": form.instance.full_name})
        return redirect("teams:person_detail", pk=form.instance.pk)
    return render(request, "teams/person_form.html", {"form": form, "commune": commune})


@login_required
def person_update(request, pk: int):
    person = _person_in_scope(request.user, pk)
    commune = _clerk_commune(request.user)
    stored_name = person.full_name
    form = PersonForm(request.POST if request.method == "POST" else None, instance=person, commune=commune)
    if form.is_bound and form.is_valid() and _save(form):
        messages.success(request, _("The changes to %(name)s were saved.") % {"name": form.instance.full_name})
        return redirect("teams:person_detail", pk=person.pk)
    # The form has copied what was typed onto ``person``: headings show the stored name.
    context = {"form": form, "commune": commune, "person": person, "stored_name": stored_name}
    return render(request, "teams/person_form.html", context)


# Teams ------------------------------------------------------------------------------------------


def _team_in_scope(user, pk: int) -> Team:
    return scoping.get_in_scope(user, selectors.readable_teams(user).select_related("commune", "village"), pk=pk)


DRAFT_KINDS = {
    Team.Status.FORMING: ("establish",),
    Team.Status.ACTIVE: ("amend", "dissolve"),
}


def _draft_links(team: Team) -> list[tuple[str, str]]:
    """(label, url) of the decisions the clerk may draft for ``team`` in its present status."""
    base = reverse("decisions:create")
    labels = {
        "establish": _("Draft the decision establishing the team"),
        "amend": _("Draft a decision amending the team"),
        "dissolve": _("Draft a decision dissolving the team"),
    }
    return [
        (labels[kind], f"{base}?{urlencode({'team': team.pk, 'kind': kind})}")
        for kind in DRAFT_KINDS.get(team.status, ())
    ]


def _render_team(request, team: Team, *, collaborator_form: CollaboratorForm | None = None):
    can_edit = scoping.can_edit(request.user)
    members = selectors.team_members(team)
    violations = selectors.rule_check(team, members)
    takes_collaborators = can_edit and team.level == Team.Level.VILLAGE and team.status != Team.Status.DISSOLVED
    if takes_collaborators and collaborator_form is None:
        collaborator_form = CollaboratorForm(team=team)
    context = {
        "team": team,
        "communes": selectors.team_communes(team),
        "members": members,
        "collaborators": selectors.team_collaborators(team),
        "memberships": selectors.team_history(team),
        "hard_violations": [v for v in violations if v.is_hard],
        "advisory_violations": [v for v in violations if not v.is_hard],
        "history": selectors.team_change_history(team),
        "history_limit": selectors.HISTORY_LIMIT,
        "can_edit": can_edit,
        "collaborator_form": collaborator_form if takes_collaborators else None,
        "draft_links": _draft_links(team) if can_edit else [],
    }
    return render(request, "teams/team_detail.html", context)


@per_reader
@login_required
def team_detail(request, pk: int):
    return _render_team(request, _team_in_scope(request.user, pk))


@login_required
@require_POST
def team_create(request):
    """Set up a team (status "being set up") for a village, or the commune team when no village is given."""
    commune = _clerk_commune(request.user)
    village_pk = request.POST.get("village", "")
    village = None
    if village_pk:
        pk = ascii_int(village_pk)
        if pk is None:
            raise Http404
        village = scoping.get_in_scope(request.user, Village.objects.all(), pk=pk)
    try:
        with transaction.atomic():
            team = services.team_create(commune=commune, village=village)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("teams:village_list")
    except IntegrityError:
        messages.error(request, _("Nothing was saved: this place already has a team that is not dissolved."))
        return redirect("teams:village_list")
    messages.success(request, _("%(team)s is being set up.") % {"team": team.name})
    return redirect("teams:team_detail", pk=team.pk)


@login_required
def team_update(request, pk: int):
    team = _team_in_scope(request.user, pk)
    _clerk_commune(request.user)
    form = TeamForm(request.POST if request.method == "POST" else None, instance=team)
    if form.is_bound and form.is_valid() and _save(form):
        messages.success(request, _("The changes to %(team)s were saved.") % {"team": team.name})
        return redirect("teams:team_detail", pk=team.pk)
    return render(request, "teams/team_form.html", {"form": form, "team": team})


@login_required
@require_POST
def collaborator_add(request, pk: int):
    team = _team_in_scope(request.user, pk)
    _clerk_commune(request.user)
    form = CollaboratorForm(request.POST, team=team)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.collaborator_add(team=team, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        except IntegrityError:
            form.add_error("person", _("This person is already a collaborator of this team."))
        else:
            messages.success(
                request, _("%(name)s joined the collaborator group.") % {"name": form.cleaned_data["person"].full_name}
            )
            return redirect("teams:team_detail", pk=team.pk)
    return _render_team(request, team, collaborator_form=form)


@login_required
@require_POST
def collaborator_end(request, pk: int, collaborator_pk: int):
    team = _team_in_scope(request.user, pk)
    _clerk_commune(request.user)
    collaborator = get_object_or_404(
        team.collaborators.select_related("person", "team"), pk=collaborator_pk, left_on__isnull=True
    )
    form = CollaboratorEndForm(request.POST, collaborator=collaborator)
    if form.is_valid():
        try:
            form.save()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("%(name)s left the collaborator group.") % {"name": collaborator.person.full_name}
            )
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return redirect("teams:team_detail", pk=team.pk)
