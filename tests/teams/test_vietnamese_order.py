"""Names in Vietnamese alphabetical order, on SQLite and PostgreSQL alike.

Run on both: ``pytest tests/teams/test_vietnamese_order.py`` (SQLite, the collation
function of ``lib.collation``) and with ``DATABASE_URL=postgres://...`` (the ICU collation
made by migration teams 0013).
"""

import random
import unicodedata

import pytest
from django.db import connection

from lib.collation import sort_key, vietnamese
from teams.models import Commune, Person, Village
from tests import factories

# The two lists the issue found out of order, each in its right order.
COMMUNES = ["Đông Thái", "Thông Tự", "Yên Hồ"]
PLACES = ["Đức Lạng", "Tùng Ảnh", "Tùng Châu", "Yên Hồ"]
# One of each letter of the alphabet, in its order, then the tones of one syllable.
ALPHABET = [f"{letter}ai" for letter in "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"]
TONES = ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
# Letters over the whole name first, then tones, then case; numbers by their value.
DICTIONARY = ["an", "An", "Anh", "Ảnh", "Ánh B", "Anh C", "Thôn 2", "Thôn 10", "Thông"]


def shuffled(names: list[str]) -> list[str]:
    names = list(names)
    random.Random(11).shuffle(names)
    return list(reversed(names)) if names == sorted(names) else names


@pytest.mark.parametrize("names", [COMMUNES, PLACES, ALPHABET, TONES, DICTIONARY])
def test_the_sort_key_puts_names_in_vietnamese_order(names):
    assert sorted(shuffled(names), key=sort_key) == names


def test_the_sort_key_orders_decomposed_text_as_composed():
    decomposed = [unicodedata.normalize("NFD", name) for name in TONES + PLACES]
    assert sorted(shuffled(decomposed), key=sort_key) == decomposed
    assert sort_key(unicodedata.normalize("NFD", "Tùng Ảnh"))[:3] == sort_key("Tùng Ảnh")[:3]


def test_byte_order_would_put_them_wrong():
    """The guard the tests above rely on: plain ``sorted`` gets both lists wrong."""
    assert sorted(COMMUNES) != COMMUNES and sorted(PLACES) != PLACES


@pytest.mark.django_db
@pytest.mark.parametrize("names", [COMMUNES, PLACES, ALPHABET, TONES, DICTIONARY])
def test_the_database_orders_names_in_vietnamese_order(names):
    commune = factories.CommuneFactory()
    for name in shuffled(names):
        factories.VillageFactory(commune=commune, name=name)
    ordered = Village.objects.filter(commune=commune).order_by(vietnamese("name"), "pk")
    assert list(ordered.values_list("name", flat=True)) == names


@pytest.mark.django_db
def test_the_models_default_order_is_vietnamese():
    district = factories.DistrictFactory()
    for code, name in zip([1, 2, 3], shuffled(COMMUNES), strict=True):
        factories.CommuneFactory(code=code, name=name, district=district)
    commune = Commune.objects.get(code=1)
    for name in shuffled(PLACES):
        factories.PersonFactory(commune=commune, full_name=f"Lê {name}")
        factories.VillageFactory(commune=commune, name=name)
    assert list(Commune.objects.filter(code__in=[1, 2, 3]).values_list("name", flat=True)) == COMMUNES
    assert list(Village.objects.filter(commune=commune).values_list("name", flat=True)) == PLACES
    assert list(Person.objects.filter(commune=commune).values_list("full_name", flat=True)) == [
        f"Lê {name}" for name in PLACES
    ]


@pytest.mark.django_db
def test_the_database_and_python_agree_on_many_names():
    """PostgreSQL's ICU collation and ``sort_key`` (SQLite's) give the same order."""
    syllables = ["Đức", "Dương", "Tùng", "Thanh", "Thạnh", "Thành", "Ảnh", "Anh", "Ánh", "Ân", "Ấn", "Ăn"]
    syllables += [
        "Lạng",
        "Lãng",
        "Lăng",
        "Lâm",
        "Hồ",
        "Hộ",
        "Hổ",
        "Hỗ",
        "Hố",
        "Ơn",
        "Ôn",
        "On",
        "Ưng",
        "Ung",
        "Yên",
        "Thôn",
        "10",
        "2",
    ]
    rng = random.Random(2026)
    names = sorted({" ".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(300)})
    names += [name.lower() for name in names[:30]] + [name.upper() for name in names[30:60]]
    commune = factories.CommuneFactory()
    Village.objects.bulk_create(
        Village(commune=commune, name=name, type_word="thôn") for name in dict.fromkeys(shuffled(names))
    )
    ordered = list(Village.objects.filter(commune=commune).order_by(vietnamese("name")).values_list("name", flat=True))
    assert ordered == sorted(ordered, key=sort_key), connection.vendor


@pytest.mark.django_db
def test_postgresql_keeps_the_people_in_vietnamese_order_in_an_index():
    """The people list reads its page from the index instead of sorting every person."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no index in the collation's order (see migration teams 0013)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'teams_person_full_name_vi'")
        (definition,) = cursor.fetchone()
    assert "COLLATE vietnamese" in definition and "full_name" in definition
