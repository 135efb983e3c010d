"""The district or province table as a spreadsheet (XLSX) or CSV, for the offices' own reports.

The headers and words are Vietnamese whatever the page language, as the Zalo summaries
are: the files go into Vietnamese reports. The rows are built once (``table``) and written
by either format, each cell through ``safe_row`` (text is never run as a formula); the CSV
starts with a byte order mark so that Excel reads it as UTF-8. The province table adds the
district a commune belonged to before the 2025 reform, and a note on the rows the reform
shaped (figures of old communes counted in, or a split commune's figures kept apart).
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from lib.spreadsheets import safe_row
from teams.models import Team

from .dashboard import CommuneRow, Dashboard
from .province_dashboard import ProvinceDashboard
from .selectors import PhaseStatus

TEAM_STATUS_PRINTED = {
    Team.Status.ACTIVE: "Đã thành lập",
    Team.Status.FORMING: "Đang thành lập",
    None: "Chưa có",
}

PHASE_STATUS_PRINTED = {
    PhaseStatus.DONE: "Hoàn thành",
    PhaseStatus.ON_TRACK: "Đúng tiến độ",
    PhaseStatus.LATE: "Chậm tiến độ",
    PhaseStatus.NOT_STARTED: "Chưa bắt đầu",
    PhaseStatus.NO_TARGET: "Không có chỉ tiêu",
}

BEFORE_INDICATORS = [
    "Xã",
    "Tổ cấp xã",
    "Thành lập ngày",
    "Quyết định thành lập",
    "Số thôn có Tổ",
    "Tổng số thôn",
    "Thành viên",
    "Cộng tác viên",
    "Kỳ báo cáo",
    "Báo cáo đúng hạn",
    "Báo cáo muộn",
    "Chưa báo cáo",
]
AFTER_INDICATORS = [
    "Kế hoạch",
    "Giai đoạn hiện tại",
    "Tiến độ",
    "Số tháng được cấp trên chấp nhận",
    "Số tháng chờ cấp trên chấp nhận",
    "Số tháng bị cấp trên trả lại",
    "Số tháng chưa gửi lên",
    "Số liệu chỉ tiêu",
]
# Which figures the indicator columns add up (the dashboard's switch, ``?pending=1``).
FIGURES_COUNTED = {
    False: "Chỉ các tháng được cấp trên chấp nhận",
    True: "Mọi số liệu đã gửi, cả tháng chưa được chấp nhận",
}


def headers(dashboard: Dashboard) -> list[str]:
    """The columns, with the indicators of the year shown (those its reports were filed under)."""
    shown = [f"{t.indicator.printed} ({t.indicator.unit_printed})" for t in dashboard.totals]
    columns = [*BEFORE_INDICATORS, *shown, *AFTER_INDICATORS]
    if isinstance(dashboard, ProvinceDashboard):
        return ["Huyện (trước sắp xếp)", *columns, "Ghi chú"]
    return columns


def note(row: CommuneRow) -> str:
    """What the reform did to the row's figures, in Vietnamese."""
    if row.split:
        ceased = f" đến ngày {row.commune.ceased_on:%d/%m/%Y}" if row.commune.ceased_on else ""
        return f"Đơn vị cũ được chia khi sắp xếp: số liệu riêng{ceased}"
    if row.merged:
        return "Gồm số liệu trước sắp xếp của " + ", ".join(c.full_name for c in row.merged)
    return ""


def table(dashboard: Dashboard) -> list[list]:
    """The header row, then one row per commune: numbers stay numbers, dates dd/mm/yyyy."""
    province = isinstance(dashboard, ProvinceDashboard)
    rows: list[list] = [headers(dashboard)]
    for row in dashboard.rows:
        values = [*_values(row), FIGURES_COUNTED[dashboard.pending]]
        if province:
            values = [row.commune.district.title_name if row.commune.district else "", *values, note(row)]
        rows.append(values)
    return rows


def _values(row: CommuneRow) -> list:
    return [
        row.commune.title_name,
        TEAM_STATUS_PRINTED.get(row.team_status, ""),
        f"{row.established_on:%d/%m/%Y}" if row.established_on else "",
        row.decision,
        row.villages_covered,
        row.villages,
        row.members,
        row.collaborators,
        row.period.month_label if row.period else "",
        row.on_time,
        row.late,
        row.missing,
        *(t.total if t.reported else None for t in row.totals),  # no figure: an empty cell, not 0
        row.plan.number_symbol if row.plan else "",
        row.phase.phase.label if row.phase else "",
        PHASE_STATUS_PRINTED[row.phase.status] if row.phase else "",
        row.months_accepted,
        row.months_pending,
        row.months_returned,
        row.months_missing,
    ]


def as_csv(dashboard: Dashboard) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(safe_row(values) for values in table(dashboard))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(dashboard: Dashboard, *, sheet_title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]  # Excel's limit for a sheet name
    for values in table(dashboard):
        sheet.append(safe_row(values))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
