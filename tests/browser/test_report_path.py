"""A month's reports in a real browser, from a team leader's phone to the district's spreadsheet.

The clerk opens the month; two village team leaders, each on a phone-size page, file their
team's figures (one from the home page, one through the collapsed menu) and the page
confirms; a third team files nothing. The clerk reads the period: the commune totals are
the sum of the two reports and the third team is shown as not reported. The district
officer reads the commune's row on the rollout dashboard (no total yet: the supervisor has
accepted no month; the switch to every figure filed shows them), then downloads it as XLSX
and CSV, and the commune's row of each file holds the same totals. A neighbouring commune of
the district files too, so that a commune's row cannot pass for the district's total.
"""

import csv
import io

import openpyxl
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from reports import indicators, services
from reports.models import ReportingPeriod, TeamReport
from tests import factories
from tests.reports import active_team, clerk_of, leader_of, other_commune, values
from tests.web import district_officer_of

from . import PHONE, Visitor, menu_link, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each team leader types (every indicator left empty is not reported: stored empty, not 0).
DONG_THAI = {"digital_addresses": 1200, "public_service_accounts": 345, "vneid_activations": 17}
THONG_TU = {"digital_addresses": 86, "public_service_accounts": 1004, "outreach_sessions": 3}
# Their sum, written out: the commune's totals (every other indicator is 0).
COMMUNE_TOTALS = {
    "digital_addresses": 1286,
    "public_service_accounts": 1349,
    "vneid_activations": 17,
    "outreach_sessions": 3,
}
# The neighbouring commune's one report, filed through the service.
NEIGHBOUR = {"digital_addresses": 7, "public_service_accounts": 5}
NOTE = "Thôn đã tổ chức 3 buổi hướng dẫn tại nhà văn hóa."


def vietnamese(message: str, **params) -> str:
    with translation.override("vi"):
        return gettext(message) % params if params else gettext(message)


def label(code: str) -> str:
    """The indicator's name on the pages: its set's stored Vietnamese label (the default set's)."""
    return indicators.BY_CODE[code].printed


def column(code: str) -> str:
    """The indicator's header in the exported files."""
    indicator = indicators.BY_CODE[code]
    return f"{indicator.printed} ({indicator.unit_printed})"


def every_indicator(totals: dict[str, int]) -> dict[str, int]:
    return {code: totals.get(code, 0) for code in indicators.CODES}


def follow(locator: Locator) -> None:
    """Click and wait for the page it leads to, through any redirect."""
    with locator.page.expect_navigation():
        locator.click()


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path_of(page)} is {width} px wide on a {PHONE['width']} px phone"


def table_rows(page: Page, section: str) -> dict[str, list[str]]:
    """The body rows of the table in ``section`` (its heading's id), keyed by their header cell."""
    rows = page.locator(f"section[aria-labelledby={section}] table tbody tr")
    found = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        found[row.locator("th").inner_text().strip()] = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    return found


# The clerk ---------------------------------------------------------------------------------


def open_the_month(clerk: Visitor, commune, month: str) -> ReportingPeriod:
    """Reports > "Open the period MM/YYYY": the period's page, every team still to report."""
    page = clerk.page
    follow(menu_link(page, vietnamese("Reports"), vietnamese("Monthly reports")))
    assert path_of(page) == "/reports/"
    follow(page.get_by_role("button", name=vietnamese("Open the period %(month)s", month=month)))
    period = ReportingPeriod.objects.get(commune=commune)
    assert path_of(page) == f"/reports/{period.pk}/"
    expect(page.locator(".alert-success")).to_contain_text(
        vietnamese("The reporting period %(month)s is open.", month=month)
    )
    expect(page.locator("main")).to_contain_text(vietnamese("%(n)s missing", n=3))
    return period


def read_the_period(clerk: Visitor, period: ReportingPeriod, teams: dict) -> None:
    """Reports > "Month MM/YYYY": who reported, who did not, and the commune's totals."""
    page = clerk.page
    follow(menu_link(page, vietnamese("Reports"), vietnamese("Monthly reports")))
    month_link = page.get_by_role("link", name=vietnamese("Month %(month)s", month=period.month_label), exact=True)
    follow(month_link)
    assert path_of(page) == f"/reports/{period.pk}/"
    expect(page.locator("main h1")).to_have_text(vietnamese("Reports of %(month)s", month=period.month_label))
    badges = page.locator("main p .badge").all_inner_texts()
    assert vietnamese("%(n)s filed", n=2) in badges and vietnamese("%(n)s missing", n=1) in badges, badges

    statuses = {name: cells[0] for name, cells in table_rows(page, "teams-h").items()}
    filed, missing = vietnamese("filed"), vietnamese("missing")
    assert statuses == {
        teams["dong_thai"].name: filed,
        teams["thong_tu"].name: filed,
        teams["trung_thuong"].name: missing,
    }

    totals = {name: cells[0] for name, cells in table_rows(page, "totals-h").items()}
    # An indicator no team reported is a dash, not a 0.
    assert totals == {label(code): str(COMMUNE_TOTALS.get(code, "—")) for code in indicators.CODES}
    assert totals[vietnamese("Households guided to create a digital address")] == "1286"

    summary = page.locator("#zalo-summary").input_value()
    assert "(2/3 tổ đã báo cáo)" in summary
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 1.286 hộ" in summary
    assert "- Người dân được hướng dẫn tạo tài khoản dịch vụ công trực tuyến: 1.349 người" in summary
    assert "Chưa báo cáo: Tổ thôn Trung Thượng." in summary


# A team leader, on a phone -----------------------------------------------------------------


def file_on_a_phone(
    browse, leader, period: ReportingPeriod, team, figures: dict[str, int], *, via_menu: bool, note: str
) -> None:
    """ "File my team's report" (from the home page, or Reports in the collapsed menu), the
    figures typed in, "File the report": confirmed, with the summary for the team's Zalo group."""
    phone = browse()
    phone.page.set_viewport_size(PHONE)
    phone.log_in(leader.username)
    page = phone.page
    if via_menu:
        follow(menu_link(page, vietnamese("Reports"), vietnamese("Monthly reports")))
    follow(page.locator("main").get_by_role("link", name=vietnamese("File my team's report")))
    assert path_of(page) == f"/reports/{period.pk}/teams/{team.pk}/file/"
    expect(page.locator("main h1")).to_have_text(vietnamese("Report of %(month)s", month=period.month_label))
    expect(page.locator("main")).to_contain_text(team.name)
    fits_the_phone(page)

    for code, value in figures.items():
        page.get_by_label(label(code)).fill(str(value))
    if note:
        page.get_by_label(vietnamese("Note"), exact=True).fill(note)
    follow(page.get_by_role("button", name=vietnamese("File the report")))

    assert path_of(page) == f"/reports/{period.pk}/teams/{team.pk}/file/"
    expect(page.locator(".alert-success")).to_contain_text(vietnamese("The report was filed."))
    expect(page.get_by_role("button", name=vietnamese("Save the correction"))).to_be_visible()
    summary = page.locator("#zalo-summary").input_value()
    assert summary.startswith(f"Báo cáo tháng {period.month_label} - {team.name}:")
    digital = indicators.printed_number(figures["digital_addresses"])
    assert f"- Hộ gia đình được hướng dẫn tạo địa chỉ số: {digital} hộ" in summary
    fits_the_phone(page)

    report = TeamReport.objects.get(team=team, period=period)
    assert report.filed_by == leader
    assert dict(report.values.values_list("indicator", "value")) == {
        code: figures.get(code) for code in indicators.CODES
    }
    assert report.note == note


# The district officer ----------------------------------------------------------------------


def read_the_dashboard(district: Visitor, commune, neighbour, month: str) -> None:
    page = district.page
    follow(menu_link(page, vietnamese("Supervision"), vietnamese("Rollout")))
    assert path_of(page) == "/rollout/"
    expect(page.locator("main h1")).to_have_text(vietnamese("Rollout in %(place)s", place=commune.district.full_name))
    communes = table_rows(page, "communes-h")
    assert set(communes) == {commune.title_name, neighbour.title_name}
    latest = vietnamese(
        "%(month)s: %(on_time)s on time, %(late)s late, %(missing)s missing", month=month, on_time=2, late=0, missing=1
    )
    assert latest in communes[commune.title_name]

    headers = page.locator("section[aria-labelledby=achieved-h] thead th").all_inner_texts()[1:]
    assert headers == [label(code) for code in indicators.CODES]
    # The totals count only the months the supervisor accepted: none yet, every cell a dash.
    assert set(table_rows(page, "achieved-h")[commune.title_name]) == {"—"}
    follow(page.get_by_role("link", name=vietnamese("Include figures not yet accepted")))
    expect(page.locator("#figures-counted")).to_contain_text(
        vietnamese("Every figure filed, including the months the supervisor has not accepted yet.")
    )
    achieved = table_rows(page, "achieved-h")
    # An indicator none of the commune's teams gave is a dash, not a 0 (the neighbour's report gave 0s).
    assert achieved[commune.title_name] == [str(COMMUNE_TOTALS.get(code, "—")) for code in indicators.CODES]
    assert achieved[neighbour.title_name] == [str(v) for v in every_indicator(NEIGHBOUR).values()]
    district_total = page.locator("section[aria-labelledby=achieved-h] tfoot td").all_inner_texts()
    assert district_total[:2] == ["1293", "1354"]


def download(district: Visitor, link_text: str, folder):
    page = district.page
    with page.expect_download() as info:
        page.get_by_role("link", name=link_text).click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def rows_by_commune(rows: list[list]) -> dict[str, dict]:
    header, *body = rows
    return {row[0]: dict(zip(header, row, strict=True)) for row in body}


def check_the_commune_row(row: dict, month: str, totals: dict[str, int], *, as_text: bool) -> None:
    shown = str if as_text else int
    assert row["Kỳ báo cáo"] == month
    assert (row["Báo cáo đúng hạn"], row["Báo cáo muộn"], row["Chưa báo cáo"]) == (shown(2), shown(0), shown(1))
    empty = "" if as_text else None  # no team gave a figure: an empty cell, not 0
    assert {code: row[column(code)] for code in indicators.CODES} == {
        code: shown(totals[code]) if code in totals else empty for code in indicators.CODES
    }


def export(district: Visitor, commune, neighbour, month: str, folder) -> None:
    """ "Download (Excel)" and "Download (CSV)": the commune's row holds its totals."""
    year = timezone.localdate().year
    xlsx = download(district, vietnamese("Download (Excel)"), folder)
    assert xlsx.name == f"rollout-{commune.district.code}-{year}.xlsx"
    sheet = openpyxl.load_workbook(xlsx, read_only=True).active
    rows = rows_by_commune([list(row) for row in sheet.iter_rows(values_only=True)])
    assert set(rows) == {commune.title_name, neighbour.title_name}
    assert rows["Xã Tùng Ảnh"]["Hộ gia đình được hướng dẫn tạo địa chỉ số (hộ)"] == 1286
    assert rows["Xã Tùng Ảnh"]["Số liệu chỉ tiêu"] == "Mọi số liệu đã gửi, cả tháng chưa được chấp nhận"
    check_the_commune_row(rows[commune.title_name], month, COMMUNE_TOTALS, as_text=False)
    assert rows[neighbour.title_name][column("digital_addresses")] == 7

    saved = download(district, vietnamese("Download (CSV)"), folder)
    assert saved.name == f"rollout-{commune.district.code}-{year}.csv"
    text = saved.read_bytes().decode("utf-8-sig")
    rows = rows_by_commune(list(csv.reader(io.StringIO(text))))
    check_the_commune_row(rows[commune.title_name], month, COMMUNE_TOTALS, as_text=True)
    assert rows[neighbour.title_name][column("digital_addresses")] == "7"


# The path ----------------------------------------------------------------------------------


def a_neighbour_files(month_of):
    """Another commune of the district, whose one team has filed this month."""
    neighbour = other_commune()
    team = active_team(neighbour, name="Bắc Sơn")
    period = factories.ReportingPeriodFactory(commune=neighbour, year=month_of.year, month=month_of.month)
    services.report_file(team=team, period=period, values=values(**NEIGHBOUR), note="", by=clerk_of(neighbour))
    return neighbour


def test_a_report_goes_from_a_leaders_phone_to_the_district_spreadsheet(browse, tmp_path, commune, clerk):
    today = timezone.localdate()
    month = f"{today.month:02d}/{today.year}"
    teams = {
        "dong_thai": active_team(commune, name="Đông Thái"),
        "thong_tu": active_team(commune, name="Thông Tự"),
        "trung_thuong": active_team(commune, name="Trung Thượng"),
    }
    leaders = {key: leader_of(teams[key]) for key in ("dong_thai", "thong_tu")}
    neighbour = a_neighbour_files(today)
    district_officer = district_officer_of(commune)

    clerk_view = browse(clerk.username)
    period = open_the_month(clerk_view, commune, month)

    for key, figures, via_menu, note in (("dong_thai", DONG_THAI, False, NOTE), ("thong_tu", THONG_TU, True, "")):
        file_on_a_phone(browse, leaders[key], period, teams[key], figures, via_menu=via_menu, note=note)

    read_the_period(clerk_view, period, teams)

    district_view = browse(district_officer.username)
    read_the_dashboard(district_view, commune, neighbour, month)
    export(district_view, commune, neighbour, month, tmp_path)
