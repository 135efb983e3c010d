"""Reading a rendered PDF back in tests: its text, word boxes, page sizes and fonts.

PDFium (the pypdfium2 wheel) does the reading, so the tests need no system tool. A PDF is
given as its bytes or its path. Pages are numbered from 1, and boxes are in points from
the page's top-left corner, like poppler's ``pdftotext -bbox``.
"""

import ctypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from os import PathLike

import pypdfium2
import pypdfium2.raw as pdfium

Source = bytes | str | PathLike

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Word:
    """A run of characters without white space on one line, at one size.

    The box is the one poppler gives a word: from the first glyph's origin to the end of
    the last glyph's advance across, and from the face's ascent above the baseline down to
    its descent below it (the font descriptor's /Ascent and /Descent), whatever the ink.
    """

    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Font:
    name: str  # the BaseFont, with its subset tag
    embedded: bool

    @property
    def subset(self) -> bool:
        """A subset's name starts with a tag of six capital letters and a plus (PDF 9.6.4)."""
        return re.match(r"[A-Z]{6}\+", self.name) is not None


@contextmanager
def _document(source: Source) -> Iterator[pypdfium2.PdfDocument]:
    document = pypdfium2.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        yield document
    finally:
        document.close()


def page_count(source: Source) -> int:
    with _document(source) as document:
        return len(document)


def page_sizes(source: Source) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    with _document(source) as document:
        return [page.get_size() for page in document]


def text(source: Source, page: int | None = None) -> str:
    """The text of one page, or of all joined by line breaks: in the order it is drawn, a
    line break after each line, not normalised."""
    with _document(source) as document:
        pages = list(document) if page is None else [document[page - 1]]
        return "\n".join(one.get_textpage().get_text_bounded().replace("\r\n", "\n") for one in pages)


def words(source: Source) -> list[Word]:
    with _document(source) as document:
        return [word for number, page in enumerate(document, start=1) for word in _page_words(number, page)]


def fonts(source: Source) -> set[Font]:
    """The fonts of the text drawn on every page (form XObjects included)."""
    with _document(source) as document:
        return {
            Font(name=obj.get_font().get_base_name(), embedded=obj.get_font().is_embedded)
            for page in document
            for obj in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT])
        }


def _page_words(number: int, page: pypdfium2.PdfPage) -> list[Word]:
    height = page.get_height()
    textpage = page.get_textpage()
    runs = [[]]  # each run a list of (character, (left, bottom, right, top)), PDF coordinates
    for index in range(textpage.count_chars()):
        char = chr(pdfium.FPDFText_GetUnicode(textpage, index))
        if char.isspace():
            runs.append([])
            continue
        box = _char_box(textpage, index)
        # A new baseline or a new size starts a new word, as in poppler.
        if runs[-1] and not _same_line(runs[-1][-1][1], box):
            runs.append([])
        runs[-1].append((char, box))
    found = []
    for run in filter(None, runs):
        left, bottom, _, top = run[0][1]
        right = run[-1][1][2]
        text = "".join(char for char, _ in run)
        found.append(Word(page=number, text=text, x_min=left, y_min=height - top, x_max=right, y_max=height - bottom))
    return found


def _char_box(textpage: pypdfium2.PdfTextPage, index: int) -> tuple[float, float, float, float]:
    """From the origin across the advance, from the face's descent up to its ascent.

    PDFium's own loose box (``get_charbox(loose=True)``) also takes in the glyph's ink (an
    italic p reaches left of its origin), so the box is built from the font's metrics."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium.FPDFText_GetCharOrigin(textpage, index, x, y)
    matrix = pdfium.FS_MATRIX()  # text space to page space: the font size is in text space
    pdfium.FPDFText_GetMatrix(textpage, index, matrix)
    font = pdfium.FPDFTextObj_GetFont(pdfium.FPDFText_GetTextObject(textpage, index))
    size = ctypes.c_float(pdfium.FPDFText_GetFontSize(textpage, index))
    unicode = pdfium.FPDFText_GetUnicode(textpage, index)  # the width is looked up through ToUnicode
    advance, ascent, descent = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not (
        pdfium.FPDFFont_GetGlyphWidth(font, unicode, size, advance)
        and pdfium.FPDFFont_GetAscent(font, size, ascent)
        and pdfium.FPDFFont_GetDescent(font, size, descent)
    ):
        raise pypdfium2.PdfiumError(f"no metrics for {chr(unicode)!r}, character {index}")
    return (
        x.value,
        y.value + descent.value * matrix.d,
        x.value + advance.value * matrix.a,
        y.value + ascent.value * matrix.d,
    )


def _same_line(box: tuple[float, ...], other: tuple[float, ...]) -> bool:
    return abs(box[1] - other[1]) < 0.01 and abs(box[3] - other[3]) < 0.01
