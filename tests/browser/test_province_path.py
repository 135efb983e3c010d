"""The province officer on a phone: from the province's rollout table down to Tùng Ảnh's 2022 decision.

Since 1 July 2025 Tùng Ảnh is part of Xã Đức Thọ. The province officer (Sở Khoa học và
Công nghệ) opens Supervision > Rollout through the collapsed menu and lands on the province's table of
this year, with Xã Đức Thọ; asks for 2022 and finds Tùng Ảnh under Huyện Đức Thọ, as the
district office saw it; opens Tùng Ảnh's page, and from it decision 170/QĐ-UBND. Every
page fits a 360 px screen.
"""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Locator, Page, expect

from accounts.models import Official
from teams.models import Commune, PlaceList, Province, Reform, Succession, Team
from tests import factories
from tests.web import issued_decision

from . import PHONE, menu_link, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REFORM_DAY = datetime.date(2025, 7, 1)


def vietnamese(message: str, **params) -> str:
    with translation.override("vi"):
        return gettext(message) % params if params else gettext(message)


def follow(locator: Locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path_of(page)} is {width} px wide on a {PHONE['width']} px phone"


@pytest.fixture
def reformed(commune):
    """Tùng Ảnh (``commune``) with its 2022 commune team and decision 170, taken over whole by Xã Đức Thọ."""
    team = factories.CommuneTeamFactory(
        commune=commune, status=Team.Status.ACTIVE, established_on=datetime.date(2022, 10, 4)
    )
    signer = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng")
    decision = issued_decision(team, signer, number=170, on=datetime.date(2022, 10, 4))
    new_list = PlaceList.objects.create(
        key="2025-07-01", name="Danh mục hai cấp", in_force_from=REFORM_DAY, has_districts=False
    )
    province = Province.objects.create(place_list=new_list, code=42, name="Hà Tĩnh")
    duc_tho = Commune.objects.create(place_list=new_list, province=province, code=18229, name="Đức Thọ")
    reform = Reform.objects.create(
        province=province,
        from_list=commune.place_list,
        to_list=new_list,
        effective_on=REFORM_DAY,
        legal_basis="Nghị quyết số 1665/NQ-UBTVQH15",
    )
    Succession.objects.create(reform=reform, successor=duc_tho, predecessor=commune, whole=True)
    Commune.objects.filter(pk=commune.pk).update(ceased_on=REFORM_DAY)
    officer = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=province, commune=None)
    return {"province": province, "decision": decision, "officer": officer.user}


def test_the_province_officer_walks_from_the_province_to_tung_anhs_2022_decision(browse, reformed, commune):
    phone = browse()
    phone.page.set_viewport_size(PHONE)
    phone.log_in(reformed["officer"].username)
    page = phone.page

    follow(menu_link(page, vietnamese("Supervision"), vietnamese("Rollout")))
    assert path_of(page) == f"/rollout/provinces/{reformed['province'].pk}/"
    expect(page.locator("main h1")).to_have_text(vietnamese("Rollout in %(place)s", place="tỉnh Hà Tĩnh"))
    expect(page.locator("main")).to_contain_text("Xã Đức Thọ")
    fits_the_phone(page)

    page.get_by_role("spinbutton", name=vietnamese("Year")).fill("2022")
    follow(page.get_by_role("button", name=vietnamese("Show")))
    # Hà Tĩnh had more communes in 2022 than a page holds: the officer picks the district.
    page.get_by_role("combobox", name=vietnamese("District")).select_option(label="Huyện Đức Thọ")
    follow(page.get_by_role("button", name=vietnamese("Show")))
    communes = page.locator("section[aria-labelledby=communes-h] table")
    expect(communes).to_contain_text("Huyện Đức Thọ")
    expect(communes).not_to_contain_text("Xã Đức Thọ")
    fits_the_phone(page)

    follow(communes.get_by_role("link", name="Xã Tùng Ảnh"))
    assert path_of(page) == f"/rollout/communes/{commune.pk}/"
    expect(page.locator("main h1")).to_have_text(vietnamese("Rollout in %(place)s", place="xã Tùng Ảnh"))
    expect(page.locator("main")).to_contain_text(vietnamese("Carried on by") + " xã Đức Thọ")
    fits_the_phone(page)

    follow(page.locator("section[aria-labelledby=decisions-h]").get_by_role("link", name="170/QĐ-UBND"))
    assert path_of(page) == f"/decisions/{reformed['decision'].pk}/"
    expect(page.locator("main")).to_contain_text("170/QĐ-UBND")
    fits_the_phone(page)
