"""A month's approval in a real browser, every step on a 360 px phone.

The team leader files from the home page; the clerk finds the report under "Reports waiting
for me" on the home page and accepts it; the chairman opens the month from the menu's
"Reports waiting for me" and approves it; the province officer (the month is after the
2025 reform: the province supervises) accepts it; the leader's report page then has no
form: the month is locked.
"""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from accounts.models import Official
from reports import indicators, services
from reports.models import ReportingPeriod, TeamReport
from tests import factories
from tests.reports import active_team, leader_of

from . import PHONE, Visitor, menu_link, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def vietnamese(message: str, **params) -> str:
    with translation.override("vi"):
        return gettext(message) % params if params else gettext(message)


def follow(locator: Locator) -> None:
    """Click and wait for the page it leads to, through any redirect."""
    with locator.page.expect_navigation():
        locator.click()


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path_of(page)} is {width} px wide on a {PHONE['width']} px phone"


def on_a_phone(browse, user) -> Visitor:
    visitor = browse()
    visitor.page.set_viewport_size(PHONE)
    visitor.log_in(user.username)
    return visitor


def success(page: Page, message: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(message)
    fits_the_phone(page)


def test_a_report_goes_from_the_leader_to_the_province_and_is_locked(browse, commune, clerk, chairman):
    today = timezone.localdate()
    period = services.period_open(commune=commune, year=today.year, month=today.month, by=clerk)
    team = active_team(commune, name="Đông Thái")
    leader = leader_of(team)
    province = factories.OfficialFactory(
        role=Official.Role.PROVINCE_OFFICER, province=commune.province, commune=None
    ).user
    report_path = f"/reports/{period.pk}/teams/{team.pk}/file/"
    period_path = f"/reports/{period.pk}/"
    with translation.override("vi"):
        digital = str(indicators.BY_CODE["digital_addresses"].label)

    # The team leader files from the home page.
    page = on_a_phone(browse, leader).page
    follow(page.locator("main").get_by_role("link", name=vietnamese("File my team's report")))
    assert path_of(page) == report_path
    page.get_by_label(digital).fill("42")
    follow(page.get_by_role("button", name=vietnamese("File the report")))
    success(page, vietnamese("The report was filed."))
    expect(page.locator("main")).to_contain_text(vietnamese("waiting for the clerk"))

    # The clerk finds it on the home page and accepts it.
    page = on_a_phone(browse, clerk).page
    waiting = page.locator("section[aria-labelledby=reports-waiting-h]")
    follow(waiting.get_by_role("link", name=f"{period.month_label} · {team.name}"))
    assert path_of(page) == report_path
    fits_the_phone(page)
    follow(page.get_by_role("button", name=vietnamese("Accept the report")))
    success(page, vietnamese("The report was accepted."))
    assert TeamReport.objects.get(team=team, period=period).status == TeamReport.Status.ACCEPTED

    # The chairman opens the month from the menu and approves it.
    page = on_a_phone(browse, chairman).page
    follow(menu_link(page, vietnamese("Work to do"), vietnamese("Reports waiting for me")))
    assert path_of(page) == "/reports/waiting/"
    fits_the_phone(page)
    follow(page.locator("main").get_by_role("link", name=vietnamese("Month %(month)s", month=period.month_label)))
    assert path_of(page) == period_path
    fits_the_phone(page)
    follow(page.get_by_role("button", name=vietnamese("Approve the month")))
    success(page, vietnamese("The month %(month)s is approved.", month=period.month_label))

    # The province officer accepts it: it is locked.
    page = on_a_phone(browse, province).page
    follow(menu_link(page, vietnamese("Work to do"), vietnamese("Reports waiting for me")))
    month = vietnamese("Month %(month)s", month=period.month_label)
    follow(page.locator("main").get_by_role("link", name=f"{month} · {commune.title_name}"))
    assert path_of(page) == period_path
    follow(page.get_by_role("button", name=vietnamese("Accept the month")))
    success(page, vietnamese("The month %(month)s is accepted and locked.", month=period.month_label))
    expect(page.locator("main")).to_contain_text(vietnamese("locked"))
    period.refresh_from_db()
    assert period.status == ReportingPeriod.Status.ACCEPTED

    # The commune's drill-down shows the month accepted, its figure counted (the totals take
    # only the accepted months), and leads back to the month's page.
    page.goto(f"/rollout/communes/{commune.pk}/")
    expect(page.locator("#figures-counted")).to_contain_text(
        vietnamese("Only the figures of the months the supervisor accepted.")
    )
    with translation.override("vi"):
        accepted = translation.pgettext("month", "accepted")
    month_row = page.locator("tbody tr", has=page.get_by_role("rowheader", name=vietnamese("The month")))
    expect(month_row.locator(".badge")).to_have_text([accepted])
    expect(page.locator("main")).to_contain_text("42")
    fits_the_phone(page)
    follow(month_row.get_by_role("link", name=vietnamese("reports")))
    assert path_of(page) == period_path

    # The leader can no longer edit.
    page = on_a_phone(browse, leader).page
    page.goto(report_path)
    expect(page.locator("main h1")).to_have_text(vietnamese("Report of %(month)s", month=period.month_label))
    expect(page.locator("main")).to_contain_text(vietnamese("accepted by the supervisor"))
    expect(page.get_by_label(digital)).to_have_count(0)
    expect(page.get_by_role("button", name=vietnamese("Save the correction"))).to_have_count(0)
    expect(page.locator("main")).to_contain_text("42")
    fits_the_phone(page)
    assert TeamReport.objects.get(team=team, period=period).values.get(indicator="digital_addresses").value == 42
