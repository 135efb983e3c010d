"""Browser tests: Playwright's sync API driving Debian's Chromium against the live server.

Shared helpers live here, the fixtures in ``conftest.py``. A ``Visitor`` is one user's
browser context: every response of status 400 or more it meets (a page, a stylesheet, a
script, a font, the preview frame) and every script error fails the test, unless the test
said it expects that status at that address.
"""

import os
import re
import shutil
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, Response, expect

# UserFactory's password: the tests log in through the real form.
PASSWORD = "mat-khau-thu-nghiem"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


# A machine that cannot have a browser says so; the run's summary then names the skip.
NO_BROWSER = "TUNGANH_NO_BROWSER"


def require_tool(tool: str, package: str) -> str:
    """The tool's path. ``make test`` installs it (deploy/system-packages.sh): a missing tool
    fails the test, unless TUNGANH_NO_BROWSER=1 says this machine has no browser."""
    if os.environ.get(NO_BROWSER):
        pytest.skip(f"{NO_BROWSER} is set: browser tests are not run on this machine.")
    found = shutil.which(tool)
    if found:
        return found
    pytest.fail(
        f"{tool} is missing: the browser tests need the Debian package {package} "
        f"(make test installs it; set {NO_BROWSER}=1 to run without a browser)."
    )


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def menu_link(page: Page, group: str, name: str) -> Locator:
    """A link of the main menu, once its group is unfolded. On a phone the menu is collapsed:
    it is opened first, and its group clicked only once Bootstrap's collapse has finished
    (a click during the transition can be lost). Bootstrap's script loads deferred."""
    page.wait_for_load_state("load")
    nav = page.locator("#main-nav")
    toggler = page.locator("[data-bs-target='#main-nav']")
    if toggler.is_visible() and "show" not in (nav.get_attribute("class") or "").split():
        toggler.click()
        expect(nav).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    nav.get_by_role("button", name=group, exact=True).click()
    link = nav.get_by_role("link", name=name, exact=True)
    expect(link).to_be_visible()
    return link


@dataclass
class Visitor:
    """One user's browser context and its page."""

    context: BrowserContext
    page: Page
    base_url: str
    problems: list[str] = field(default_factory=list)
    expected: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.context.on("response", self._check_response)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error on {self.page.url}: {error}"))
        self.page.on("console", self._check_console)

    def _check_response(self, response: Response) -> None:
        if response.status >= 400 and self.expected.get(response.url) != response.status:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    def _check_console(self, message: ConsoleMessage) -> None:
        # A failed load is reported as a response already, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def log_in(self, username: str) -> None:
        """Through the login page, as a person would: the form posts the request axes needs."""
        page = self.page
        page.goto("/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert path_of(page) == "/", f"{username} was not logged in: {page.url}"

    def log_out(self) -> None:
        with self.page.expect_navigation():
            self.page.locator("form[action='/logout/'] button[type=submit]").click()
        assert path_of(self.page) == "/login/"

    def expect_status(self, path: str, status: int) -> Response:
        """Open ``path`` and check it answers ``status`` (which then is no error)."""
        self.expected[urljoin(self.base_url, path)] = status
        response = self.page.goto(path)
        assert response is not None
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        return response
