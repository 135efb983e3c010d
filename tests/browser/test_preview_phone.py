"""On a 360-px phone the chairman reads the whole decision before the button to sign it.

The decision's pages are images as wide as the screen allows (no A4 frame cropped to its
left half): each one is loaded, no wider than the viewport, and the "Sign and issue"
button comes after the last of them, below the rule check.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.decisions.helpers import submitted

from . import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chairman_reads_every_page_on_a_phone_before_signing(browse, clerk, chairman, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    visitor = browse(chairman.username)
    page = visitor.page
    page.set_viewport_size(PHONE)
    page.goto(f"/decisions/{decision.pk}/")

    images = page.locator("ol.document-pages img")
    count = images.count()
    assert count >= 2
    viewport = page.evaluate("document.documentElement.clientWidth")
    assert viewport <= PHONE["width"]
    for index in range(count):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        box = image.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport, box
        assert image.evaluate("img => img.naturalWidth") > box["width"]  # scaled down, sharp when zoomed
        assert abs(box["height"] / box["width"] - 1754 / 1241) < 0.01  # the page's proportions
    page.evaluate("window.scrollTo(0, 0)")

    with translation.override("vi"):
        sign = page.get_by_role("button", name=gettext("Sign and issue"))
    rules = page.locator("#rules-h")
    tops = page.evaluate(
        """([sign, rules, images]) => {
            const top = (el) => el.getBoundingClientRect().top + window.scrollY;
            const last = images[images.length - 1].getBoundingClientRect().bottom + window.scrollY;
            return {sign: top(sign), rules: top(rules), last: last};
        }""",
        [sign.element_handle(), rules.element_handle(), page.locator("ol.document-pages img").element_handles()],
    )
    assert tops["last"] < tops["rules"] < tops["sign"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
