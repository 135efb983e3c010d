"""The reports pages: what each role sees and may do (403 in scope, 404 outside), and the wiring."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from accounts.models import Official
from demo.management.commands.load_plan_246 import ISSUED_ON, NUMBER_SYMBOL, PHASES, SUBJECT
from reports import services
from reports.models import ReportingPeriod, TeamReport
from reports.services import plan_create
from teams.models import Team
from tests import factories
from tests.reports import active_team, clerk_of, district_officer_of, file, leader_of, other_commune, url, values

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def leader(team):
    return leader_of(team)


@pytest.fixture
def neighbour(commune):
    return active_team(commune, name="Thông Tự")


def form_data(note="", **given) -> dict:
    return {**values(**given), "note": note}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


# The period list ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, october):
    response = client.get(url("reports:period_list"))
    assert response.status_code == 302 and "/login/" in response.url


def test_the_clerk_sees_the_periods_with_their_counts_and_may_open_this_month(client, clerk, team, october):
    file(team, october, clerk, at=datetime.datetime(2022, 11, 2, 8, 0))
    client.force_login(clerk)
    html = page(client, url("reports:period_list"))
    assert "Month 10/2022" in html
    today = timezone.localdate()
    assert f"Open the period {today.month:02d}/{today.year}" in html


def test_the_clerk_opens_the_current_month(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(url("reports:period_open"))
    today = timezone.localdate()
    period = ReportingPeriod.objects.get(commune=commune)
    assert (period.year, period.month, period.opened_by) == (today.year, today.month, clerk)
    assert response.url == url("reports:period_detail", period.pk)
    assert "Open the period" not in page(client, url("reports:period_list"))
    again = client.post(url("reports:period_open"))
    assert again.status_code == 302 and ReportingPeriod.objects.count() == 1
    assert "already open or closed" in " ".join(messages_of(again))


@pytest.mark.parametrize("who", ["leader", "district", "chairman"])
def test_only_the_clerk_may_open_a_period(client, commune, leader, chairman, who):
    client.force_login({"leader": leader, "district": district_officer_of(commune), "chairman": chairman}[who])
    assert "Open the period" not in page(client, url("reports:period_list"))
    assert client.post(url("reports:period_open")).status_code == 403
    assert not ReportingPeriod.objects.exists()


def test_a_district_officer_reads_every_commune_of_the_district(client, commune, october):
    neighbour_commune = other_commune()
    factories.ReportingPeriodFactory(commune=neighbour_commune)
    far = factories.CommuneFactory(code=18300, name="Thạch Hà", district=factories.DistrictFactory(code=441))
    factories.ReportingPeriodFactory(commune=far)
    client.force_login(district_officer_of(commune))
    html = page(client, url("reports:period_list"))
    assert "Xã Tùng Ảnh" in html and "Xã Tùng Lộc" in html and "Thạch Hà" not in html


def test_a_clerk_does_not_see_another_communes_periods(client, october):
    client.force_login(clerk_of(other_commune()))
    assert "Month 10/2022" not in page(client, url("reports:period_list"))


# One period --------------------------------------------------------------------------------


def test_the_period_page_shows_every_team_totals_and_the_zalo_summary(client, clerk, team, neighbour, october):
    file(team, october, clerk, at=datetime.datetime(2022, 11, 1, 9, 0), digital_addresses=1200)
    client.force_login(clerk)
    html = page(client, url("reports:period_detail", october.pk))
    assert "Tổ chuyển đổi số cộng đồng thôn Đông Thái" in html and "Tổ chuyển đổi số cộng đồng thôn Thông Tự" in html
    assert ">filed<" in html and ">missing<" in html
    assert "Commune totals" in html
    assert '<textarea id="zalo-summary" class="form-control font-monospace mb-2" rows="13" readonly>' in html
    assert "Hộ gia đình được hướng dẫn tạo địa chỉ số: 1.200 hộ" in html
    assert "Chưa báo cáo: Tổ thôn Thông Tự." in html
    assert 'data-copy-target="zalo-summary"' in html
    assert "Close the period" in html
    assert url("reports:report_file", october.pk, neighbour.pk) in html


def test_the_clerk_closes_the_period_from_its_page(client, clerk, october):
    client.force_login(clerk)
    response = client.post(url("reports:period_close", october.pk))
    assert response.url == url("reports:period_detail", october.pk)
    october.refresh_from_db()
    assert october.closed_by == clerk
    assert "Close the period" not in page(client, url("reports:period_detail", october.pk))


def test_a_district_officer_reads_the_period_and_changes_nothing(client, commune, clerk, team, october):
    file(team, october, clerk, digital_addresses=5)
    officer = district_officer_of(commune)
    client.force_login(officer)
    html = page(client, url("reports:period_detail", october.pk))
    assert "Commune totals" in html and "Close the period" not in html and ">File<" not in html
    assert client.post(url("reports:period_close", october.pk)).status_code == 403
    october.refresh_from_db()
    assert not october.is_closed


def test_a_team_leader_sees_only_their_teams_row(client, leader, team, neighbour, october):
    client.force_login(leader)
    html = page(client, url("reports:period_detail", october.pk))
    assert "thôn Đông Thái" in html and "thôn Thông Tự" not in html
    assert "Commune totals" not in html and "zalo-summary" not in html
    assert client.post(url("reports:period_close", october.pk)).status_code == 403


def test_another_communes_period_is_not_found(client, october):
    client.force_login(clerk_of(other_commune()))
    assert client.get(url("reports:period_detail", october.pk)).status_code == 404
    assert client.post(url("reports:period_close", october.pk)).status_code == 404


def test_a_district_officer_of_another_district_finds_nothing(client, october):
    far = factories.CommuneFactory(code=18300, name="Thạch Hà", district=factories.DistrictFactory(code=441))
    client.force_login(district_officer_of(far))
    assert client.get(url("reports:period_detail", october.pk)).status_code == 404


# Filing through the page -------------------------------------------------------------------


def test_the_form_is_short_and_phone_friendly(client, leader, team, october):
    client.force_login(leader)
    html = page(client, url("reports:report_file", october.pk, team.pk))
    assert html.count('inputmode="numeric"') == 8
    assert 'name="digital_addresses"' in html and 'max="5000"' in html
    assert "Hộ gia đình được hướng dẫn tạo địa chỉ số" in html
    assert "File the report" in html


def test_the_leader_files_then_corrects_the_same_report(client, leader, team, october):
    client.force_login(leader)
    address = url("reports:report_file", october.pk, team.pk)
    response = client.post(address, form_data(digital_addresses=40, note="Tháng đầu"))
    assert response.status_code == 302 and response.url == address
    report = TeamReport.objects.get()
    assert (report.filed_by, report.values.get(indicator="digital_addresses").value) == (leader, 40)
    html = page(client, address)
    assert "Correct the report" in html and 'value="40"' in html
    assert "Báo cáo tháng 10/2022 - Tổ chuyển đổi số cộng đồng thôn Đông Thái:" in html
    client.post(address, form_data(digital_addresses=45, note="Đã sửa"))
    report = TeamReport.objects.get()
    assert (report.note, report.updated_by) == ("Đã sửa", leader)
    assert report.values.get(indicator="digital_addresses").value == 45


def test_the_clerk_files_for_a_team(client, clerk, team, october):
    client.force_login(clerk)
    client.post(url("reports:report_file", october.pk, team.pk), form_data(outreach_sessions=3))
    assert TeamReport.objects.get().filed_by == clerk


def test_an_absurd_value_is_shown_next_to_its_field_and_nothing_is_stored(client, leader, team, october):
    client.force_login(leader)
    response = client.post(url("reports:report_file", october.pk, team.pk), form_data(health_apps=90000))
    assert response.status_code == 200
    html = response.content.decode()
    assert "90000 is more than one team can do in a month (at most 5000 lượt)" in html
    assert 'id="error_1_id_health_apps"' in html
    assert not TeamReport.objects.exists()


def test_a_negative_value_is_refused_on_the_page(client, leader, team, october):
    client.force_login(leader)
    response = client.post(url("reports:report_file", october.pk, team.pk), form_data(outreach_sessions=-1))
    assert "a count cannot be negative" in response.content.decode()
    assert not TeamReport.objects.exists()


def test_a_closed_period_shows_the_report_read_only(client, leader, clerk, team, october):
    file(team, october, leader, digital_addresses=7)
    services.period_close(period=october, by=clerk)
    client.force_login(leader)
    address = url("reports:report_file", october.pk, team.pk)
    html = page(client, address)
    assert '<form method="post" novalidate' not in html and "Figures" in html
    response = client.post(address, form_data(digital_addresses=8))
    assert "is closed" in " ".join(messages_of(response))
    assert TeamReport.objects.get().values.get(indicator="digital_addresses").value == 7


def test_another_teams_leader_finds_no_such_report_page(client, leader, neighbour, october):
    client.force_login(leader)
    address = url("reports:report_file", october.pk, neighbour.pk)
    assert client.get(address).status_code == 404
    assert client.post(address, form_data(digital_addresses=1)).status_code == 404
    assert not TeamReport.objects.exists()


@pytest.mark.parametrize("role", [Official.Role.CHAIRMAN, Official.Role.DISTRICT_OFFICER])
def test_readers_see_the_report_and_may_not_post(client, commune, clerk, team, october, role):
    file(team, october, clerk, digital_addresses=9)
    if role == Official.Role.DISTRICT_OFFICER:
        reader = district_officer_of(commune)
    else:
        reader = factories.OfficialFactory(commune=commune, role=role).user
    client.force_login(reader)
    address = url("reports:report_file", october.pk, team.pk)
    html = page(client, address)
    assert "Figures" in html and "File the report" not in html
    assert client.post(address, form_data(digital_addresses=1)).status_code == 403
    assert TeamReport.objects.get().values.get(indicator="digital_addresses").value == 9


def test_another_communes_clerk_finds_neither_period_nor_team(client, team, october):
    foreign = other_commune()
    client.force_login(clerk_of(foreign))
    assert client.post(url("reports:report_file", october.pk, team.pk), form_data()).status_code == 404
    own = factories.ReportingPeriodFactory(commune=foreign)
    assert client.post(url("reports:report_file", own.pk, team.pk), form_data()).status_code == 404
    assert not TeamReport.objects.exists()


# Shortcuts and plans -----------------------------------------------------------------------


def test_my_report_takes_a_leader_to_the_latest_open_period(client, commune, leader, team, october):
    november = factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)
    client.force_login(leader)
    assert client.get(url("reports:my_report")).url == url("reports:report_file", november.pk, team.pk)
    services.period_close(period=november, by=clerk_of(commune))
    assert client.get(url("reports:my_report")).url == url("reports:report_file", october.pk, team.pk)


def test_my_report_without_an_open_period_goes_to_the_list(client, leader):
    client.force_login(leader)
    response = client.get(url("reports:my_report"))
    assert response.url == url("reports:period_list")
    assert "There is no open reporting period for your team at present." in messages_of(response)


def test_the_plan_page_shows_each_phase_status(client, clerk, commune):
    plan = plan_create(
        commune=commune, number_symbol=NUMBER_SYMBOL, issued_on=ISSUED_ON, subject=SUBJECT, phases=PHASES
    )
    active_team(commune, level=Team.Level.COMMUNE, established_on=datetime.date(2022, 10, 4))
    active_team(commune, established_on=datetime.date(2022, 10, 4))
    client.force_login(clerk)
    html = page(client, url("reports:plan_detail", plan.pk))
    assert "Kế hoạch số 246/KH-UBND ngày 03/10/2022" in html
    assert html.count(">late<") == 2 and ">no coverage target<" in html
    assert url("reports:plan_detail", plan.pk) in page(client, url("reports:period_list"))
    client.force_login(clerk_of(other_commune()))
    assert client.get(url("reports:plan_detail", plan.pk)).status_code == 404


@pytest.mark.parametrize("typed", ["٤٠", "４０", "४०"])
def test_a_figure_in_another_scripts_digits_is_refused_not_read(client, leader, team, october, typed):
    client.force_login(leader)
    response = client.post(url("reports:report_file", october.pk, team.pk), form_data(digital_addresses=typed))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["digital_addresses"]
    assert not TeamReport.objects.exists()
