"""The approval's pages: each button once through its view, what waits for whom on the home
page and "Reports waiting for me", and the refusals shown on the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import approval, selectors
from reports.models import ReportingPeriod, TeamReport
from tests import factories
from tests.reports import active_team, district_officer_of, file, leader_of, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def team(commune):
    return active_team(commune, name="Đông Thái")


@pytest.fixture
def leader(team):
    return leader_of(team)


@pytest.fixture
def report(team, period, leader):
    return file(team, period, leader, digital_addresses=12)


def page(client, user, path) -> str:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def post(client, user, path, **data) -> str:
    client.force_login(user)
    response = client.post(path, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_whole_chain_through_the_pages(client, team, period, report, leader, clerk, chairman):
    supervisor = district_officer_of(team.commune)
    report_page = url("reports:report_file", period.pk, team.pk)
    assert "Accept the report" in page(client, clerk, report_page)
    html = post(client, clerk, url("reports:report_return", period.pk, team.pk), comment="Sai số hộ.")
    assert "The report was returned to the team with your comment." in html and "Sai số hộ." in html
    html = post(client, leader, report_page, digital_addresses="10")
    assert "The report was corrected." in html
    html = post(client, clerk, url("reports:report_accept", period.pk, team.pk))
    assert "The report was accepted." in html
    assert "Approve the month" in page(client, chairman, url("reports:period_detail", period.pk))
    html = post(client, chairman, url("reports:period_approve", period.pk), comment="")
    assert "The month 10/2022 is approved." in html
    html = post(client, supervisor, url("reports:period_send_back", period.pk), comment="Thiếu ghi chú.")
    assert "sent back to the commune" in html and "Thiếu ghi chú." in html
    post(client, chairman, url("reports:period_approve", period.pk))
    html = post(client, supervisor, url("reports:period_accept", period.pk))
    assert "The month 10/2022 is accepted and locked." in html
    assert "Reopen the month" in html
    html = post(client, supervisor, url("reports:period_reopen", period.pk), comment="Xã xin sửa.")
    assert "The month 10/2022 is reopened." in html
    period.refresh_from_db()
    assert period.status == ReportingPeriod.Status.SENT_BACK
    assert [e.action for e in period.events.all()] == ["approved", "sent_back", "approved", "accepted", "reopened"]


def test_a_refusal_is_shown_and_nothing_stored(client, period, team, report, clerk):
    html = post(client, clerk, url("reports:report_return", period.pk, team.pk), comment="  ")
    assert "Write the reason" in html
    report.refresh_from_db()
    assert report.status == TeamReport.Status.FILED


def test_someone_else_is_refused_with_403(client, period, team, report, leader, chairman):
    client.force_login(leader)
    assert client.post(url("reports:report_accept", period.pk, team.pk)).status_code == 403
    client.force_login(chairman)
    assert client.post(url("reports:period_accept", period.pk)).status_code == 403
    report.refresh_from_db()
    assert report.status == TeamReport.Status.FILED


def test_another_communes_month_is_a_404(client, period, report):
    elsewhere = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    other_clerk = factories.OfficialFactory(commune=elsewhere, role="clerk").user
    client.force_login(other_clerk)
    assert client.post(url("reports:period_approve", period.pk)).status_code == 404


def test_the_leader_sees_no_review_button_and_the_clerk_no_form_once_accepted(
    client, period, team, report, leader, clerk
):
    path = url("reports:report_file", period.pk, team.pk)
    assert "Accept the report" not in page(client, leader, path)
    approval.report_accept(report=report, by=clerk)
    html = page(client, leader, path)
    assert 'name="digital_addresses"' not in html and "accepted" in html
    html = post(client, leader, path, digital_addresses="1")
    assert "The clerk has accepted this report" in html
    assert report.values.get(indicator="digital_addresses").value == 12


def test_what_waits_for_whom(client, commune, period, team, report, leader, clerk, chairman):
    supervisor = district_officer_of(commune)
    waiting = url("reports:waiting")
    assert "Đông Thái" in page(client, clerk, waiting)
    assert "Đông Thái" in page(client, clerk, url("home"))
    assert "Months to approve" not in page(client, chairman, waiting)
    approval.report_return(report=report, comment="Sửa số hộ.", by=clerk)
    assert "Reports returned to correct" in page(client, leader, url("home"))
    TeamReport.objects.filter(pk=report.pk).update(status="accepted")
    assert "Months to approve" in page(client, chairman, url("home"))
    approval.period_approve(period=period, by=chairman)
    html = page(client, supervisor, waiting)
    assert "Months to accept" in html and "Month 10/2022" in html
    assert "No report waits for you." in page(client, clerk, waiting)


def test_the_chairman_is_offered_what_the_clerk_filed(client, period, team, clerk, chairman):
    file(team, period, clerk, digital_addresses=3)
    assert "No report waits for you." in page(client, clerk, url("reports:waiting"))
    assert "Đông Thái" in page(client, chairman, url("reports:waiting"))


def test_the_waiting_page_stays_within_a_few_queries(client, commune, clerk, django_assert_max_num_queries):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    for name in ("Đông Thái", "Thông Tự", "Trung Thượng"):
        team = active_team(commune, name=name)
        file(team, period, leader_of(team), digital_addresses=1)
    client.force_login(clerk)
    with django_assert_max_num_queries(8):
        assert client.get(url("reports:waiting")).status_code == 200


def approved_months(commune, months) -> list[ReportingPeriod]:
    return [
        factories.ReportingPeriodFactory(commune=commune, year=2022, month=m, status=ReportingPeriod.Status.APPROVED)
        for m in months
    ]


def test_a_supervisor_with_many_months_to_accept_pages_through_them(client, commune, monkeypatch):
    """A province officer may face hundreds of months: the list shows a page of them, oldest
    first, with the count of all; the home page shows the first page and links to the rest."""
    monkeypatch.setattr(selectors, "ACCEPT_PAGE", 3)
    supervisor = district_officer_of(commune)
    approved_months(commune, range(1, 8))
    html = page(client, supervisor, url("reports:waiting"))
    assert '<span class="badge text-bg-primary">7</span>' in html
    assert [m for m in range(1, 8) if f"Month {m:02d}/2022" in html] == [1, 2, 3]
    assert "Page 1 of 3" in html
    html = page(client, supervisor, url("reports:waiting") + "?page=3")
    assert [m for m in range(1, 8) if f"Month {m:02d}/2022" in html] == [7]
    html = page(client, supervisor, url("home"))
    assert [m for m in range(1, 8) if f"Month {m:02d}/2022" in html] == [1, 2, 3]
    assert "See all 7 months to accept" in html
    approved_months(commune, [8])
    html = page(client, supervisor, url("reports:waiting") + "?page=99")  # past the end: the last page
    assert [m for m in range(1, 9) if f"Month {m:02d}/2022" in html] == [7, 8]


def test_a_supervisors_waiting_page_costs_the_same_for_2_months_or_38(client, commune, django_assert_num_queries):
    supervisor = district_officer_of(commune)
    client.force_login(supervisor)
    approved_months(commune, [1, 2])
    client.get(url("reports:waiting"))  # the session and the caches, once
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("reports:waiting")).status_code == 200
    for year in (2020, 2021, 2023):
        for month in range(1, 13):
            factories.ReportingPeriodFactory(
                commune=commune, year=year, month=month, status=ReportingPeriod.Status.APPROVED
            )
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url("reports:waiting")).content.decode()
    assert '<span class="badge text-bg-primary">38</span>' in html
