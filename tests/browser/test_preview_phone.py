"""On a 360-px phone the chairman reads the whole decision before the button to sign it.

The decision's pages are images as wide as the screen allows (no A4 frame cropped to its
left half): each one is loaded, no wider than the viewport, and the "Sign and issue"
button comes after the last of them, below the rule check and the team's before and after.
Screenshots of the page at both widths go to ``screenshots/`` (ignored by git).
"""

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

from decisions import workflow
from decisions.models import Decision
from teams.models import Role
from teams.services import ProposedMember
from tests import factories
from tests.decisions.helpers import issued

from . import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def amendment(clerk, chairman, commune, village, village_team, village_people, day):
    """Đông Thái's team set up, then an amendment submitted: Chương leaves, Lan joins."""
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    lan = factories.PersonFactory(
        commune=commune, village=village, full_name="Trần Thị Lan", gender="female", position="Nhân viên y tế thôn"
    )
    vinh, hang, _chuong = village_people
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    lines = [(vinh, Role.LEADER), (hang, Role.DEPUTY), (lan, Role.MEMBER)]
    members = [ProposedMember(person=p, role=r, position=p.position) for p, r in lines]
    workflow.decision_set_members(decision=decision, members=members, by=clerk)
    workflow.decision_update(decision=decision, by=clerk, departure_reason="Thôn đề nghị.")
    return workflow.decision_submit(decision=decision, by=clerk)


def test_the_chairman_reads_every_page_on_a_phone_before_signing(browse, chairman, amendment):
    visitor = browse(chairman.username)
    page = visitor.page
    page.set_viewport_size(PHONE)
    page.goto(f"/decisions/{amendment.pk}/")

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
    tops = page.evaluate(
        """([sign, rules, changes, images]) => {
            const top = (el) => el.getBoundingClientRect().top + window.scrollY;
            const last = images[images.length - 1].getBoundingClientRect().bottom + window.scrollY;
            return {sign: top(sign), rules: top(rules), changes: top(changes), last: last};
        }""",
        [
            sign.element_handle(),
            page.locator("#rules-h").element_handle(),
            page.locator("#changes-h").element_handle(),
            images.element_handles(),
        ],
    )
    assert tops["last"] < tops["rules"] < tops["changes"] < tops["sign"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "360-chairman-review.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / "1280-chairman-review.png", full_page=True)
