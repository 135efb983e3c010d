"""An attachment filed with an issued document, served to the officials who read that document."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.text import slugify

from accounts import scoping
from lib import responses

from . import storage
from .models import Attachment


@login_required
def attachment_pdf(request, pk: int):
    """The stored bytes, checked against their SHA-256 (a changed file is refused, never served)."""
    attachment = scoping.get_in_scope(
        request.user, Attachment.objects.select_related("entry"), commune_field="entry__commune", pk=pk
    )
    try:
        data = storage.read(attachment.pdf_sha256)
    except storage.StoredDocumentError:
        raise Http404 from None
    number = slugify(attachment.entry.number_symbol.replace("/", "-"))
    return responses.pdf_response(data, filename=f"{number}-phu-luc-{attachment.position}.pdf", as_attachment=True)
