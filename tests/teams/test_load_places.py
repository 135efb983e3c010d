"""python manage.py load_places: official codes, names and type words from vietnam-provinces."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from teams.management.commands.load_places import split_type
from teams.models import Commune, District, Province

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_places", stdout=out, **options)
    return out.getvalue()


def rows():
    return (
        list(Province.objects.values_list("pk", "code", "name", "type_word").order_by("code")),
        list(District.objects.values_list("pk", "code", "name", "type_word", "province_id").order_by("code")),
        list(
            Commune.objects.values_list("pk", "code", "name", "type_word", "province_id", "district_id").order_by(
                "code"
            )
        ),
    )


@pytest.mark.parametrize(
    ("name", "division_type", "expected"),
    [
        ("Xã Tùng Ảnh", "xã", ("xã", "Tùng Ảnh")),
        ("Thị trấn Đức Thọ", "xã", ("thị trấn", "Đức Thọ")),
        ("Thị xã Hồng Lĩnh", "huyện", ("thị xã", "Hồng Lĩnh")),
        ("Thành phố Hà Tĩnh", "huyện", ("thành phố", "Hà Tĩnh")),
        ("Phường  Bắc   Hà", "xã", ("phường", "Bắc Hà")),
        ("Tỉnh Hà Tĩnh", "tỉnh", ("tỉnh", "Hà Tĩnh")),
        ("Côn Đảo", "Huyện", ("huyện", "Côn Đảo")),
    ],
)
def test_the_type_word_comes_from_the_name_and_prints_in_lower_case(name, division_type, expected):
    assert split_type(name, division_type) == expected


def test_it_loads_the_sixteen_communes_of_duc_tho():
    output = load(district=440)
    district = District.objects.get(code=440)
    assert (district.name, district.type_word, district.province.code) == ("Đức Thọ", "huyện", 42)
    assert (district.province.name, district.province.type_word) == ("Hà Tĩnh", "tỉnh")
    communes = Commune.objects.filter(district=district)
    assert communes.count() == 16
    tung_anh = communes.get(code=18259)
    assert (tung_anh.name, tung_anh.type_word, tung_anh.full_name) == ("Tùng Ảnh", "xã", "xã Tùng Ảnh")
    assert tung_anh.province == district.province
    # The package says "xã" for the township: the name's prefix wins.
    township = communes.get(code=18229)
    assert (township.name, township.type_word, township.title_name) == ("Đức Thọ", "thị trấn", "Thị trấn Đức Thọ")
    assert Province.objects.count() == 1 and District.objects.count() == 1
    assert "16 (16 created, 0 updated, 0 unchanged)" in output


def test_running_it_twice_gives_the_same_rows():
    load(district=440)
    before = rows()
    output = load(province=42, district=440)
    assert rows() == before
    assert "16 (0 created, 0 updated, 16 unchanged)" in output


def test_a_second_run_restores_what_the_list_says():
    load(district=440)
    Commune.objects.filter(code=18259).update(name="Tùng Anh", type_word="phường")
    output = load(district=440)
    assert Commune.objects.values_list("name", "type_word").get(code=18259) == ("Tùng Ảnh", "xã")
    assert "16 (0 created, 1 updated, 15 unchanged)" in output


def test_it_keeps_what_the_commune_set_itself():
    load(district=440)
    Commune.objects.filter(code=18259).update(governing_body="UBND HUYỆN ĐỨC THỌ")
    load(district=440)
    assert Commune.objects.get(code=18259).governing_body == "UBND HUYỆN ĐỨC THỌ"


def test_it_loads_a_whole_province():
    output = load(province=42)
    assert District.objects.filter(province__code=42).count() > 10
    assert Commune.objects.filter(province__code=42).count() > 200
    assert District.objects.get(code=437).full_name == "thị xã Hồng Lĩnh"
    assert District.objects.get(code=436).full_name == "thành phố Hà Tĩnh"
    assert Commune.objects.exclude(district__province__code=42).count() == 0
    assert "tỉnh Hà Tĩnh (42)" in output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"province": 99}, "No province has code 99"),
        ({"district": 9999}, "No district has code 9999"),
        ({"province": 1, "district": 440}, "belongs to province 42"),
        ({}, "--province"),
    ],
)
def test_a_bad_code_is_refused_and_nothing_is_loaded(options, message):
    with pytest.raises(CommandError, match=message):
        load(**options)
    assert not Province.objects.exists()
