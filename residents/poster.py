"""The poster of a team: a printable A4 or A5 PDF for the village's notice board.

Built from current data on every request (never stored or cached), so that a withdrawn
consent or a new member shows on the next print. The data comes from the same selector
as the public page (``selectors.public_page_data``): the poster shows nothing the page
does not. It is rendered by the documents machinery (``documents.rendering``: its font
configuration, its URL fetcher that serves only the app's static files, its lock) with
the poster's own stylesheet, ``static/residents/poster.css``. The QR codes are made by
segno as inline SVG: no image file, no URL for the renderer to fetch.
"""

import functools
from urllib.parse import urljoin

import segno
import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint.urls import FatalURLFetchingError

from documents import rendering
from teams.models import Team

from .selectors import public_page_data

STYLESHEET = "residents/poster.css"
SIZES = ("a4", "a5")


def qr_svg(data: str) -> str:
    """A QR code of ``data`` as inline SVG, sized by the stylesheet (medium error correction:
    a poster gets dirty and creased)."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=1, border=4, omitsize=True))  # noqa: S308


@functools.cache
def stylesheet() -> weasyprint.CSS:
    """The poster's stylesheet, parsed once; parsing registers its fonts in the shared configuration."""
    try:
        with rendering._RENDER_LOCK:
            return weasyprint.CSS(
                url=urljoin(rendering.BASE_URL, rendering._static_prefix() + STYLESHEET),
                url_fetcher=rendering.URL_FETCHER,
                font_config=rendering.FONT_CONFIG,
            )
    except FatalURLFetchingError as error:
        raise rendering.RenderingError(str(error)) from error.__cause__


def poster_html(team: Team, *, size: str, page_url: str) -> str:
    data = public_page_data(team)
    data.update(
        size=size,
        page_url=page_url,
        page_qr=qr_svg(page_url),
        zalo_qr=qr_svg(team.zalo_url) if team.zalo_url else "",
    )
    with translation.override("vi"):
        return render_to_string("residents/poster.html", data)


def poster_pdf(team: Team, *, size: str, page_url: str) -> bytes:
    if size not in SIZES:
        raise ValueError(f"No such poster size: {size}")
    html = poster_html(team, size=size, page_url=page_url)
    css = stylesheet()
    try:
        with rendering._RENDER_LOCK:
            document = weasyprint.HTML(string=html, base_url=rendering.BASE_URL, url_fetcher=rendering.URL_FETCHER)
            return document.write_pdf(stylesheets=[css], font_config=rendering.FONT_CONFIG)
    except FatalURLFetchingError as error:
        raise rendering.RenderingError(str(error)) from error.__cause__
