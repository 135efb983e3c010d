"""What a commune report (Báo cáo) prints, as plain data, apart from how it is laid out.

``build_report_document`` returns the dict ``templates/documents/report.html`` lays out:
the Decree 30 header and closing of every document (``decisions.documents``), the title
"BÁO CÁO" with the subject, then the body: the clerk's introduction, the period's commune
totals as one line per indicator (the Vietnamese labels of the indicator sets), how
many teams reported (and, when the plan pays a stipend for the month, how many teams it pays),
and the difficulties and proposals the clerk wrote. The figures are
read when the dict is built; issuance stores the dict as the report's snapshot, so an
issued report prints the totals of the day it was signed, whatever is corrected later.
JSON-serialisable; tested without the PDF engine.
"""

from decisions.documents import COMMITTEE, MOTTO, NATION, _ending, _lines
from documents import formatting

from . import selectors, stipends
from .models import CommuneReport, ReportingPeriod

TITLE = "BÁO CÁO"
RESULTS_HEADING = "1. Kết quả thực hiện"
DIFFICULTIES_HEADING = "2. Khó khăn, vướng mắc"
PROPOSALS_HEADING = "3. Đề xuất"
NOTHING = "Không."


# Default wording of a new draft ---------------------------------------------------------------


def default_subject(period: ReportingPeriod) -> str:
    # The title already says "BÁO CÁO": the subject does not repeat it (Decree 30, Appendix I).
    return f"Kết quả hoạt động của các Tổ chuyển đổi số cộng đồng tháng {period.month_label}"


def default_intro(period: ReportingPeriod) -> str:
    commune = period.commune
    plan = commune.plans.order_by("-issued_on", "-pk").first()
    basis = (
        f"Thực hiện Kế hoạch số {plan.number_symbol} ngày {plan.issued_on:%d/%m/%Y} của UBND {commune.full_name} "
        f"về việc {plan.subject[:1].lower()}{plan.subject[1:]}, "
        if plan
        else "Thực hiện nhiệm vụ chuyển đổi số cộng đồng, "
    )
    return (
        f"{basis}Ủy ban nhân dân {commune.full_name} báo cáo kết quả hoạt động của các Tổ chuyển đổi số "
        f"cộng đồng tháng {period.month_label} như sau:"
    )


def default_recipients(period: ReportingPeriod) -> str:
    commune = period.commune
    district = commune.district
    upper = f"Phòng Văn hóa - Thông tin {district.full_name}" if district else f"UBND {commune.province.full_name}"
    return "\n".join([upper, f"TT Đảng ủy, TT HĐND {commune.type_word}", "Lưu: VT, VHXH"])


DEFAULT_DIFFICULTIES = (
    "Một bộ phận người dân, nhất là người cao tuổi, chưa có điện thoại thông minh hoặc chưa thành thạo "
    "sử dụng các ứng dụng số."
)
DEFAULT_PROPOSALS = (
    "Đề nghị Phòng Văn hóa - Thông tin huyện tiếp tục tổ chức tập huấn, bồi dưỡng kỹ năng số cho "
    "thành viên các Tổ chuyển đổi số cộng đồng."
)


# The document -------------------------------------------------------------------------------


def report_document(report: CommuneReport) -> dict:
    """The document as it prints now: the snapshot once issued, else built from the draft."""
    if report.is_issued and report.snapshot:
        return report.snapshot
    return build_report_document(report)


def figure_lines(period: ReportingPeriod) -> list[str]:
    """ "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 12 hộ;", one per indicator, saying how
    many teams reported it where some did not (one query)."""
    totals = selectors.commune_totals(period)
    return [f"- {t.indicator.printed}: {selectors.total_figure(t)};" for t in totals]


def completeness_line(period: ReportingPeriod) -> str:
    rows = selectors.period_rows(period)
    reported = sum(1 for row in rows if row.report is not None)
    # Each team's figures are in the appendix filed with the report (reports.report_appendix).
    appendix = " (kết quả của từng Tổ tại Phụ lục kèm theo)" if rows else ""
    return f"- Số Tổ đã báo cáo: {reported}/{len(rows)}{appendix}."


def stipend_lines(period: ReportingPeriod) -> list[str]:
    """ "- Số Tổ được hưởng hỗ trợ: 2/3, ...", when the plan's rule pays a stipend for the month:
    the list goes with the report as an attachment (``reports.report_appendix``)."""
    listed = stipends.stipend_list(period)
    if listed.rule is None:
        return []
    return [
        f"- Số Tổ được hưởng hỗ trợ: {listed.entitled_count}/{len(listed.rows)}, tổng số tiền "
        f"{listed.total_printed} đồng (danh sách kèm theo)."
    ]


def signature_lines(*, vice: bool) -> list[str]:
    return [f"TM. {COMMITTEE}", *(["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if vice else ["CHỦ TỊCH"])]


def _section(heading: str, text: str) -> dict:
    return {"heading": heading, "paragraphs": _lines(text) or [NOTHING]}


def _recipients(text: str) -> list[str]:
    lines = [_ending(f"- {line.lstrip('- ').strip()}", ";") for line in _lines(text)]
    if lines:
        lines[-1] = _ending(lines[-1], ".")
    return lines


def build_report_document(report: CommuneReport) -> dict:
    commune = report.commune
    period = report.period
    is_draft = report.number is None
    place_upper = commune.full_name.upper()

    sections = [
        {
            "heading": RESULTS_HEADING,
            "paragraphs": [*figure_lines(period), completeness_line(period), *stipend_lines(period)],
        },
        _section(DIFFICULTIES_HEADING, report.difficulties),
        _section(PROPOSALS_HEADING, report.proposals),
    ]
    last = sections[-1]["paragraphs"]
    last[-1] = f"{last[-1].rstrip().rstrip('.;,')}./."
    return {
        "is_draft": is_draft,
        "governing_body": commune.governing_body.upper(),
        "issuing_body": [COMMITTEE, place_upper],
        "number_line": formatting.number_line(number=report.number, symbol=report.symbol),
        "nation": NATION,
        "motto": MOTTO,
        "place_date_line": formatting.place_date_line(
            place=commune.name, day=report.issued_on, year=report.year or period.year
        ),
        "doc_type_title": TITLE,
        "subject": " ".join(report.subject.split()),
        "period": period.month_label,
        "intro": _lines(report.intro),
        "sections": sections,
        "recipients_label": "Nơi nhận:",
        "recipients": _recipients(report.recipients),
        "signature": {
            "lines": signature_lines(vice=report.signer_is_vice),
            "name": "" if is_draft or report.signer is None else report.signer.full_name,
        },
    }
