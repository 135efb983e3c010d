"""A team leader's login, from the clerk's phone to the leader's first monthly report.

The clerk opens Teams and people > "Logins" from the collapsed menu of a phone-size page, adds a login for the
leader of Đông Thái's team (the form offers the commune's people without a login) and
leaves the password empty: the page shows the generated one once. The leader logs in on
their own phone with it, files the team's report of the open month from the home page,
and the page confirms. The clerk's list then shows the login active and used. The pages
are read in Vietnamese, as the clerk reads them.
"""

import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from accounts.models import Official
from reports import services as report_services
from reports.models import TeamReport
from teams import services as team_services
from teams.models import Role
from tests import factories
from tests.browser import PHONE, Visitor, path_of
from tests.reports import active_team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "totruong.dongthai"
FIGURES = {"digital_addresses": 120, "vneid_activations": 9}


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


def on_a_phone(browse, username: str | None = None) -> Visitor:
    visitor = browse(username)
    visitor.page.set_viewport_size(PHONE)
    return visitor


def create_the_login(clerk: Visitor, leader_person) -> str:
    """Menu > Logins > "Add a login": the person, team leader, a username, no password."""
    page = clerk.page
    page.get_by_role("button", name=vietnamese("Open the menu")).click()
    # Bootstrap opens the menu with an animation: click its link once it is fully open.
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    page.locator("#main-nav").get_by_role("button", name=vietnamese("Teams and people"), exact=True).click()
    follow(page.locator("#main-nav").get_by_role("link", name=vietnamese("Logins"), exact=True))
    assert path_of(page) == "/logins/"
    expect(page.locator("main")).to_contain_text(vietnamese("No login yet."))
    follow(page.locator("main").get_by_role("link", name=vietnamese("Add a login")))
    assert path_of(page) == "/logins/add/"
    fits_the_phone(page)

    page.select_option("select[name=person]", str(leader_person.pk))
    page.select_option("select[name=role]", Official.Role.TEAM_LEADER)
    page.fill("input[name=username]", USERNAME)
    follow(page.get_by_role("button", name=vietnamese("Create the login")))

    expect(page.locator("main h1")).to_have_text(vietnamese("The password, shown once"))
    expect(page.locator("#shown-username")).to_have_text(USERNAME)
    password = page.locator("#shown-password").inner_text().strip()
    assert len(password) == 14, password
    fits_the_phone(page)
    follow(page.get_by_role("link", name=vietnamese("Done")))
    assert path_of(page) == "/logins/"
    return password


def log_in(visitor: Visitor, username: str, password: str) -> None:
    page = visitor.page
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    follow(page.locator("main form button[type=submit]"))
    assert path_of(page) == "/", f"{username} was not logged in: {page.url}"


def file_the_report(leader: Visitor, period, team) -> None:
    """Home > "File my team's report" > the figures > "File the report"."""
    page = leader.page
    follow(page.locator("main").get_by_role("link", name=vietnamese("File my team's report")))
    assert path_of(page) == f"/reports/{period.pk}/teams/{team.pk}/file/"
    expect(page.locator("main")).to_contain_text(team.name)
    fits_the_phone(page)
    for name, value in FIGURES.items():
        page.fill(f"input[name={name}]", str(value))
    follow(page.get_by_role("button", name=vietnamese("File the report")))
    expect(page.locator(".alert-success")).to_contain_text(vietnamese("The report was filed."))


def test_the_clerk_makes_a_team_leaders_login_and_the_leader_files_the_report(browse, commune, clerk):
    team = active_team(commune, name="Đông Thái")
    leader_person = factories.PersonFactory(commune=commune, village=team.village, full_name="Phạm Hồng Chương")
    team_services.membership_add(team=team, person=leader_person, role=Role.LEADER, start_date=team.established_on)
    today = timezone.localdate()
    period = report_services.period_open(commune=commune, year=today.year, month=today.month, by=clerk)

    clerk_phone = on_a_phone(browse, clerk.username)
    password = create_the_login(clerk_phone, leader_person)
    official = Official.objects.select_related("user").get(user__username=USERNAME)
    assert (official.role, official.person, official.commune) == (Official.Role.TEAM_LEADER, leader_person, commune)

    leader_phone = on_a_phone(browse)
    log_in(leader_phone, USERNAME, password)
    file_the_report(leader_phone, period, team)
    report = TeamReport.objects.get(team=team, period=period)
    assert report.filed_by == official.user
    assert {code: report.values.get(indicator=code).value for code in FIGURES} == FIGURES

    page = clerk_phone.page
    page.reload()
    row = page.locator("main table tbody tr", has_text=USERNAME)
    expect(row).to_contain_text("Phạm Hồng Chương")
    expect(row).to_contain_text(vietnamese("active"))
    expect(row).not_to_contain_text(vietnamese("never"))
