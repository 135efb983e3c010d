"""The supervisor's view of the dashboards: per commune, how many months of the year are
accepted, waiting, sent back or missing; the totals only of the accepted months, with a
switch to count every figure filed; a commune's month leads to its reports and their trail."""

import datetime
import io

import openpyxl
import pytest

from reports import approval, dashboard
from reports.dashboard import MonthCounts, MonthState
from reports.models import ReportingPeriod
from tests import factories
from tests.reports import active_team, district_officer_of, file, url

pytestmark = pytest.mark.django_db

CODE = "digital_addresses"
TODAY = datetime.date(2026, 12, 2)


@pytest.fixture
def supervisor(commune):
    """The district officer: 2022 is before the reform."""
    return district_officer_of(commune)


@pytest.fixture
def months(commune, clerk, chairman, supervisor):
    """A team set up on 4 October 2022; October accepted by the supervisor (12 households
    guided), November approved by the chairman and waiting (5), December sent back (7)."""
    team = active_team(commune, name="Đông Thái")
    periods = {}
    for month, figure in ((10, 12), (11, 5), (12, 7)):
        period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=month)
        report = file(team, period, clerk, **{CODE: figure})
        approval.report_accept(report=report, by=chairman)  # the clerk filed it: the chairman reviews it
        periods[month] = approval.period_approve(period=period, by=chairman)
    approval.period_accept(period=periods[10], by=supervisor)
    approval.period_send_back(period=periods[12], comment="Thiếu báo cáo thôn Trung Thượng.", by=supervisor)
    return periods


def test_each_month_stands_where_its_period_does_and_months_nobody_owed_are_not_counted(commune, months):
    states = dashboard.place_months(dashboard.place_days([commune.pk]), year=2022, today=TODAY)[commune.pk]
    assert states == {10: MonthState.ACCEPTED, 11: MonthState.PENDING, 12: MonthState.RETURNED}


def test_a_month_owed_and_due_without_a_period_is_missing_and_one_not_yet_due_is_under_way(commune):
    active_team(commune, name="Đông Thái")  # set up on 4 October 2022
    open_october = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    states = dashboard.place_months(dashboard.place_days([commune.pk]), year=2022, today=TODAY)[commune.pk]
    assert states == {10: MonthState.MISSING, 11: MonthState.MISSING, 12: MonthState.MISSING}
    # On 3 November, October's reports are due on the 5th: it is under way, and so is November.
    early = dashboard.place_months(dashboard.place_days([commune.pk]), year=2022, today=datetime.date(2022, 11, 3))[
        commune.pk
    ]
    assert early == {10: MonthState.UNDER_WAY, 11: MonthState.UNDER_WAY}
    on_the_5th = dashboard.place_months(
        dashboard.place_days([commune.pk]), year=2022, today=datetime.date(2022, 11, 5)
    )[commune.pk]
    assert on_the_5th[10] == MonthState.UNDER_WAY
    # On the 6th, October is missing: the chairman has not sent it up.
    late = dashboard.place_months(dashboard.place_days([commune.pk]), year=2022, today=datetime.date(2022, 11, 6))[
        commune.pk
    ]
    assert late[10] == MonthState.MISSING
    assert open_october.due_on == datetime.date(2022, 11, 5)


def test_a_commune_that_ceased_owes_no_month_after_it(commune):
    active_team(commune, name="Đông Thái")
    commune.ceased_on = datetime.date(2022, 12, 1)
    commune.save(update_fields=["ceased_on"])
    states = dashboard.place_months(dashboard.place_days([commune.pk]), year=2022, today=TODAY)[commune.pk]
    assert sorted(states) == [10, 11]


def test_a_month_counts_from_the_first_day_of_a_list_to_the_day_before_it_ends(db):
    """A new commune of the list in force from 1 July 2025 owes July if a team was set up by
    31 July; an old commune whose list ended (or which ceased) on 1 July owes up to June."""
    PlaceDays = dashboard.PlaceDays
    new = PlaceDays(9001, datetime.date(2025, 7, 1), None, None, datetime.date(2025, 7, 31))
    old_list = PlaceDays(9002, None, datetime.date(2025, 7, 1), None, datetime.date.min)
    ceased = PlaceDays(9003, None, None, datetime.date(2025, 7, 1), datetime.date(2024, 1, 1))
    late_team = PlaceDays(9004, None, None, None, datetime.date(2025, 8, 1))
    states = dashboard.place_months([new, old_list, ceased, late_team], year=2025, today=TODAY)
    assert sorted(states[9001]) == [7, 8, 9, 10, 11, 12]
    assert sorted(states[9002]) == sorted(states[9003]) == [1, 2, 3, 4, 5, 6]
    assert sorted(states[9004]) == [8, 9, 10, 11, 12]
    assert set(states[9001].values()) == {MonthState.MISSING}


def test_a_month_of_several_places_stands_where_the_least_advanced_one_does():
    states = {
        1: {6: MonthState.ACCEPTED, 7: MonthState.ACCEPTED},
        2: {6: MonthState.PENDING},
        3: {6: MonthState.ACCEPTED, 8: MonthState.MISSING},
    }
    assert dashboard.row_months(states, [1, 2, 3]) == MonthCounts(accepted=1, pending=1, returned=0, missing=1)
    assert dashboard.row_months(states, [1, 3]) == MonthCounts(accepted=2, pending=0, returned=0, missing=1)
    assert dashboard.row_months(states, [4]) == MonthCounts()


def test_the_totals_count_only_the_accepted_months_unless_asked_for_every_figure(commune, months, supervisor):
    row = next(r for r in dashboard.district_dashboard(supervisor, year=2022).rows if r.commune == commune)
    assert row.months == MonthCounts(accepted=1, pending=1, returned=1, missing=0)
    assert {t.indicator.code: t.total for t in row.totals}[CODE] == 12
    everything = dashboard.district_dashboard(supervisor, year=2022, pending=True)
    assert {t.indicator.code: t.total for t in everything.totals}[CODE] == 24
    monthly = {m.indicator.code: m for m in dashboard.monthly_totals(commune, year=2022)}[CODE]
    assert (monthly.months[9:12], monthly.total) == ([12, None, None], 12)
    monthly = {m.indicator.code: m for m in dashboard.monthly_totals(commune, year=2022, pending=True)}[CODE]
    assert (monthly.months[9:12], monthly.total) == ([12, 5, 7], 24)


def test_the_page_shows_the_months_and_switches_the_totals(client, commune, months, supervisor):
    client.force_login(supervisor)
    page = client.get(url("dashboard:district"), {"year": 2022})
    html = page.content.decode()
    assert "1 accepted, 1 waiting, 1 sent back, 0 missing" in html
    assert "Only the figures of the months the supervisor accepted." in html
    assert 'href="?year=2022&amp;pending=1#figures-counted"' in html
    assert {t.indicator.code: t.total for t in page.context["board"].totals}[CODE] == 12
    switched = client.get(url("dashboard:district"), {"year": 2022, "pending": "1"})
    html = switched.content.decode()
    assert {t.indicator.code: t.total for t in switched.context["board"].totals}[CODE] == 24
    assert 'href="?year=2022#figures-counted"' in html
    assert '<input type="hidden" name="pending" value="1">' in html  # the year form keeps the choice
    assert f"{url('dashboard:district_xlsx')}?year=2022&amp;pending=1" in html


def test_the_exports_say_which_figures_they_total(client, commune, months, supervisor):
    client.force_login(supervisor)

    def sheet(**asked):
        content = client.get(url("dashboard:district_xlsx"), {"year": 2022, **asked}).content
        header, *rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
        return dict(zip(header, next(r for r in rows if r[0] == commune.title_name), strict=True))

    accepted_only, everything = sheet(), sheet(pending="1")
    guided = next(key for key in accepted_only if key.startswith("Hộ gia đình được hướng dẫn"))
    assert (accepted_only[guided], everything[guided]) == (12, 24)
    assert accepted_only["Số liệu chỉ tiêu"] == "Chỉ các tháng được cấp trên chấp nhận"
    assert everything["Số liệu chỉ tiêu"] == "Mọi số liệu đã gửi, cả tháng chưa được chấp nhận"
    assert [accepted_only[f"Số tháng {what}"] for what in ("được cấp trên chấp nhận", "chờ cấp trên chấp nhận")] == [
        1,
        1,
    ]
    assert (accepted_only["Số tháng bị cấp trên trả lại"], accepted_only["Số tháng chưa gửi lên"]) == (1, 0)


def test_a_communes_month_leads_to_its_reports_and_their_trail(client, commune, months, supervisor):
    client.force_login(supervisor)
    page = client.get(url("dashboard:commune", commune.pk), {"year": 2022})
    cells = {cell.month: cell for cell in page.context["month_cells"]}
    assert [cells[m].state for m in (9, 10, 11, 12)] == [
        None,
        MonthState.ACCEPTED,
        MonthState.PENDING,
        MonthState.RETURNED,
    ]
    html = page.content.decode()
    december = url("reports:period_detail", months[12].pk)
    assert f'href="{december}"' in html
    assert '<span class="badge text-bg-warning text-wrap">sent back</span>' in html
    trail = client.get(december)
    assert trail.status_code == 200
    assert "Thiếu báo cáo thôn Trung Thượng." in trail.content.decode()


def test_the_commune_officials_see_the_same_months(client, commune, months, clerk):
    client.force_login(clerk)
    page = client.get(url("dashboard:district"), {"year": 2022})
    assert "1 accepted, 1 waiting, 1 sent back, 0 missing" in page.content.decode()
    assert ReportingPeriod.objects.get(pk=months[10].pk).status == ReportingPeriod.Status.ACCEPTED
