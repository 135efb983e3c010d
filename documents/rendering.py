"""HTML to PDF for every document tungAnh issues (decision now, plan and report later).

A document is a Django template under ``templates/documents/`` laid out by one print
stylesheet, ``static/documents/document.css``; WeasyPrint turns it into the PDF that is
stored when the document is issued. Why it is built this way:

- Fonts come from the app's static files (Liberation Serif, with its licence), named by
  ``@font-face`` rules in the stylesheet, so a PDF looks the same on every server and in
  the browser preview, whatever fonts the machine has installed.
- The URL fetcher serves only those static files. A document is built from names and
  text people typed; even escaped, nothing in it may make the renderer read the server's
  files or reach the network. Any other URL is refused, and a refused or missing
  resource fails the render (``RenderingError``) instead of printing without it.
- One ``FontConfiguration`` and one parsed stylesheet serve every render: parsing the
  stylesheet registers the fonts once, which keeps a render near 100 ms. Renders hold a
  lock: the shared configuration wraps fontconfig and Pango objects, which we do not
  trust to be used by two threads at once (threaded runserver or WSGI workers).
"""

import functools
import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# A fixed origin no one can own (RFC 2606): "/static/x" in a document or the stylesheet
# resolves to "https://tunganh.invalid/static/x", which the fetcher maps to a static file.
BASE_URL = "https://tunganh.invalid/"
STYLESHEET = "documents/document.css"

FONT_CONFIG = FontConfiguration()
_RENDER_LOCK = threading.Lock()


class ResourceRefused(ValueError):
    """A document asked for a resource that is not one of the app's static files."""


class RenderingError(RuntimeError):
    """The PDF could not be made: a resource it needs was refused or is missing."""


def _static_prefix() -> str:
    return "/" + urlsplit(settings.STATIC_URL).path.strip("/") + "/"


def static_path(url: str) -> str:
    """The static file path ``url`` names under ``BASE_URL`` and the static URL, or refuse it."""
    base = urlsplit(BASE_URL)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query:
        raise ResourceRefused(f"Not one of the app's static files: {url}")
    prefix = _static_prefix()
    if not parts.path.startswith(prefix):
        raise ResourceRefused(f"Not under the static URL {prefix}: {url}")
    relative = unquote(parts.path.removeprefix(prefix))
    segments = relative.split("/")
    if any(segment in {"", ".", ".."} for segment in segments) or "\\" in relative or "\x00" in relative:
        raise ResourceRefused(f"Not a plain static path: {url}")
    return relative


class StaticFilesFetcher(URLFetcher):
    """Serves the app's static files (as ``staticfiles`` finds them) and refuses everything else.

    ``fail_on_errors`` makes WeasyPrint stop on a refused URL instead of rendering without it.
    """

    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        path = static_path(url)
        found = finders.find(path)
        if not found:
            raise ResourceRefused(f"No such static file: {path}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})


URL_FETCHER = StaticFilesFetcher()


@functools.cache
def stylesheet() -> weasyprint.CSS:
    """The print stylesheet, parsed once; parsing it registers its fonts in ``FONT_CONFIG``."""
    try:
        with _RENDER_LOCK:
            return weasyprint.CSS(
                url=urljoin(BASE_URL, _static_prefix() + STYLESHEET),
                url_fetcher=URL_FETCHER,
                font_config=FONT_CONFIG,
            )
    except FatalURLFetchingError as error:
        raise RenderingError(str(error)) from error.__cause__


def render_html(template_name: str, document: dict, *, link_stylesheet: bool = True) -> str:
    """The document as HTML: ``document`` is the template's ``doc``, final text laid out as is.

    With ``link_stylesheet`` (the browser preview) the page links the print stylesheet;
    the PDF path leaves the link out and passes the parsed stylesheet instead.
    """
    return render_to_string(template_name, {"doc": document, "link_stylesheet": link_stylesheet})


def render_pdf(html: str) -> bytes:
    """The PDF of ``html``, laid out by the print stylesheet, its fonts embedded as subsets."""
    css = stylesheet()
    try:
        with _RENDER_LOCK:
            page = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=URL_FETCHER)
            return page.write_pdf(stylesheets=[css], font_config=FONT_CONFIG)
    except FatalURLFetchingError as error:
        raise RenderingError(str(error)) from error.__cause__


PX = 0.75  # points per CSS pixel


@dataclass(frozen=True)
class Place:
    """Where an element was laid out: its page (from 0) and its border box, in points from
    the page's bottom-left corner as PDF draws (the signature widgets are placed by it)."""

    page: int
    x: float
    y: float
    width: float
    height: float


def render_pdf_with_places(html: str, *, classes: tuple[str, ...], pdf_variant: str | None = None):
    """The PDF of ``html`` (as ``render_pdf``) and the ``Place`` of the first element of each of ``classes``."""
    css = stylesheet()
    try:
        with _RENDER_LOCK:
            page = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=URL_FETCHER)
            document = page.render(stylesheets=[css], font_config=FONT_CONFIG, pdf_variant=pdf_variant)
            places = {}
            for index, laid_out in enumerate(document.pages):
                for box in laid_out._page_box.descendants():
                    element = getattr(box, "element", None)
                    names = (element.get("class") or "").split() if element is not None else []
                    for name in set(names) & set(classes) - set(places):
                        places[name] = Place(
                            page=index,
                            x=box.border_box_x() * PX,
                            y=(laid_out.height - box.border_box_y() - box.border_height()) * PX,
                            width=box.border_width() * PX,
                            height=box.border_height() * PX,
                        )
            return document.write_pdf(pdf_variant=pdf_variant), places
    except FatalURLFetchingError as error:
        raise RenderingError(str(error)) from error.__cause__


def document_pdf(template_name: str, document: dict) -> bytes:
    """The PDF of a document: ``render_html`` (without the stylesheet link), then ``render_pdf``."""
    return render_pdf(render_html(template_name, document, link_stylesheet=False))
