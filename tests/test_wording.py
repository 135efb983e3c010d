"""Wording a Vietnamese reader meets: place names in running text, one commune said as one, units.

A place's unit word starts with a capital only at the start of a line ("Xã Tùng Ảnh" heads a
table row); in the middle of a sentence it is written small ("tại huyện Đức Thọ"), as
``Place.full_name`` gives it. A clerk who has one commune reads "Xã", not "Các xã". Every
indicator's unit is the one the Zalo summary and the CSV print ("người", never "cá nhân").
"""

import re

import pytest
from django.utils import translation

from reports import indicators
from tests import factories
from tests.web import district_officer_of, url

pytestmark = pytest.mark.django_db


def heading(page: str, element_id: str) -> str:
    match = re.search(rf'<h2 id="{element_id}"[^>]*>(.*?)</h2>', page, re.S)
    assert match, f"no heading {element_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def h1(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))).strip()


def test_the_place_of_a_rollout_page_is_written_small_mid_sentence(client, commune):
    client.force_login(district_officer_of(commune))
    page = client.get(url("dashboard:district")).content.decode()
    assert h1(page) == "Tình hình triển khai tại huyện Đức Thọ"

    page = client.get(url("dashboard:commune", commune.pk)).content.decode()
    assert h1(page) == "Tình hình triển khai tại xã Tùng Ảnh"


def test_the_province_page_says_tinh_small(client, commune):
    officer = factories.OfficialFactory(role="province_officer", commune=None, province=commune.province).user
    client.force_login(officer)
    page = client.get(url("dashboard:province", commune.province.pk)).content.decode()
    assert h1(page) == "Tình hình triển khai tại tỉnh Hà Tĩnh"


def test_a_clerk_with_one_commune_reads_commune_not_communes(client, commune, clerk):
    client.force_login(clerk)
    page = client.get(url("dashboard:district")).content.decode()
    assert h1(page) == "Tình hình triển khai tại xã Tùng Ảnh"
    assert heading(page, "communes-h") == "Xã"


def test_a_district_officer_with_two_communes_reads_communes(client, commune):
    factories.CommuneFactory(code=18260, name="Tùng Lộc", district=commune.district)
    client.force_login(district_officer_of(commune))
    assert heading(client.get(url("dashboard:district")).content.decode(), "communes-h") == "Các xã"


@pytest.mark.parametrize("indicator", indicators.INDICATORS, ids=lambda indicator: indicator.code)
def test_every_unit_on_the_form_is_the_one_the_summary_prints(indicator):
    with translation.override("vi"):
        assert str(indicator.unit) == indicator.unit_printed
