"""The outgoing register (sổ văn bản đi): its selector, its XLSX form, and file names.

Entries are written by issuance (``workflow``); this module only reads them. The XLSX
prints the ten columns of Decree 30/2020/NĐ-CP (Appendix VI), in the decree's order,
with its Vietnamese headers: the register is document content, not interface text.
"""

import io
import unicodedata

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from documents.models import RegisterEntry
from lib.spreadsheets import safe_row
from teams.models import Commune

from .models import Decision

TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
CANCELLED_NOTE = "Đã hủy"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# (header, column width in characters), in the order of Decree 30.
COLUMNS = (
    ("Số, ký hiệu văn bản", 16),
    ("Ngày tháng văn bản", 13),
    ("Tên loại và trích yếu nội dung văn bản", 50),
    ("Người ký", 20),
    ("Nơi nhận văn bản", 36),
    ("Đơn vị, người nhận bản lưu", 16),
    ("Số lượng bản", 9),
    ("Ngày chuyển", 12),
    ("Ký nhận", 12),
    ("Ghi chú", 20),
)
HEADERS = tuple(header for header, _width in COLUMNS)


def register_entries(*, commune: Commune, year: int | None = None, doc_type: str | None = None) -> QuerySet:
    """The commune's register lines, in register order: year, document type, number."""
    entries = RegisterEntry.objects.filter(commune=commune).select_related("commune")
    if year:
        entries = entries.filter(year=year)
    if doc_type:
        entries = entries.filter(doc_type=doc_type)
    return entries.order_by("year", "doc_type", "number")


def _note(entry: RegisterEntry) -> str:
    return "; ".join(part for part in (entry.note, CANCELLED_NOTE if entry.cancelled else "") if part)


def _row(entry: RegisterEntry) -> list:
    return [
        entry.number_symbol,
        entry.issued_on,
        entry.subject,
        entry.signer_name,
        entry.recipients,
        entry.keeper,
        entry.copies,
        None,
        None,
        _note(entry),
    ]


def register_title(*, commune: Commune, year: int | None) -> str:
    """ "SỔ ĐĂNG KÝ VĂN BẢN ĐI - ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH - NĂM 2022"."""
    parts = [TITLE, f"ỦY BAN NHÂN DÂN {commune.full_name.upper()}"]
    if year:
        parts.append(f"NĂM {year}")
    return " - ".join(parts)


def register_xlsx(entries, *, commune: Commune, year: int | None) -> bytes:
    """The register as an XLSX workbook: a title row, the ten headers, one row per entry.

    Every row goes through ``safe_row``: a clerk's text is never stored as a formula.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ văn bản đi"
    last_column = get_column_letter(len(COLUMNS))
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    sheet.append(safe_row([register_title(commune=commune, year=year)]))
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36

    sheet.append(safe_row(HEADERS))
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=2, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box

    for entry in entries:
        sheet.append(safe_row(_row(entry)))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            cell.border = box
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"

    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register_filename(*, commune: Commune, year: int | None) -> str:
    return f"so-van-ban-di-{commune.code}{f'-{year}' if year else ''}.xlsx"


def ascii_safe(text: str) -> str:
    """ "QĐ-UBND" -> "QD-UBND": letters without their marks, for file names."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in plain)


def issued_pdf_filename(decision: Decision, *, with_commune: bool = False) -> str:
    """ "2022-171-QD-UBND.pdf": year, number on three digits, symbol without marks.

    ``with_commune`` prefixes the commune's official code ("18259-2022-171-QD-UBND.pdf"),
    for exports that gather several communes, whose numbers repeat.
    """
    name = f"{decision.year}-{decision.number:03d}-{ascii_safe(decision.symbol)}.pdf"
    return f"{decision.commune.code}-{name}" if with_commune else name
