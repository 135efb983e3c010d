"""The stipend list of a month: which teams the plan's rule pays, how much, and why not the others.

Provinces pay each team a monthly stipend under a council resolution (Hà Tĩnh: 600,000 đồng
per team per month in 2024-2025); the commune's plan records it as a ``StipendRule``. The
plan of a month is the commune's latest plan issued by the month's last day; its rule is
the latest one valid from the month's first day or before. A team is entitled when the rule
covers its level, it was active the whole month (established by the first day, not
dissolved by the last) and the clerk accepted its report for the month. Every team of the
month is a row (``selectors.period_rows``, with the teams dissolved during the month), and
a row not entitled says every reason.

The reasons are codes: the page words them through gettext, the XLSX and the attachment the
chairman issues (``report_appendix``) in Vietnamese whatever the page language, as the other
exports do. Five queries whatever the number of teams.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Q, Subquery
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from documents import formatting
from documents.models import DocumentType
from lib.spreadsheets import safe_row
from teams.models import TEAM_NAME_2022, Membership, Plan, Role, Team

from . import selectors
from .indicators import printed_number
from .models import ReportingPeriod, StipendRule, TeamReport


@dataclass(frozen=True)
class Reason:
    """Why a team is not paid for the month: a code of ``WORDS``, and the day it names if any."""

    code: str
    day: datetime.date | None = None

    LEVEL_COMMUNE_ONLY = "level_commune_only"
    LEVEL_VILLAGE_ONLY = "level_village_only"
    NOT_SET_UP = "not_set_up"
    NO_ESTABLISHMENT_DATE = "no_establishment_date"
    ESTABLISHED_LATE = "established_late"
    DISSOLVED = "dissolved"
    NO_REPORT = "no_report"
    REPORT_WAITING = "report_waiting"
    REPORT_RETURNED = "report_returned"

    def __str__(self):
        return str(WORDS[self.code]) % {"day": f"{self.day:%d/%m/%Y}" if self.day else ""}

    @property
    def printed(self) -> str:
        """In Vietnamese, for the finance office's file and the issued attachment."""
        return PRINTED[self.code] % {"day": f"{self.day:%d/%m/%Y}" if self.day else ""}


WORDS = {
    Reason.LEVEL_COMMUNE_ONLY: _("the rule covers the commune team only"),
    Reason.LEVEL_VILLAGE_ONLY: _("the rule covers village teams only"),
    Reason.NOT_SET_UP: _("not set up yet"),
    Reason.NO_ESTABLISHMENT_DATE: _("no date of establishment recorded"),
    Reason.ESTABLISHED_LATE: _("established on %(day)s, not active the whole month"),
    Reason.DISSOLVED: _("dissolved on %(day)s, not active the whole month"),
    Reason.NO_REPORT: _("no report filed"),
    Reason.REPORT_WAITING: _("report waiting for the clerk"),
    Reason.REPORT_RETURNED: _("report returned to the team"),
}
PRINTED = {
    Reason.LEVEL_COMMUNE_ONLY: "Quy định chỉ hỗ trợ Tổ cấp xã",
    Reason.LEVEL_VILLAGE_ONLY: "Quy định chỉ hỗ trợ các Tổ ở thôn",
    Reason.NOT_SET_UP: "Chưa được thành lập",
    Reason.NO_ESTABLISHMENT_DATE: "Chưa ghi ngày thành lập",
    Reason.ESTABLISHED_LATE: "Thành lập ngày %(day)s, không hoạt động cả tháng",
    Reason.DISSOLVED: "Giải thể ngày %(day)s, không hoạt động cả tháng",
    Reason.NO_REPORT: "Không gửi báo cáo tháng",
    Reason.REPORT_WAITING: "Báo cáo tháng chưa được công chức duyệt",
    Reason.REPORT_RETURNED: "Báo cáo tháng bị trả lại cho Tổ",
}
REPORT_PRINTED = {
    None: "Chưa gửi",
    TeamReport.Status.FILED: "Chờ duyệt",
    TeamReport.Status.RETURNED: "Bị trả lại",
    TeamReport.Status.ACCEPTED: "Đã duyệt",
}


@dataclass(frozen=True)
class StipendRow:
    team: Team
    report: TeamReport | None
    leader: str  # the leader's name in the month ("" when no one was seated)
    active_whole_month: bool
    reasons: tuple[Reason, ...]
    amount: int  # đồng; 0 when not entitled

    @property
    def entitled(self) -> bool:
        return not self.reasons

    @property
    def reason_text(self) -> str:
        return "; ".join(str(reason) for reason in self.reasons)

    @property
    def reason_printed(self) -> str:
        return "; ".join(reason.printed for reason in self.reasons)

    @property
    def amount_printed(self) -> str:
        return amount_printed(self.amount)

    @property
    def report_printed(self) -> str:
        return REPORT_PRINTED[self.report.status if self.report else None]


@dataclass(frozen=True)
class StipendList:
    period: ReportingPeriod
    plan: Plan | None
    rule: StipendRule | None  # None: the plan sets no stipend for the month
    rows: list[StipendRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.amount for row in self.rows)

    @property
    def rate_printed(self) -> str:
        return amount_printed(self.rule.amount) if self.rule else ""

    @property
    def total_printed(self) -> str:
        return amount_printed(self.total)

    @property
    def entitled_count(self) -> int:
        return sum(1 for row in self.rows if row.entitled)

    @property
    def team_name(self) -> str:
        """How the plan names a team: "Tổ chuyển đổi số cộng đồng"."""
        return self.plan.team_name if self.plan else TEAM_NAME_2022


def month_plan(period: ReportingPeriod) -> Plan | None:
    """The commune's latest plan issued by the month's last day (as ``dashboard.commune_plan``)."""
    return (
        Plan.objects.filter(commune_id=period.commune_id, issued_on__lte=period.last_day)
        .order_by("-issued_on", "-pk")
        .first()
    )


def month_rule(plan: Plan | None, period: ReportingPeriod) -> StipendRule | None:
    """The plan's latest rule valid from the month's first day or before."""
    if plan is None:
        return None
    return plan.stipend_rules.filter(valid_from__lte=period.first_day).order_by("-valid_from").first()


def applies(period: ReportingPeriod) -> bool:
    """A rule of the month's plan pays a stipend for it (``month_rule``), in one query."""
    latest = (
        Plan.objects.filter(commune_id=period.commune_id, issued_on__lte=period.last_day)
        .order_by("-issued_on", "-pk")
        .values("pk")[:1]
    )
    return StipendRule.objects.filter(plan=Subquery(latest), valid_from__lte=period.first_day).exists()


def stipend_list(period: ReportingPeriod) -> StipendList:
    """The month's teams with what the rule pays each, or no rows when no rule applies."""
    plan = month_plan(period)
    rule = month_rule(plan, period)
    if rule is None:
        return StipendList(period=period, plan=plan, rule=None)
    dissolved_in_month = Q(dissolved_on__gte=period.first_day, dissolved_on__lte=period.last_day) & (
        Q(established_on__isnull=True) | Q(established_on__lte=period.last_day)
    )
    team_rows = selectors.period_rows(period, also=dissolved_in_month)
    leaders = _leaders([row.team.pk for row in team_rows], period)
    rows = []
    for team_row in team_rows:
        team, report = team_row.team, team_row.report
        activity = _activity(team, period)
        reasons = (*_level(rule, team), *activity, *_report(report))
        rows.append(
            StipendRow(
                team=team,
                report=report,
                leader=leaders.get(team.pk, ""),
                active_whole_month=not activity,
                reasons=reasons,
                amount=0 if reasons else rule.amount,
            )
        )
    return StipendList(period=period, plan=plan, rule=rule, rows=rows)


def _level(rule: StipendRule, team: Team) -> tuple[Reason, ...]:
    if rule.covers(team.level):
        return ()
    if rule.levels == StipendRule.Levels.COMMUNE:
        return (Reason(Reason.LEVEL_COMMUNE_ONLY),)
    return (Reason(Reason.LEVEL_VILLAGE_ONLY),)


def _activity(team: Team, period: ReportingPeriod) -> tuple[Reason, ...]:
    """Active from the first day to the last: established by the first, not dissolved by the last."""
    if team.status == Team.Status.FORMING:
        return (Reason(Reason.NOT_SET_UP),)
    if team.established_on is None:
        return (Reason(Reason.NO_ESTABLISHMENT_DATE),)
    reasons = []
    if team.established_on > period.first_day:
        reasons.append(Reason(Reason.ESTABLISHED_LATE, team.established_on))
    # A dissolution date is the first day without the team (``selectors.covering_on``).
    if team.dissolved_on is not None and team.dissolved_on <= period.last_day:
        reasons.append(Reason(Reason.DISSOLVED, team.dissolved_on))
    return tuple(reasons)


def _report(report: TeamReport | None) -> tuple[Reason, ...]:
    if report is None:
        return (Reason(Reason.NO_REPORT),)
    if report.status == TeamReport.Status.ACCEPTED:
        return ()
    if report.status == TeamReport.Status.RETURNED:
        return (Reason(Reason.REPORT_RETURNED),)
    return (Reason(Reason.REPORT_WAITING),)


def _leaders(team_ids: list[int], period: ReportingPeriod) -> dict[int, str]:
    """Per team, the name of its leader in the month (the latest seated, if several). One query."""
    if not team_ids:
        return {}
    seats = (
        Membership.objects.filter(team_id__in=team_ids, role=Role.LEADER, start_date__lte=period.last_day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=period.first_day))
        .select_related("person")
        .order_by("team_id", "start_date", "pk")
    )
    return {seat.team_id: seat.person.full_name for seat in seats}


def amount_printed(amount: int) -> str:
    """600000 -> "600.000"."""
    return printed_number(amount)


# Printed: the finance office's XLSX and the attachment of the commune report ----------------

HEADERS = [
    "STT",
    "Tổ",
    "Tổ trưởng",
    "Hoạt động cả tháng",
    "Báo cáo tháng",
    "Được hưởng",
    "Số tiền (đồng)",
    "Lý do không được hưởng",
]
YES_NO = {True: "Có", False: "Không"}
NBSP = "\u00a0"


def title(listed: StipendList) -> str:
    """ "DANH SÁCH CÁC TỔ CHUYỂN ĐỔI SỐ CỘNG ĐỒNG ĐƯỢC HƯỞNG HỖ TRỢ", in the plan's words."""
    return f"DANH SÁCH CÁC {listed.team_name.upper()} ĐƯỢC HƯỞNG HỖ TRỢ"


def rate_line(listed: StipendList) -> str:
    return f"Mức hỗ trợ: {amount_printed(listed.rule.amount)} đồng/Tổ/tháng, theo {listed.rule.basis}."


def table(listed: StipendList) -> list[list]:
    """The title lines, the header row, one row per team, the total: amounts stay numbers."""
    period = listed.period
    rows: list[list] = [
        [f"{title(listed)} THÁNG {period.month_label}"],
        [f"{period.commune.title_name}. {rate_line(listed)}"],
        HEADERS,
    ]
    for index, row in enumerate(listed.rows, start=1):
        rows.append(
            [
                index,
                row.team.name,
                row.leader,
                YES_NO[row.active_whole_month],
                row.report_printed,
                YES_NO[row.entitled],
                row.amount,
                row.reason_printed,
            ]
        )
    rows.append(["", "Tổng cộng", "", "", "", f"{listed.entitled_count} Tổ", listed.total, ""])
    return rows


def as_xlsx(listed: StipendList) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"Hỗ trợ {listed.period.month:02d}-{listed.period.year}"
    for values in table(listed):
        sheet.append(safe_row(values))
    for cell in (sheet["A1"], *sheet[3], *sheet[sheet.max_row]):
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filename(listed: StipendList, extension: str) -> str:
    """ "stipends-18259-2022-11.xlsx"."""
    period = listed.period
    return f"stipends-{period.commune.code}-{period.year}-{period.month:02d}.{extension}"


def attachment(listed: StipendList, *, reference: str) -> dict:
    """The list as ``templates/documents/attachment.html`` lays it out, with its table.

    ``reference`` is the line that says which report it goes with. JSON-serialisable: issuance
    stores it as the attachment's snapshot.
    """
    rows = [
        [
            str(index),
            row.team.name,
            row.leader,
            amount_printed(row.amount) if row.entitled else "-",
            row.reason_printed,
        ]
        for index, row in enumerate(listed.rows, start=1)
    ]
    return {
        "title": title(listed),
        "subject": f"Tháng {listed.period.month_label}",
        "reference": reference,
        "sections": [
            {"heading": "1. Mức hỗ trợ", "paragraphs": [rate_line(listed).removeprefix("Mức hỗ trợ: ")]},
            {
                "heading": f"2. Các {listed.team_name} được hưởng hỗ trợ",
                "paragraphs": [
                    f"Có {listed.entitled_count}/{len(listed.rows)} Tổ được hưởng hỗ trợ, tổng số tiền "
                    f"{amount_printed(listed.total)} đồng; chi tiết như sau:"
                ],
            },
        ],
        "table": {
            "headers": ["STT", "Tổ", "Tổ trưởng", "Số tiền (đồng)", "Lý do không được hưởng"],
            "widths": [7, 31, 20, 14, 28],  # per cent of the line
            "rows": rows,
            "total": ["", "Tổng cộng", "", amount_printed(listed.total), ""],
        },
    }


def draft_reference(period: ReportingPeriod) -> str:
    """The line of the preview: the report's number and date are left blank until it is issued
    (no-break spaces, which HTML does not collapse)."""
    number = formatting.number_symbol(number=None, symbol=f"{DocumentType.REPORT}-{period.commune.body_abbreviation}")
    blank = formatting.DRAFT_NUMBER_BLANK
    return f"(Kèm theo Báo cáo số {number} ngày {blank} của UBND {period.commune.full_name})".replace(blank, NBSP * 6)
