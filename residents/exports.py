"""Who consented to what, as a spreadsheet (XLSX) or CSV for the commune's records.

Vietnamese headers and words whatever the page language, as the other exports. One row
per person with a consent record: for each subject, what holds now (given or withdrawn),
since when, how, and who recorded it. Every cell goes through ``safe_row``: a name typed as
"=HYPERLINK(...)" stays text.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from lib.spreadsheets import safe_row

from .models import Action, ConsentRecord, Method
from .selectors import ConsentState

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"

HEADERS = [
    "Họ và tên",
    "Thôn",
    "Số điện thoại",
    "Công khai số điện thoại",
    "Từ ngày",
    "Hình thức",
    "Người ghi nhận",
    "Công khai họ tên, vai trò",
    "Từ ngày",
    "Hình thức",
    "Người ghi nhận",
]
ACTION_PRINTED = {Action.GIVEN: "Đồng ý", Action.WITHDRAWN: "Đã rút lại", None: "Chưa đồng ý"}
METHOD_PRINTED = {
    Method.PAPER: "Phiếu giấy có chữ ký (bản quét)",
    Method.IN_PERSON: "Trực tiếp trước công chức",
    "": "",
}


def _columns(record: ConsentRecord | None) -> list:
    if record is None:
        return [ACTION_PRINTED[None], "", "", ""]
    return [ACTION_PRINTED[record.action], record.on, METHOD_PRINTED[record.method], record.recorded_by.get_username()]


def table(states: list[ConsentState]) -> list[list]:
    rows = [HEADERS]
    for state in states:
        person = state.person
        village = person.village.full_name if person.village_id else ""
        rows.append([person.full_name, village, person.phone, *_columns(state.phone), *_columns(state.name_role)])
    return rows


def consents_csv(states: list[ConsentState]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(safe_row(values) for values in table(states))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def consents_xlsx(states: list[ConsentState]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đồng ý công khai"
    for values in table(states):
        sheet.append(safe_row(values))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
