"""Screenshots of the main pages, in Vietnamese, at desktop and phone widths.

They go to ``screenshots/`` at the repository root (ignored by git), named
``<width>-<page>.png``, for a person to look through. At phone width every page must fit:
no horizontal scrolling of the whole page (wide tables scroll inside their own box).
"""

from pathlib import Path

import pytest

from teams.models import Person
from tests import factories
from tests.decisions.helpers import draft, issued, submitted
from tests.web import district_officer_of

from . import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# Sub-pixel rounding may add one pixel to the measured width.
SLACK_PX = 1


def people_of(village, names: tuple[str, str, str]) -> list[Person]:
    """A recommended composition for ``village``: its head, the youth branch secretary, a teacher."""
    offices = (
        ("Trưởng thôn", Person.Office.VILLAGE_HEAD, Person.Gender.MALE),
        ("Bí thư Chi đoàn TN", Person.Office.YOUTH_BRANCH_SECRETARY, Person.Gender.FEMALE),
        ("Giáo viên", Person.Office.TEACHER, Person.Gender.MALE),
    )
    return [
        factories.PersonFactory(
            commune=village.commune,
            village=village,
            full_name=name,
            position=f"{position} {village.name}" if office == Person.Office.VILLAGE_HEAD else position,
            office=office,
            gender=gender,
        )
        for name, (position, office, gender) in zip(names, offices, strict=True)
    ]


@pytest.fixture
def pages(commune, village, village_people, clerk, chairman):
    """A commune a few weeks into the rollout, and the pages to photograph: (user, name, path)."""
    team = factories.TeamFactory(commune=commune, village=village)
    established = issued(team=team, people=village_people, clerk=clerk, chairman=chairman)

    second = factories.VillageFactory(commune=commune, name="Trung Thượng")
    being_drafted = draft(
        team=factories.TeamFactory(commune=commune, village=second),
        people=people_of(second, ("Trần Đình Lâm", "Nguyễn Thị Thu Hà", "Võ Văn Hùng")),
        by=clerk,
    )
    third = factories.VillageFactory(commune=commune, name="Yên Thượng")
    to_sign = submitted(
        team=factories.TeamFactory(commune=commune, village=third),
        people=people_of(third, ("Lê Văn Sơn", "Phan Thị Mai", "Đậu Quang Huy")),
        clerk=clerk,
    )
    factories.VillageFactory(commune=commune, name="Đông Thịnh")
    district = district_officer_of(commune)

    return [
        (None, "01-login", "/login/"),
        (clerk, "02-home-clerk", "/"),
        (clerk, "03-villages", "/villages/"),
        (clerk, "04-people", "/people/"),
        (clerk, "05-team", f"/teams/{team.pk}/"),
        (clerk, "06-decision-issued", f"/decisions/{established.pk}/"),
        (clerk, "07-compose", f"/decisions/{being_drafted.pk}/compose/"),
        (clerk, "08-register", "/decisions/register/"),
        (chairman, "09-inbox-chairman", "/decisions/inbox/"),
        (chairman, "10-decision-to-sign", f"/decisions/{to_sign.pk}/"),
        (district, "11-home-district", "/"),
        (district, "12-villages-district", "/villages/"),
    ]


def test_main_pages_are_photographed_and_fit_a_phone(browse, pages):
    SCREENSHOTS.mkdir(exist_ok=True)
    users = list(dict.fromkeys(user for user, _name, _path in pages))
    too_wide = []
    for user in users:
        visitor = browse(user.username if user else None)
        own = [(name, path) for owner, name, path in pages if owner == user]
        for width_name, viewport in WIDTHS.items():
            visitor.page.set_viewport_size(viewport)
            for name, path in own:
                visitor.expect_status(path, 200)
                width = visitor.page.evaluate("document.documentElement.scrollWidth")
                if width > viewport["width"] + SLACK_PX:
                    too_wide.append(f"{name} ({path}) is {width} px wide at {viewport['width']} px")
                visitor.page.screenshot(path=SCREENSHOTS / f"{width_name}-{name}.png", full_page=True)
    assert not too_wide, "Pages scroll sideways:\n" + "\n".join(too_wide)
