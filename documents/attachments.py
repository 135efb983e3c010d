"""Attachments filed separately with an issued document ("phụ lục"), and their mark.

Decree 30/2020/NĐ-CP, Appendix I (the digital signature of the issuing body on a document
attached to the main one; ``../shared/nd30-layout.md``, "Electronic copies"): a separately
filed attachment shows no signature image but, in the top right corner of its first page,
the number/symbol of the document it goes with and the moment it was signed, in ISO 8601
with the Vietnam offset ("2022-10-04T15:30:12+07:00"), in 10 pt, black. The attachment is
signed by the issuing body's seal alone (``documents.signing.sign_attachment``).

A kind of document names its attachments (``lifecycle.Kind.attachments``): each is a dict
``templates/documents/attachment.html`` lays out (title, subject, the line that says what
it is attached to, sections of paragraphs). At issuance each is rendered, marked when the
document is signed electronically, signed, stored by its SHA-256 and recorded under the
register line (``models.Attachment``).
"""

import datetime
from zoneinfo import ZoneInfo

from . import rendering, signing, storage
from .models import Attachment, RegisterEntry

TEMPLATE = "documents/attachment.html"
# The Vietnam offset the decree asks for, whatever the server's TIME_ZONE.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MARK_CLASS = "attachment-mark"


def signing_time(moment: datetime.datetime) -> str:
    """ "2026-12-02T09:30:12+07:00": ISO 8601 to the second, at the Vietnam offset."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def mark(*, number_symbol: str, signed_at: datetime.datetime) -> dict:
    return {"number_symbol": number_symbol, "signed_at": signing_time(signed_at)}


def file_attachments(
    printed_attachments: list[dict], *, entry: RegisterEntry, signed_at: datetime.datetime, official=None
) -> list[Attachment]:
    """Render, mark and sign (when ``official`` signs electronically), store and record each attachment."""
    filed = []
    for position, printed in enumerate(printed_attachments, start=1):
        printed = dict(printed, mark=mark(number_symbol=entry.number_symbol, signed_at=signed_at) if official else None)
        html = rendering.render_html(TEMPLATE, printed, link_stylesheet=False)
        if official is not None:
            pdf, _places = rendering.render_pdf_with_places(html, classes=(), pdf_variant=signing.PDF_VARIANT)
            pdf = signing.sign_attachment(pdf, official=official, commune=entry.commune)
        else:
            pdf = rendering.render_pdf(html)
        filed.append(
            Attachment.objects.create(
                entry=entry,
                position=position,
                title=f"{printed['title']} {printed['subject']}"[:500],
                snapshot=printed,
                pdf_sha256=storage.store(pdf),
                signed_at=signed_at if official else None,
            )
        )
    return filed
