"""The pages every numbered document shares: its page, its PDF, its preview and its steps.

A kind's views (``decisions.views``, ``reports.commune_report_views``) describe themselves
with ``Pages`` and call these; the page itself is ``templates/documents/page.html``, which
each kind's template extends with what is its own (a decision's team and rule check, a
report's month). A document outside the user's reach is a 404; in reach but not theirs to
act on, a 403 from the lifecycle; a refusal the lifecycle explains is shown on the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from lib import responses
from lib.forms import NFCFormField

from . import lifecycle, page_images, rendering
from .models import DocumentEvent, IssuedDocument

# The preview is our own escaped HTML with one stylesheet and its fonts; forbid anything else.
PREVIEW_CSP = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; frame-ancestors 'self'"


class ReturnForm(forms.Form):
    comment = NFCFormField(
        label=gettext_lazy("What must change"),
        max_length=DocumentEvent._meta.get_field("comment").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent back to the clerk with the draft."),
    )


class IssueForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have read the document and sign it"),
        error_messages={"required": gettext_lazy("Confirm that you have read the document before signing it.")},
    )


@dataclass(frozen=True)
class Pages:
    """How one kind of document appears in the pages."""

    kind: lifecycle.Kind
    namespace: str  # of its URL names: "<namespace>:detail", ":pdf", ":preview", ...
    template: str  # its page, extending documents/page.html
    in_scope: Callable  # (user, pk) -> the document, or 404
    pdf_filename: Callable[[IssuedDocument], str]
    printed: Callable[[IssuedDocument], dict]  # the document as it prints now (snapshot once issued)
    not_submitted: Promise  # "The decision was not submitted:", before the reasons
    not_returned: Promise
    not_issued: Promise
    extra_context: Callable = lambda request, document: {}
    confirm_issue: bool = True  # the signer ticks "I have read the document and sign it"

    def to_page(self, document: IssuedDocument):
        return redirect(f"{self.namespace}:detail", pk=document.pk)


def last_return(events: list[DocumentEvent]) -> DocumentEvent | None:
    """The event that sent a draft back, when it is the latest thing that happened to it."""
    if events and events[-1].action == DocumentEvent.Action.RETURNED:
        return events[-1]
    return None


def page(pages: Pages, request, document: IssuedDocument, *, return_form=None, issue_form=None) -> HttpResponse:
    user = request.user
    events = list(document.events.select_related("by"))
    may_sign = scoping.is_signer_of(user, document.commune) and document.status == IssuedDocument.Status.SUBMITTED
    context = {
        "document": document,
        "namespace": pages.namespace,
        "events": events,
        "returned": last_return(events) if document.is_editable else None,
        "may_edit": scoping.is_clerk_of(user, document.commune) and document.is_editable,
        "may_sign": may_sign,
        "return_form": (return_form or ReturnForm()) if may_sign else None,
        "issue_form": (issue_form or IssueForm()) if may_sign and pages.confirm_issue else None,
        **pages.extra_context(request, document),
    }
    try:
        context["preview"] = page_images.preview(pages, document)
    except page_images.PreviewUnavailable:
        context["preview"] = None
    return render(request, pages.template, context)


def preview(pages: Pages, request, pk: int) -> HttpResponse:
    """The document exactly as it prints: the snapshot once issued, else as it stands."""
    document = pages.in_scope(request.user, pk)
    html = rendering.render_html(pages.kind.template, pages.printed(document), link_stylesheet=True)
    return HttpResponse(html, headers={"Content-Security-Policy": PREVIEW_CSP})


def page_image(pages: Pages, request, pk: int, number: int) -> HttpResponse:
    """Page ``number`` of the document's PDF as a PNG, for reading it on any screen.

    The same reach as the document's page and PDF (404 outside it). 404 for a page it does
    not have (the address takes ASCII digits only: ``<int:number>``). The ETag is the content
    hash: a browser that has this version of the page gets a 304 and nothing is rendered again.
    """
    document = pages.in_scope(request.user, pk)
    try:
        shown = page_images.preview(pages, document)
    except page_images.PreviewUnavailable:
        raise Http404 from None
    if not 1 <= number <= shown.count:
        raise Http404
    etag = f'"{shown.key}"'
    # An issued document never changes; a draft does, at the same address: ask each time.
    cache_control = "private, max-age=86400" if document.is_issued else "private, no-cache"
    headers = {"ETag": etag, "Cache-Control": cache_control}
    asked = parse_etags(request.headers.get("If-None-Match", ""))
    if etag in asked or "*" in asked:
        return HttpResponseNotModified(headers=headers)
    png = page_images.page_png(pages, document, shown.key, number)
    if png is None:
        raise Http404
    return HttpResponse(png, content_type="image/png", headers=headers)


def pdf(pages: Pages, request, pk: int) -> HttpResponse:
    """The stored bytes of an issued document, checked against their SHA-256, never re-rendered."""
    document = pages.in_scope(request.user, pk)
    try:
        data = lifecycle.pdf_bytes(pages.kind, document)
    except ValidationError as exc:
        responses.refused(request, exc, _("The PDF cannot be served:"))
        return pages.to_page(document)
    return responses.pdf_response(data, filename=pages.pdf_filename(document), as_attachment=True)


def submit(pages: Pages, request, pk: int) -> HttpResponse:
    document = pages.in_scope(request.user, pk)
    try:
        lifecycle.submit(pages.kind, document, by=request.user)
    except ValidationError as exc:
        responses.refused(request, exc, pages.not_submitted)
    else:
        messages.success(request, _("Submitted to the chairman."))
    return pages.to_page(document)


def return_to_clerk(pages: Pages, request, pk: int) -> HttpResponse:
    document = pages.in_scope(request.user, pk)
    scoping.require_signer(request.user, document.commune)
    form = ReturnForm(request.POST)
    if not form.is_valid() and document.status == IssuedDocument.Status.SUBMITTED:
        return page(pages, request, document, return_form=form)
    try:
        lifecycle.return_to_clerk(pages.kind, document, by=request.user, comment=form.cleaned_data.get("comment", ""))
    except ValidationError as exc:
        responses.refused(request, exc, pages.not_returned)
    else:
        messages.success(request, _("Returned to the clerk with your comment."))
    return pages.to_page(document)


def issue(pages: Pages, request, pk: int) -> HttpResponse:
    document = pages.in_scope(request.user, pk)
    scoping.require_signer(request.user, document.commune)
    if pages.confirm_issue:
        form = IssueForm(request.POST)
        if not form.is_valid() and document.status == IssuedDocument.Status.SUBMITTED:
            return page(pages, request, document, issue_form=form)
    try:
        document = lifecycle.issue(pages.kind, document, by=request.user)
    except (ValidationError, rendering.RenderingError) as exc:
        responses.refused(request, exc, pages.not_issued)
    else:
        messages.success(
            request,
            _("Issued as %(number)s on %(date)s.")
            % {"number": document.number_symbol, "date": document.issued_on.strftime("%d/%m/%Y")},
        )
    return pages.to_page(document)
