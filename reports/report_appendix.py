"""The attachments of a commune report, filed separately: each team's figures, and the stipend list.

The report itself prints the commune's totals; the appendix (phụ lục) lists, team by team,
what each reported for the month (or that it did not report), as Decree 30 has a report's
detailed tables go into a "phụ lục" attached to it. When the plan's rule pays a stipend for
the month, the list of the teams it pays (``reports.stipends``) goes with the report too,
so that the chairman issues it with the month's report. Built at issuance
(``KIND.attachments``) and filed under the report's register line by
``documents.attachments``: with electronic signing on, each carries the report's
number/symbol and signing time top right of page 1.
"""

from documents import formatting

from . import indicator_sets, selectors, stipends
from .models import CommuneReport, IndicatorDefinition

TITLE = "PHỤ LỤC"


def appendix(report: CommuneReport, printed: dict) -> list[dict]:
    """The team figures (none when no team owes a report), then the stipend list when a rule applies."""
    attached = _figures(report)
    listed = stipends.stipend_list(report.period)
    if listed.rule is not None:
        attached.append(stipends.attachment(listed, reference=reference(report)))
    return attached


def reference(report: CommuneReport) -> str:
    """ "(Kèm theo Báo cáo số 01/BC-UBND ngày 07/11/2022 của UBND xã Tùng Ảnh)"."""
    number = formatting.number_symbol(number=report.number, symbol=report.symbol)
    return f"(Kèm theo Báo cáo số {number} ngày {report.issued_on:%d/%m/%Y} của UBND {report.commune.full_name})"


def _figures(report: CommuneReport) -> list[dict]:
    """Each team of the period with its figures; none when no team owes a report."""
    period = report.period
    rows = selectors.period_rows(period)
    if not rows:
        return []
    values = {}
    for row in rows:
        if row.report is not None:
            values[row.team.pk] = dict(row.report.values.values_list("indicator", "value"))
    # Each team's figures under the indicators of the set its report was filed under.
    filed = {row.report.indicator_set_id for row in rows if row.report is not None}
    definitions: dict[int, list[IndicatorDefinition]] = {pk: [] for pk in filed}
    for definition in IndicatorDefinition.objects.filter(indicator_set__in=filed).order_by("position", "pk"):
        definitions[definition.indicator_set_id].append(definition)
    sections = []
    for index, row in enumerate(rows, start=1):
        if row.report is None:
            paragraphs = ["Chưa gửi báo cáo."]
        else:
            figures = values[row.team.pk]
            paragraphs = [
                f"- {indicator.printed}: {selectors.figure(indicator, figures.get(indicator.code))};"
                for indicator in definitions[row.report.indicator_set_id] or indicator_sets.no_set()
            ]
            paragraphs[-1] = paragraphs[-1].rstrip(";") + "."
        sections.append({"heading": f"{index}. {row.team.name}", "paragraphs": paragraphs})
    return [
        {
            "title": TITLE,
            "subject": f"Kết quả hoạt động của từng Tổ chuyển đổi số cộng đồng tháng {period.month_label}",
            "reference": reference(report),
            "sections": sections,
        }
    ]
