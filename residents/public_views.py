"""The public pages: no login, Vietnamese, no JavaScript, small.

The team's page is served from the cache (``residents.cache``) and carries no form; the
help request has its own page, which is never cached and holds the CSRF token (a cached
page cannot carry one visitor's token).
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lib.forms import add_model_errors

from . import cache, selectors, services, throttling
from .forms import HelpRequestForm

NOINDEX = "noindex"


def _public(response: HttpResponse, *, indexable: bool) -> HttpResponse:
    # Browsers and proxies ask again each time: a withdrawn consent must show at once.
    response["Cache-Control"] = "no-cache"
    if not indexable:
        response["X-Robots-Tag"] = NOINDEX
    return response


def _page_or_404(slug: str):
    page = selectors.public_page(slug)
    if page is None:
        raise Http404
    return page


@require_safe
def public_page(request, slug: str):
    entry = cache.cached_page(slug)
    if entry is None:
        page = _page_or_404(slug)
        team = page.team
        version = cache.commune_version(team.commune_id)
        data = selectors.public_page_data(team)
        data["help_url"] = reverse("public:help", args=[slug])
        with translation.override("vi"):
            body = render_to_string("residents/public_page.html", data)
        entry = cache.CachedPage(commune_id=team.commune_id, version=version, body=body, indexable=data["indexable"])
        cache.store_page(slug, entry)
    return _public(HttpResponse(entry.body), indexable=entry.indexable)


@require_http_methods(["GET", "HEAD", "POST"])
def help_request(request, slug: str):
    page = _page_or_404(slug)
    team = page.team
    publishing = selectors.publishing_of(team.commune)
    indexable = bool(publishing and publishing.allow_indexing)
    status = 200
    refusal = ""
    with translation.override("vi"):
        form = HelpRequestForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if not throttling.allow(request):
                refusal = _("Too many requests from your connection: please wait a minute and try again.")
                status = 429
            elif form.is_bot:
                return redirect("public:help_sent", slug=slug)
            elif form.is_valid():
                fields = {key: form.cleaned_data[key] for key in ("name", "phone", "need", "detail", "consent")}
                try:
                    services.help_request_send(team=team, **fields)
                except ValidationError as exc:
                    add_model_errors(form, exc)
                else:
                    return redirect("public:help_sent", slug=slug)
        context = {"team": team, "form": form, "slug": slug, "indexable": indexable, "refusal": refusal}
        response = render(request, "residents/help_form.html", context, status=status)
    return _public(response, indexable=indexable)


@require_safe
def help_sent(request, slug: str):
    page = _page_or_404(slug)
    publishing = selectors.publishing_of(page.team.commune)
    indexable = bool(publishing and publishing.allow_indexing)
    with translation.override("vi"):
        response = render(
            request, "residents/help_sent.html", {"team": page.team, "slug": slug, "indexable": indexable}
        )
    return _public(response, indexable=indexable)
