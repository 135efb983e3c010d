"""python manage.py load_places: official codes, names and type words from the official lists (teams/data/places)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from teams import official_lists
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


def test_it_loads_a_whole_province_of_the_three_tier_list():
    output = load(province=42, list_key="2025-01-04")
    assert District.objects.filter(province__code=42).count() == 12
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
        ({"district": 440, "list_key": "2025-07-01"}, "has no districts"),
        ({"province": 42, "list_key": "2024-01-01"}, "No list 2024-01-01"),
    ],
)
def test_a_bad_code_is_refused_and_nothing_is_loaded(options, message):
    with pytest.raises(CommandError, match=message):
        load(**options)
    assert not Province.objects.exists()


# The two-tier list of 1 July 2025 -----------------------------------------------------------------


def test_by_default_a_province_comes_from_the_list_in_force_today():
    output = load(province=42)
    province = Province.objects.get()
    assert (province.place_list.key, province.full_name) == ("2025-07-01", "tỉnh Hà Tĩnh")
    assert province.place_list.in_force_from == datetime.date(2025, 7, 1)
    assert not province.place_list.has_districts
    assert Commune.objects.filter(province=province).count() == 69
    assert not District.objects.exists() and not Commune.objects.filter(district__isnull=False).exists()
    duc_tho = Commune.objects.get(code=18229)
    assert (duc_tho.full_name, duc_tho.title_name) == ("xã Đức Thọ", "Xã Đức Thọ")
    assert "69 (69 created, 0 updated, 0 unchanged)" in output
    assert "districts" not in output


def test_a_reused_code_names_one_place_in_each_list():
    load(district=440)
    load(province=42)
    township, commune = Commune.objects.filter(code=18229).order_by("place_list__key")
    assert (township.full_name, township.place_list.key, township.district.code) == (
        "thị trấn Đức Thọ",
        "2025-01-04",
        440,
    )
    assert (commune.full_name, commune.place_list.key, commune.district) == ("xã Đức Thọ", "2025-07-01", None)
    assert Province.objects.filter(code=42).count() == 2, "Hà Tĩnh of each list"
    # A code alone finds the place of the list in force on the day asked.
    assert Commune.objects.by_code(18229, on=datetime.date(2026, 1, 1)) == commune
    assert Commune.objects.by_code(18229, on=datetime.date(2022, 10, 4)) == township
    # Tùng Ảnh is in the three-tier list only: found whatever the day.
    assert Commune.objects.by_code(18259).full_name == "xã Tùng Ảnh"
    assert Commune.objects.by_code(99999) is None


def test_loading_the_new_list_changes_nothing_of_the_old():
    load(district=440)
    before = rows()
    load(province=42)
    after = rows()
    assert [row for row in after[2] if row[0] in {r[0] for r in before[2]}] == before[2]


def test_the_same_code_twice_in_one_list_is_refused_by_the_database(db):
    load(province=42)
    commune = Commune.objects.get(code=18229)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commune.objects.create(
            place_list=commune.place_list, code=18229, name="X", type_word="xã", province=commune.province
        )


def test_every_province_and_commune_of_both_lists_reads_well():
    assert len(official_lists.two_tiers()) == 34
    assert sum(len(c) for entry in official_lists.two_tiers().values() for _, c in entry.districts) == 3321
    assert len(official_lists.three_tiers()) == 63
    for entries in (official_lists.two_tiers(), official_lists.three_tiers()):
        for entry in entries.values():
            assert entry.unit.type_word in Province.Type.values, entry.unit
            for district, communes in entry.districts:
                assert district is None or district.type_word in District.Type.values, district
                for unit in communes:
                    assert unit.type_word in Commune.Type.values and unit.name == unit.name.strip(), unit


def test_the_conversion_table_gives_duc_tho_its_four_predecessors():
    formed = [c for c in official_lists.conversions() if c.province == 42 and c.commune.code == 18229]
    assert [(c.predecessor.code, c.predecessor.name, c.whole) for c in formed] == [
        (18229, "Đức Thọ", True),
        (18259, "Tùng Ảnh", True),
        (18280, "Hòa Lạc", True),
        (18283, "Tân Dân", True),
    ]
    assert len({c.commune.code for c in official_lists.conversions() if c.province == 42}) == 69
