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


# Where the official tables disagree: read by name, noted; or refused ------------------------------

OLD = official_lists.THREE_TIERS


def _reform(province: int, *merged: int):
    """The reform of ``province``, whose old list and those of the provinces ``merged`` into it are loaded."""
    from teams import reforms

    for code in (province, *merged):
        load_places(province=code, list_key=OLD)
    return reforms.apply_reform(province=province, legal_basis="Nghị quyết (kiểm thử)")


def test_a_new_commune_under_another_code_in_the_table_is_read_by_its_name_and_noted(db):
    """The table gives the new Phường Cửa Nam of Hà Nội the code 00082; the list gives it 00073."""
    from teams.models import Commune

    applied = _reform(1)
    cua_nam = Commune.objects.get(place_list__key=NEW, province__code=1, name="Cửa Nam")
    assert cua_nam.code == 73
    assert Succession.objects.filter(successor=cua_nam, predecessor__name="Hàng Trống").exists()
    assert "Line 43 names phường Cửa Nam with the code 82; the new list gives it 73." in applied.notes
    assert "note: Line 43 names phường Cửa Nam" in applied.summary()


def test_a_table_code_that_the_list_gives_another_commune_is_not_taken_for_it(db):
    """Kim Liên is 00229 in the table, 00226 in the list: no row is joined to a namesake's code."""
    from teams.models import Commune

    _reform(1)
    for succession in Succession.objects.filter(reform__province__code=1).select_related("successor"):
        assert succession.successor.place_list.key == NEW
    kim_lien = Commune.objects.get(place_list__key=NEW, province__code=1, name="Kim Liên")
    assert Succession.objects.filter(successor=kim_lien).exists()


def test_an_old_commune_under_another_code_is_read_by_its_name_in_its_district(db):
    """Ho Chi Minh City's Phường 14 of Quận 8 is 26929 in the table and 26935 in the list."""
    applied = _reform(79, 74, 77)  # Bình Dương and Bà Rịa - Vũng Tàu joined Ho Chi Minh City
    assert any("with the code 26929; the old list gives it 26935" in note for note in applied.notes)
    assert Succession.objects.filter(predecessor__code=26935, predecessor__place_list__key=OLD).exists()


def test_an_old_commune_missing_from_the_list_of_january_2025_has_nothing_to_carry(db):
    """Sơn La's Phường Mộc Lỵ (3980) is in the table but not in the list of 4 January 2025."""
    applied = _reform(14)
    assert any("Mộc Lỵ (3980), which the list of 4 January 2025 does not have" in note for note in applied.notes)
    assert Reform.objects.filter(province__code=14).exists()


def test_a_name_spelt_with_another_dash_is_the_same_commune(db):
    """Huế's new Xã Chân Mây – Lăng Cô: "-" and 20137 in the table, "–" and 20152 in the list."""
    applied = _reform(46)
    assert any("Chân Mây – Lăng Cô with the code 20137; the new list gives it 20152" in note for note in applied.notes)
