"""Zero is not missing: a figure left empty is "not reported", stored as such and told apart
from a 0 in the form, the report, the commune's totals, its summaries and its report."""

import io

import openpyxl
import pytest
from django.utils.html import escape

from reports import indicators, report_documents, selectors, services
from reports.models import ReportingPeriod, ReportValue
from tests.reports import active_team, clerk_of, district_officer_of, leader_of, url

pytestmark = pytest.mark.django_db
CODE = "digital_addresses"


@pytest.fixture
def october(commune):
    return ReportingPeriod.objects.create(commune=commune, year=2022, month=10, opened_by=clerk_of(commune))


def filed(team, period, **given):
    """A report with only ``given`` figures: every other indicator left empty."""
    return services.report_file(team=team, period=period, values=given, by=clerk_of(team.commune))


@pytest.fixture
def three_teams(commune, october):
    """Of three reports, two give the households guided (one of them 0), one leaves it empty."""
    teams = [active_team(commune, name=name) for name in ("Đông Thái", "Thông Tự", "Yên Hồ")]
    filed(teams[0], october, digital_addresses=120, health_apps=4)
    filed(teams[1], october, digital_addresses=0, health_apps=None)
    filed(teams[2], october, health_apps=1)
    return teams


def test_the_totals_count_the_reports_that_gave_a_figure_a_zero_included(three_teams, october):
    totals = {t.indicator.code: t for t in selectors.commune_totals(october)}
    guided = totals[CODE]
    assert (guided.total, guided.reported, guided.reports, guided.incomplete) == (120, 2, 3, True)
    assert (totals["health_apps"].total, totals["health_apps"].reported) == (5, 2)
    nobody = totals["vneid_activations"]
    assert (nobody.total, nobody.reported, nobody.reports) == (0, 0, 3)
    assert selectors.total_figure(nobody) == "chưa báo cáo"
    assert selectors.total_figure(guided) == "120 hộ (2/3 tổ báo cáo)"


def test_a_complete_indicator_says_only_its_total(commune, october):
    for name in ("Đông Thái", "Thông Tự"):
        filed(active_team(commune, name=name), october, digital_addresses=0)
    guided = next(t for t in selectors.commune_totals(october) if t.indicator.code == CODE)
    assert (guided.reported, guided.reports, guided.incomplete) == (2, 2, False)
    assert selectors.total_figure(guided) == "0 hộ"


def test_the_summaries_and_the_communes_report_tell_empty_from_zero(three_teams, october):
    report = three_teams[1].reports.get()
    team_lines = selectors.zalo_summary(report).splitlines()
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 0 hộ" in team_lines
    assert "- Lượt cài đặt ứng dụng Sổ sức khỏe điện tử: chưa báo cáo" in team_lines
    commune_lines = selectors.commune_zalo_summary(october).splitlines()
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 120 hộ (2/3 tổ báo cáo)" in commune_lines
    vneid = indicators.BY_CODE["vneid_activations"].printed
    assert f"- {vneid}: chưa báo cáo" in commune_lines
    printed = report_documents.figure_lines(october)
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 120 hộ (2/3 tổ báo cáo);" in printed


def test_a_correction_may_empty_a_figure_and_give_one_back(commune, october):
    team = active_team(commune)
    report = filed(team, october, digital_addresses=7)
    services.report_correct(report=report, values={CODE: None}, by=clerk_of(commune))
    assert ReportValue.objects.get(report=report, indicator=CODE).value is None
    services.report_correct(report=report, values={CODE: 0}, by=clerk_of(commune))
    assert ReportValue.objects.get(report=report, indicator=CODE).value == 0


def test_an_empty_figure_adds_nothing_to_the_households_guided(commune, october):
    village_team = active_team(commune)
    village_team.village.households = 5
    village_team.village.save()
    filed(village_team, october, digital_addresses=5)
    november = ReportingPeriod.objects.create(commune=commune, year=2022, month=11, opened_by=clerk_of(commune))
    filed(village_team, november, health_apps=2)  # the households guided left empty: within the 5
    assert ReportValue.objects.get(report__period=november, indicator=CODE).value is None


# Through the pages ----------------------------------------------------------------------------


def test_a_new_form_starts_empty_and_a_field_left_empty_is_stored_not_reported(client, commune, october, settings):
    settings.LANGUAGE_CODE = "en"
    team = active_team(commune)
    client.force_login(leader_of(team))
    address = url("reports:report_file", october.pk, team.pk)
    form = client.get(address).content.decode()
    assert 'name="digital_addresses"' in form and 'name="digital_addresses" value="0"' not in form
    assert "Leave a figure empty when the team has none to give; write 0 when it did none." in form
    data = {code: "" for code in indicators.CODES} | {"health_apps": "0", "outreach_sessions": "2", "note": ""}
    assert client.post(address, data).status_code == 302
    stored = dict(ReportValue.objects.values_list("indicator", "value"))
    assert (stored["health_apps"], stored["outreach_sessions"], stored[CODE]) == (0, 2, None)
    again = client.get(address).content.decode()
    assert 'name="health_apps" value="0"' in again and 'name="digital_addresses" value=' not in again


def test_a_closed_report_and_the_period_page_say_not_reported(client, three_teams, october, commune, settings):
    settings.LANGUAGE_CODE = "en"
    services.period_close(period=october, by=clerk_of(commune))
    client.force_login(clerk_of(commune))
    report = client.get(url("reports:report_file", october.pk, three_teams[2].pk)).content.decode()
    assert "not reported" in report
    period = client.get(url("reports:period_detail", october.pk)).content.decode()
    assert "Teams that reported it" in period and "2 of 3" in period


def accepted(period):
    """The supervisor accepted ``period``: the dashboards total the accepted months."""
    ReportingPeriod.objects.filter(pk=period.pk).update(status=ReportingPeriod.Status.ACCEPTED)


def test_the_dashboards_tell_an_indicator_nobody_reported_from_a_zero(client, three_teams, commune, october, settings):
    """An indicator every report left empty is no figure: a dash on the page, an empty cell in
    the exports, where a reported 0 is a 0."""
    accepted(october)
    settings.LANGUAGE_CODE = "en"
    client.force_login(district_officer_of(commune))
    district = client.get(url("dashboard:district"), {"year": 2022})
    assert district.status_code == 200
    row = next(row for row in district.context["board"].rows if row.commune == commune)
    totals = {t.indicator.code: t for t in row.totals}
    assert (totals["vneid_activations"].total, totals["vneid_activations"].reported) == (0, 0)
    assert (totals[CODE].total, totals[CODE].reported) == (120, 1)
    label = escape(indicators.BY_CODE["vneid_activations"].printed)
    assert f'data-label="{label}">—</td>' in district.content.decode()
    assert client.get(url("dashboard:commune", commune.pk), {"year": 2022}).status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(url("dashboard:district_xlsx"), {"year": 2022}).content), read_only=True
    ).active
    header, *rows = [list(line) for line in sheet.iter_rows(values_only=True)]
    mine = dict(zip(header, next(line for line in rows if line[0] == commune.title_name), strict=True))
    printed = indicators.BY_CODE["vneid_activations"]
    assert mine[f"{printed.printed} ({printed.unit_printed})"] is None
    guided = indicators.BY_CODE[CODE]
    assert mine[f"{guided.printed} ({guided.unit_printed})"] == 120


def test_the_communes_months_tell_a_month_without_a_figure_from_a_zero(client, three_teams, commune, october, settings):
    """The drill-down's table: October gave 120 households and a 0 was among them; no month
    gave a VNeID figure, so every month and the year are a dash, not a 0."""
    from reports import dashboard

    accepted(october)

    year = {m.indicator.code: m for m in dashboard.monthly_totals(commune, year=2022)}
    assert (year[CODE].months[9], year[CODE].months[8], year[CODE].total) == (120, None, 120)
    assert (year["vneid_activations"].months, year["vneid_activations"].total) == ([None] * 12, None)
    settings.LANGUAGE_CODE = "en"
    client.force_login(district_officer_of(commune))
    page = client.get(url("dashboard:commune", commune.pk), {"year": 2022}).content.decode()
    assert 'data-label="Month 10">120</td>' in page
    assert 'data-label="Month 09"><span title="not reported">—</span></td>' in page
    assert 'data-label="Month 10">0</td>' not in page.split(escape(indicators.BY_CODE["vneid_activations"].printed))[1]
