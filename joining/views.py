"""Pages for applications to join a team and requests to leave it.

Thin views: reads from ``joining.selectors``, every step through ``joining.services``, and
``accounts.scoping`` decides who sees what. A request outside the user's reach is a 404; in
reach but not theirs to act on is a 403 (checked before the form is read, so a district
officer's POST is refused whatever it holds). A step the service refuses because the
request has moved on is shown as a message on the request's page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from lib import responses
from lib.forms import add_model_errors
from lib.text import ascii_int
from teams.models import Commune

from . import selectors, services
from .forms import DecideForm, JoinApplicationForm, LeaveRequestForm, ProposeForm, RecommendForm, ReplacementForm
from .models import JoinApplication, LeaveRequest, Stage

PAGE_SIZE = 25
KINDS = ("join", "leave")


def _clerk_commune(user) -> Commune:
    """The commune the clerk keeps; 403 for everyone else."""
    if not scoping.can_edit(user):
        raise PermissionDenied(_("Only the commune clerk may change this."))
    return scoping.commune_of(user)


# The list --------------------------------------------------------------------------------------


@login_required
def request_list(request):
    user = request.user
    kind = request.GET.get("kind")
    kind = kind if kind in KINDS else "join"
    rows = selectors.application_list(user) if kind == "join" else selectors.leave_request_list(user)
    context = {
        "kind": kind,
        "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": scoping.can_edit(user),
        "several_communes": scoping.reads_several_communes(user),
    }
    return render(request, "joining/request_list.html", context)


# Joining ---------------------------------------------------------------------------------------


@login_required
def application_create(request):
    commune = _clerk_commune(request.user)
    form = JoinApplicationForm(request.POST if request.method == "POST" else None, commune=commune)
    if form.is_bound and form.is_valid():
        try:
            application = services.application_create(commune=commune, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The application of %(name)s was recorded.") % {"name": application.full_name})
            return redirect("joining:application_detail", pk=application.pk)
    return render(request, "joining/application_form.html", {"form": form, "commune": commune})


def _render_application(request, application: JoinApplication, *, recommend_form=None, decide_form=None):
    user = request.user
    stage = application.stage
    is_clerk = scoping.is_clerk_of(user, application.commune)
    is_signer = scoping.is_signer_of(user, application.commune)
    can_recommend = is_clerk and stage == Stage.SUBMITTED
    can_decide = is_signer and stage == Stage.RECOMMENDED
    context = {
        "application": application,
        "team": application.team,
        "seats": services.seats_of(application.team),
        "seats_taken": application.team.active_memberships().count(),
        "recommend_form": (recommend_form or RecommendForm()) if can_recommend else None,
        "decide_form": (decide_form or DecideForm()) if can_decide else None,
        "can_draft": is_clerk and stage == Stage.APPROVED,
    }
    return render(request, "joining/application_detail.html", context)


@login_required
def application_detail(request, pk: int):
    return _render_application(request, selectors.application_in_scope(request.user, pk))


@login_required
@require_POST
def application_recommend(request, pk: int):
    application = selectors.application_in_scope(request.user, pk)
    scoping.require_clerk(request.user, application.commune)
    form = RecommendForm(request.POST)
    if not form.is_valid():
        return _render_application(request, application, recommend_form=form)
    try:
        services.application_recommend(
            application=application,
            by=request.user,
            recommended_by=form.cleaned_data["recommended_by"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        messages.success(request, _("The recommendation was recorded."))
    return redirect("joining:application_detail", pk=pk)


@login_required
@require_POST
def application_decide(request, pk: int):
    application = selectors.application_in_scope(request.user, pk)
    scoping.require_signer(request.user, application.commune)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _render_application(request, application, decide_form=form)
    try:
        application = services.application_decide(
            application=application, by=request.user, approve=form.approve, comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        if application.status == Stage.COLLABORATOR:
            text = _("Approved. The team is full: %(name)s joined its collaborator group.")
        elif application.status == Stage.APPROVED:
            text = _("Approved. The clerk can now draft the decision amending the team.")
        else:
            text = _("The application of %(name)s was rejected.")
        messages.success(request, text % {"name": application.full_name})
    return redirect("joining:application_detail", pk=pk)


@login_required
@require_POST
def application_draft(request, pk: int):
    application = selectors.application_in_scope(request.user, pk)
    scoping.require_clerk(request.user, application.commune)
    try:
        decision = services.application_draft_decision(application=application, by=request.user)
    except ValidationError as exc:
        responses.refused(request, exc)
        return redirect("joining:application_detail", pk=pk)
    messages.success(request, _("The amending decision was drafted: review its members and text, then submit it."))
    return redirect("decisions:detail", pk=decision.pk)


# Leaving ---------------------------------------------------------------------------------------


@login_required
def leave_request_create(request):
    commune = _clerk_commune(request.user)
    initial = {}
    if (membership := ascii_int(request.GET.get("membership"))) is not None:
        initial["membership"] = membership
    form = LeaveRequestForm(request.POST if request.method == "POST" else None, commune=commune, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            leave_request = services.leave_request_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(
                request,
                _("The request of %(name)s to leave the team was recorded.")
                % {"name": leave_request.membership.person.full_name},
            )
            return redirect("joining:leave_request_detail", pk=leave_request.pk)
    return render(request, "joining/leave_request_form.html", {"form": form, "commune": commune})


def _render_leave_request(
    request, leave_request: LeaveRequest, *, propose_form=None, decide_form=None, draft_form=None
):
    user = request.user
    stage = leave_request.stage
    is_clerk = scoping.is_clerk_of(user, leave_request.commune)
    is_signer = scoping.is_signer_of(user, leave_request.commune)
    can_draft = is_clerk and stage == Stage.APPROVED
    context = {
        "leave_request": leave_request,
        "team": leave_request.team,
        "membership": leave_request.membership,
        "propose_form": (propose_form or ProposeForm()) if is_clerk and stage == Stage.SUBMITTED else None,
        "decide_form": (decide_form or DecideForm()) if is_signer and stage == Stage.PROPOSED else None,
        "draft_form": (draft_form or ReplacementForm(team=leave_request.team)) if can_draft else None,
    }
    return render(request, "joining/leave_request_detail.html", context)


@login_required
def leave_request_detail(request, pk: int):
    return _render_leave_request(request, selectors.leave_request_in_scope(request.user, pk))


@login_required
@require_POST
def leave_request_propose(request, pk: int):
    leave_request = selectors.leave_request_in_scope(request.user, pk)
    scoping.require_clerk(request.user, leave_request.commune)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _render_leave_request(request, leave_request, propose_form=form)
    try:
        services.leave_request_propose(
            leave_request=leave_request,
            by=request.user,
            proposed_by=form.cleaned_data["proposed_by"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        messages.success(request, _("The team leader's proposal was recorded."))
    return redirect("joining:leave_request_detail", pk=pk)


@login_required
@require_POST
def leave_request_decide(request, pk: int):
    leave_request = selectors.leave_request_in_scope(request.user, pk)
    scoping.require_signer(request.user, leave_request.commune)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _render_leave_request(request, leave_request, decide_form=form)
    try:
        services.leave_request_decide(
            leave_request=leave_request, by=request.user, approve=form.approve, comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        if form.approve:
            messages.success(request, _("Approved. The clerk can now draft the decision amending the team."))
        else:
            messages.success(request, _("The request to leave was rejected."))
    return redirect("joining:leave_request_detail", pk=pk)


@login_required
@require_POST
def leave_request_draft(request, pk: int):
    leave_request = selectors.leave_request_in_scope(request.user, pk)
    scoping.require_clerk(request.user, leave_request.commune)
    form = ReplacementForm(request.POST, team=leave_request.team)
    if not form.is_valid():
        return _render_leave_request(request, leave_request, draft_form=form)
    try:
        decision = services.leave_request_draft_decision(
            leave_request=leave_request, replacement=form.cleaned_data["replacement"], by=request.user
        )
    except ValidationError as exc:
        responses.refused(request, exc)
        return redirect("joining:leave_request_detail", pk=pk)
    messages.success(request, _("The amending decision was drafted: review its members and text, then submit it."))
    return redirect("decisions:detail", pk=decision.pk)
