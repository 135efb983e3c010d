"""What a page answers when a service refuses, and when it hands over a file.

``refused`` puts one error message on the next page: what was refused, then every reason
the model or service gave. ``download`` and ``pdf_response`` hand over a file under a
name any browser saves correctly, Vietnamese letters included (RFC 6266).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"


def refused(request, exc: Exception, intro: str = _("Nothing was changed:")) -> None:
    """One error message: what was refused, then every reason given."""
    reasons = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
    items = format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons))
    messages.error(request, format_html("{}<ul class='mb-0'>{}</ul>", intro, items))


def download(data: bytes, *, filename: str, content_type: str, as_attachment: bool = True) -> HttpResponse:
    disposition = content_disposition_header(as_attachment=as_attachment, filename=filename)
    return HttpResponse(data, content_type=content_type, headers={"Content-Disposition": disposition})


def pdf_response(data: bytes, *, filename: str, as_attachment: bool) -> HttpResponse:
    return download(data, filename=filename, content_type=PDF, as_attachment=as_attachment)
