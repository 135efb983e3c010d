"""The staff's pages: consent (the clerk), public pages and posters, help requests.

Thin views: every write through ``residents.services``, ``accounts.scoping`` decides who
sees what. A person, team or request outside the user's reach is a 404; in reach but not
theirs to act on is a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scoping
from lib import responses
from lib.collation import vietnamese
from lib.forms import add_model_errors
from teams.models import Commune, Person, Team
from teams.selectors import readable_teams

from . import exports, selectors, services
from .forms import ConsentGiveForm, ConsentWithdrawForm, PublishingForm
from .models import ConsentRecord, HelpRequest, PublicPage
from .poster import SIZES, poster_pdf


def _clerk_commune(user) -> Commune:
    if not scoping.can_edit(user):
        raise PermissionDenied(_("Only the commune clerk may do this."))
    return scoping.commune_of(user)


@login_required
def index(request):
    """The clerk's page: the commune's contact and indexing setting, each team's public page."""
    commune = _clerk_commune(request.user)
    publishing = selectors.publishing_of(commune)
    form = PublishingForm(request.POST or None, instance=publishing)
    if request.method == "POST" and form.is_valid():
        try:
            services.publishing_update(commune=commune, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The public pages' settings are saved."))
            return redirect("residents:index")
    teams = (
        Team.objects.filter(commune=commune, status=Team.Status.ACTIVE)
        .select_related("commune", "village", "public_page")
        .order_by("level", vietnamese("village__name"))
    )
    return render(request, "residents/index.html", {"commune": commune, "form": form, "teams": teams})


def _clerk_team(user, pk: int) -> Team:
    team = scoping.get_in_scope(user, Team.objects.select_related("commune", "village"), pk=pk)
    scoping.require_clerk(user, team.commune)
    return team


@login_required
@require_POST
def page_publish(request, pk: int):
    team = _clerk_team(request.user, pk)
    try:
        services.public_page_publish(team=team, by=request.user)
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        messages.success(request, _("The team's public page is published."))
    return redirect("teams:team_detail", pk=team.pk)


@login_required
@require_POST
def page_regenerate(request, pk: int):
    team = _clerk_team(request.user, pk)
    page = PublicPage.objects.filter(team=team).first()
    if page is None:
        raise Http404
    services.public_page_regenerate(page=page, by=request.user)
    messages.success(request, _("The page has a new address; the old one no longer works. Print the poster again."))
    return redirect("teams:team_detail", pk=team.pk)


@login_required
def poster(request, pk: int, size: str):
    """The team's poster as a PDF, from current data: the clerk's and the team leader's."""
    if size not in SIZES:
        raise Http404
    team = scoping.get_in_scope(request.user, readable_teams(request.user).select_related("commune", "village"), pk=pk)
    if not services.may_handle(request.user, team):
        raise PermissionDenied(_("Only the team's leader or the commune clerk may print its poster."))
    page = PublicPage.objects.filter(team=team, team__status=Team.Status.ACTIVE).first()
    if page is None:
        raise Http404
    page_url = request.build_absolute_uri(reverse("public:page", args=[page.slug]))
    data = poster_pdf(team, size=size, page_url=page_url)
    return responses.pdf_response(data, filename=f"{team.name} {size.upper()}.pdf", as_attachment=False)


# Consent ------------------------------------------------------------------------------------


@login_required
def consent_record(request, pk: int):
    person = scoping.get_in_scope(request.user, Person.objects.select_related("commune"), pk=pk)
    scoping.require_clerk(request.user, person.commune)
    action = request.POST.get("action") if request.method == "POST" else None
    give = ConsentGiveForm(request.POST if action == "give" else None, request.FILES if action == "give" else None)
    withdraw = ConsentWithdrawForm(request.POST if action == "withdraw" else None, prefix="withdraw")
    form = give if action == "give" else withdraw if action == "withdraw" else None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "give":
                services.consent_give(
                    person=person,
                    subject=data["subject"],
                    on=data["on"],
                    method=data["method"],
                    scan=data["scan"] or None,
                    by=request.user,
                )
            else:
                services.consent_withdraw(person=person, subject=data["subject"], on=data["on"], by=request.user)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("teams:person_detail", pk=person.pk)
    context = {"person": person, "give": give, "withdraw": withdraw, "history": selectors.consent_history(person)}
    return render(request, "residents/consent_form.html", context)


@login_required
def consent_scan(request, pk: int):
    record = scoping.get_in_scope(
        request.user, ConsentRecord.objects.select_related("person__commune"), commune_field="person__commune", pk=pk
    )
    if not scoping.is_clerk_of(request.user, record.person.commune) or not record.scan:
        raise Http404
    extension = record.scan.name.rsplit(".", 1)[-1]
    return FileResponse(record.scan.open("rb"), filename=f"consent-{record.pk}.{extension}")


@login_required
def consent_export(request, fmt: str):
    commune = _clerk_commune(request.user)
    states = selectors.consent_states(commune)
    if fmt == "xlsx":
        return responses.download(exports.consents_xlsx(states), filename="consents.xlsx", content_type=exports.XLSX)
    if fmt == "csv":
        return responses.download(exports.consents_csv(states), filename="consents.csv", content_type=exports.CSV)
    raise Http404


# Help requests ------------------------------------------------------------------------------


@login_required
@require_POST
def help_request_handle(request, pk: int):
    help_request = scoping.get_in_scope(
        request.user, HelpRequest.objects.select_related("team__commune"), commune_field="team__commune", pk=pk
    )
    if not readable_teams(request.user).filter(pk=help_request.team_id).exists():
        raise Http404
    try:
        services.help_request_handle(help_request=help_request, by=request.user)
    except ValidationError as exc:
        responses.refused(request, exc)
    else:
        messages.success(request, _("The request is marked handled."))
    return redirect("teams:team_detail", pk=help_request.team_id)
