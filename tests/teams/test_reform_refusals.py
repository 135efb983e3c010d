"""apply_reform refused: nothing is written when the places it needs are not loaded."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teams import official_lists
from teams.management.commands.load_places import load_places
from teams.models import PlaceList, Reform, Succession

NEW = official_lists.TWO_TIERS


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are matched in English; the catalogue's completeness is tested elsewhere."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def admin_en(admin_client, settings):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return admin_client


def apply(**options) -> str:
    out = StringIO()
    call_command("apply_reform", province=42, stdout=out, **options)
    return out.getvalue()


def test_a_conversion_row_naming_a_unit_not_loaded_stops_before_writing_anything(db):
    load_places(district=440)  # only Đức Thọ district: the rest of Hà Tĩnh is missing
    with pytest.raises(CommandError, match=r"Line \d+ of the conversion table names .* not loaded"):
        apply()
    assert not Reform.objects.exists() and not Succession.objects.exists()
    assert not PlaceList.objects.filter(key=NEW).exists(), "the new list was not loaded either"


def test_without_the_old_list_the_reform_is_refused(db):
    with pytest.raises(CommandError, match="list before the reform is not loaded"):
        apply()


def test_a_province_without_a_known_legal_basis_needs_one(db):
    with pytest.raises(CommandError, match="legal basis"):
        call_command("apply_reform", province=40, stdout=StringIO())


def test_a_refused_reform_shows_why_in_the_admin(db, admin_en):
    response = admin_en.post("/admin/teams/reform/apply/", {"province": 42})
    assert response.status_code == 200
    assert "not loaded" in response.content.decode()
    assert not Reform.objects.exists()


def test_the_refusal_reads_in_vietnamese_by_default(db, admin_client, settings):
    settings.LANGUAGE_CODE = "vi"
    load_places(district=440)
    response = admin_client.post("/admin/teams/reform/apply/", {"province": 42})
    assert "của bảng chuyển đổi nêu" in response.content.decode()
    assert "chưa được nạp" in response.content.decode()
    assert not Reform.objects.exists()
