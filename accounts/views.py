"""Pages where the commune clerk manages the logins of team leaders and vice-chairmen.

Thin views: reads from ``accounts.selectors``, every write through ``accounts.services``.
Anyone but a commune clerk gets 403 on every page (checked before anything is read); a
login the clerk does not manage (another commune's, the clerk's own, the chairman's) is a
404. A generated password is shown once, in the answer to the POST that made it, and never
stored anywhere it could be read back (no message, no session).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import scoping
from lib.forms import add_model_errors
from teams.models import Commune

from . import selectors, services
from .forms import LoginCreateForm, LoginUpdateForm, PasswordForm
from .models import Official

HISTORY_LABELS = {
    "login_create": gettext_lazy("login created"),
    "login_update": gettext_lazy("role or person changed"),
    "login_disable": gettext_lazy("login disabled"),
    "login_enable": gettext_lazy("login re-enabled"),
    "login_set_password": gettext_lazy("password reset"),
}


def _clerk_commune(user) -> Commune:
    """The commune whose logins the clerk manages; 403 for everyone else."""
    if not scoping.can_edit(user):
        raise PermissionDenied(_("Only the commune clerk manages logins."))
    return scoping.commune_of(user)


def _done(request, message: str, official: Official) -> None:
    messages.success(request, message % {"username": official.user.get_username()})


def _password_shown(request, issued: services.Issued, *, created: bool):
    context = {"official": issued.official, "password": issued.password, "created": created}
    return render(request, "accounts/login_password_shown.html", context)


@login_required
def login_list(request):
    commune = _clerk_commune(request.user)
    context = {"commune": commune, "logins": selectors.managed_logins(commune)}
    return render(request, "accounts/login_list.html", context)


@login_required
@never_cache
def login_create(request):
    commune = _clerk_commune(request.user)
    form = LoginCreateForm(request.POST if request.method == "POST" else None, commune=commune)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.login_create(
                commune=commune,
                person=data["person"],
                role=data["role"],
                username=data["username"],
                password=data["password"],
                by=request.user,
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            if issued.password:
                return _password_shown(request, issued, created=True)
            _done(request, _("The login %(username)s was created."), issued.official)
            return redirect("accounts:login_list")
    return render(request, "accounts/login_form.html", {"form": form, "commune": commune})


def _history(official: Official) -> list[dict]:
    return [
        {
            "at": entry.timestamp,
            "what": HISTORY_LABELS.get((entry.additional_data or {}).get("action"), ""),
            "by": entry.actor.get_username() if entry.actor else "",
        }
        for entry in selectors.login_history(official)
    ]


def _render_login(request, official: Official, form: LoginUpdateForm):
    context = {"official": official, "form": form, "history": _history(official)}
    return render(request, "accounts/login_detail.html", context)


@login_required
def login_detail(request, pk: int):
    """The login's page: its role and person, disable or re-enable, reset, its history."""
    commune = _clerk_commune(request.user)
    official = selectors.managed_login(commune, pk)
    form = LoginUpdateForm(
        request.POST if request.method == "POST" else None,
        commune=commune,
        keeping=official.person,
        initial={"person": official.person_id, "role": official.role},
    )
    if form.is_bound and form.is_valid():
        try:
            services.login_update(
                official=official, role=form.cleaned_data["role"], person=form.cleaned_data["person"], by=request.user
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            _done(request, _("The changes to %(username)s were saved."), official)
            return redirect("accounts:login_list")
    return _render_login(request, official, form)


@login_required
@require_POST
def login_disable(request, pk: int):
    official = selectors.managed_login(_clerk_commune(request.user), pk)
    services.login_disable(official=official, by=request.user)
    _done(request, _("%(username)s is disabled: it can no longer log in."), official)
    return redirect("accounts:login_list")


@login_required
@require_POST
def login_enable(request, pk: int):
    official = selectors.managed_login(_clerk_commune(request.user), pk)
    services.login_enable(official=official, by=request.user)
    _done(request, _("%(username)s may log in again."), official)
    return redirect("accounts:login_list")


@login_required
@never_cache
def login_password(request, pk: int):
    official = selectors.managed_login(_clerk_commune(request.user), pk)
    form = PasswordForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            issued = services.login_set_password(
                official=official, password=form.cleaned_data["password"], by=request.user
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            if issued.password:
                return _password_shown(request, issued, created=False)
            _done(request, _("The password of %(username)s was reset."), official)
            return redirect("accounts:login_list")
    return render(request, "accounts/login_password_form.html", {"official": official, "form": form})
