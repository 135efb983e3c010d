"""Fixtures of the browser tests: one headless Chromium per module, one context per user.

Pages come from pytest-django's ``live_server``, which also serves the static files, in
the default language (Vietnamese): the contexts send Accept-Language "vi-VN".
"""

import pytest
from playwright.sync_api import Browser, sync_playwright

from . import DESKTOP, Visitor, require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The project's urlconf, which the browser tests walk.
URLCONF = "tungAnh.urls"
LOCALE = "vi-VN"
TIMEOUT_MS = 30_000  # generous: CI machines are shared and a page may wait for the other core


@pytest.fixture(autouse=True)
def browser_urlconf(settings):
    settings.ROOT_URLCONF = URLCONF


@pytest.fixture(scope="module")
def browser():
    executable = require_tool(CHROMIUM, "chromium")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop on this thread, and Django then refuses
        # the ORM calls the test itself makes (fixtures, checks) as if they came from async code.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browse(browser: Browser, live_server):
    """``browse(username)``: a fresh context logged in as ``username`` (anonymous without one)."""
    visitors: list[Visitor] = []

    def open_visitor(username: str | None = None) -> Visitor:
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale=LOCALE, accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        visitor = Visitor(context=context, page=context.new_page(), base_url=live_server.url)
        visitors.append(visitor)
        if username:
            visitor.log_in(username)
        return visitor

    yield open_visitor
    problems = [problem for visitor in visitors for problem in visitor.problems]
    for visitor in visitors:
        visitor.context.close()
    assert not problems, "The browser met errors:\n" + "\n".join(problems)
