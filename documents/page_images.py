"""A document's pages as images, so that it reads whole on any screen before it is signed.

The page of a numbered document shows its PDF page by page as PNG images scaled to the
width of the screen: an A4 frame of HTML, on a phone, showed its left half only. The
PDF is the one that is (or will be) stored: the stored bytes once issued, else the draft
rendered as it stands. PDFium (pypdfium2) rasterises a page at ``DPI``, enough for 13 pt
text to stay readable when the image is zoomed on a phone.

Everything is keyed by the document's content hash (``content_key``): the stored PDF's
SHA-256 once issued; for a draft, the hash of what it prints (the dict its template lays
out) and of the templates and stylesheet that lay it out. The same key is the images'
ETag, and the rendered PDF, its page count and each page's PNG are kept in Django's cache
under it, so a draft is rendered once per version, not once per page or per visit.
"""

import functools
import hashlib
import io
import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ValidationError
from PIL import Image, ImageChops

from . import lifecycle, rendering
from .models import IssuedDocument

DPI = 150
SCALE = DPI / 72  # PDF user space is 72 units to the inch
CACHE_SECONDS = 24 * 60 * 60
_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe


class PreviewUnavailable(Exception):
    """The document's PDF could not be made or read: the page says so instead of its images."""


@dataclass(frozen=True)
class Preview:
    key: str  # the content hash: cache key and ETag
    count: int  # number of pages
    width: int  # of the first page's image, in pixels (the page's <img> says so before it loads)
    height: int

    @property
    def numbers(self) -> range:
        return range(1, self.count + 1)


@functools.cache
def layout_fingerprint() -> str:
    """The hash of what lays a document out (its templates and print stylesheet): a new
    release that changes them gives every draft a new key."""
    digest = hashlib.sha256()
    for path in sorted(Path(settings.BASE_DIR, "templates", "documents").glob("*.html")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    stylesheet = finders.find(rendering.STYLESHEET)
    if stylesheet:
        digest.update(Path(stylesheet).read_bytes())
    return digest.hexdigest()


def content_key(pages, document: IssuedDocument) -> str:
    """The document's content hash: its stored PDF's SHA-256 once issued, else the hash of the draft as it prints."""
    if document.is_issued:
        return document.pdf_sha256
    payload = json.dumps(
        [pages.kind.template, layout_fingerprint(), pages.printed(document)],
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _pdf(pages, document: IssuedDocument, key: str) -> bytes:
    if document.is_issued:
        try:
            return lifecycle.pdf_bytes(pages.kind, document)
        except ValidationError as exc:
            raise PreviewUnavailable(" ".join(exc.messages)) from exc
    cache_key = f"document-pdf:{key}"
    data = cache.get(cache_key)
    if data is None:
        try:
            data = rendering.document_pdf(pages.kind.template, pages.printed(document))
        except rendering.RenderingError as exc:
            raise PreviewUnavailable(str(exc)) from exc
        cache.set(cache_key, data, CACHE_SECONDS)
    return data


def _open(data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise PreviewUnavailable(str(exc)) from exc


def preview(pages, document: IssuedDocument) -> Preview:
    """The document's key and page count, rendering its PDF only when this version is new."""
    key = content_key(pages, document)
    if not key:
        raise PreviewUnavailable("no stored PDF")
    shape = cache.get(f"document-pages:{key}")
    if shape is None:
        data = _pdf(pages, document, key)
        with _PDFIUM_LOCK:
            pdf = _open(data)
            try:
                width, height = pdf[0].get_size() if len(pdf) else (0, 0)
                shape = (len(pdf), math.ceil(width * SCALE), math.ceil(height * SCALE))  # as PDFium sizes its bitmap
            finally:
                pdf.close()
        cache.set(f"document-pages:{key}", shape, CACHE_SECONDS)
    count, width, height = shape
    return Preview(key=key, count=count, width=width, height=height)


# 16 grey levels, white kept white and black black: the palette of a page in black and white.
GREYS = [level for step in range(16) for level in (step * 17,) * 3]
TO_GREY_STEP = [round(value / 17) for value in range(256)]


def compact(image: Image.Image) -> Image.Image:
    """The page in few colours. Black text on white keeps 16 grey levels, written as a 4-bit
    PNG: as sharp, and about 100 KB an A4 page instead of 350 KB in full colour. A page
    carrying the blue signature or the red seal keeps 64 colours."""
    rgb = image.convert("RGB")
    red, green, blue = rgb.split()
    if ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None:
        steps = red.point(TO_GREY_STEP)
        paletted = Image.frombytes("P", steps.size, steps.tobytes())
        paletted.putpalette(GREYS)
        return paletted
    return rgb.quantize(64)


def page_png(pages, document: IssuedDocument, key: str, number: int) -> bytes | None:
    """Page ``number`` (from 1) of the document as a PNG at ``DPI``, or None past its last page."""
    cache_key = f"document-png:{key}:{number}"
    png = cache.get(cache_key)
    if png is not None:
        return png
    data = _pdf(pages, document, key)
    with _PDFIUM_LOCK:
        pdf = _open(data)
        try:
            if not 1 <= number <= len(pdf):
                return None
            page = pdf[number - 1]
            image = compact(page.render(scale=SCALE).to_pil())
            page.close()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), bits=4 if len(image.getpalette() or []) <= 48 else 8)
    png = buffer.getvalue()
    cache.set(cache_key, png, CACHE_SECONDS)
    return png
