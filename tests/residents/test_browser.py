"""A resident on a 360-px phone scans the poster's QR code, opens the team's page and asks
for help, in a browser with JavaScript turned off: the public pages need none.

The clerk prints the poster from the live server, so its QR code holds the live server's
address; the test renders the PDF page to an image (pypdfium2) and reads the codes with a
QR reading library (zxing-cpp), as a phone's camera would.

No consent is recorded here: consent records refuse deletion in the database, and a
transactional test's flush on SQLite deletes rows one by one.
"""

import pypdfium2
import pytest
import zxingcpp
from playwright.sync_api import expect

from residents.models import HelpRequest
from tests.browser import PHONE, Visitor
from tests.browser.conftest import LOCALE, TIMEOUT_MS, browser, browser_urlconf  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def qr_codes(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def visitor(browser, live_server, **options) -> Visitor:  # noqa: F811
    context = browser.new_context(base_url=live_server.url, locale=LOCALE, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return Visitor(context=context, page=context.new_page(), base_url=live_server.url)


def test_a_resident_opens_the_page_from_the_posters_qr_code_and_asks_for_help(
    browser,  # noqa: F811
    live_server,
    page,
    clerk,
    village_people,
):
    clerk_visit = visitor(browser, live_server, viewport={"width": 1280, "height": 800})
    clerk_visit.log_in(clerk.username)
    poster = clerk_visit.context.request.get(f"/residents/teams/{page.team.pk}/poster-a5.pdf")
    assert poster.status == 200 and poster.headers["content-type"] == "application/pdf"
    address = next(code for code in qr_codes(poster.body()) if code.startswith(live_server.url))
    assert address.endswith(f"/p/{page.slug}/")

    resident = visitor(browser, live_server, viewport=PHONE, java_script_enabled=False, is_mobile=True)
    phone = resident.page
    phone.goto(address)
    expect(phone.locator("h1")).to_have_text(page.team.name)
    for person in village_people:
        expect(phone.get_by_text(person.full_name)).to_be_visible()
    assert phone.locator("a[href^='tel:']").count() == 0  # nobody consented
    widest = max(box["x"] + box["width"] for box in (el.bounding_box() for el in phone.locator("main *").all()) if box)
    assert widest <= PHONE["width"], "the page scrolls sideways on a 360-px phone"

    phone.locator(f"a[href='/p/{page.slug}/help/']").click()
    phone.fill("input[name=name]", "Đặng Thị Thu")
    phone.fill("input[name=phone]", "0912 888 777")
    phone.locator("input[name=need][value=public_service]").check()
    phone.fill("textarea[name=detail]", "Nộp hồ sơ cấp giấy khai sinh trực tuyến")
    phone.locator("input[name=consent]").check()
    phone.locator("button[type=submit]").click()
    expect(phone.locator("[role=status]")).to_be_visible()

    request = HelpRequest.objects.get()
    assert (request.team_id, request.name, request.phone, request.need) == (
        page.team.pk,
        "Đặng Thị Thu",
        "0912888777",
        "public_service",
    )
    problems = clerk_visit.problems + resident.problems
    for visit in (clerk_visit, resident):
        visit.context.close()
    assert not problems, problems
