"""The production server in a real browser, on a phone: DEBUG off, collectstatic, gunicorn.

Chromium talks to gunicorn on loopback with the X-Forwarded-Proto header nginx would add,
so the app runs exactly as behind the shipped nginx site (Secure cookies, HSTS, CSRF).
Every stylesheet, script and font must load from the manifest: a 404 fails the test.
"""

import pytest

from demo import content as demo
from tests.production.server import ProductionSite

from . import PHONE, Visitor, path_of
from .conftest import TIMEOUT_MS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = ProductionSite(tmp_path_factory.mktemp("production"))
    try:
        site.prepare()
        site.start_with_origin()
        yield site
    finally:
        site.stop()


@pytest.fixture
def visitor(browser, site):
    base = f"http://127.0.0.1:{site.port}"
    context = browser.new_context(
        base_url=base,
        viewport=PHONE,
        locale="en-US",  # a browser in English: the site still answers in Vietnamese
        extra_http_headers={"X-Forwarded-Proto": "https"},
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    visitor = Visitor(context=context, page=context.new_page(), base_url=base)
    yield visitor
    context.close()
    assert visitor.problems == []


def fits_the_phone(visitor: Visitor) -> None:
    assert visitor.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_clerk_logs_in_on_a_phone_and_finds_the_decisions(visitor):
    page = visitor.page
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "vi"
    # Bootstrap came from the manifest: the login button is styled, not a bare grey button.
    assert page.locator("main form button[type=submit]").evaluate("b => getComputedStyle(b).borderRadius") != "0px"
    fits_the_phone(visitor)
    page.fill("input[name=username]", "vanthu.tunganh")
    page.fill("input[name=password]", demo.PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert path_of(page) == "/"
    page.goto("/decisions/?year=2022")
    fits_the_phone(visitor)
    with page.expect_navigation():
        page.get_by_role("row").filter(has_text="171/QĐ-UBND").get_by_role("link").first.click()
    fits_the_phone(visitor)
    with page.expect_download() as download:
        page.locator("a[href$='/pdf/']").first.click()
    path = download.value.path()
    with open(path, "rb") as file:
        assert file.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "2022-171-QD-UBND.pdf"


def test_a_missing_page_is_the_vietnamese_404_on_a_phone(visitor):
    response = visitor.expect_status("/khong-co-trang-nay/", 404)
    assert response.status == 404
    assert visitor.page.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    fits_the_phone(visitor)
