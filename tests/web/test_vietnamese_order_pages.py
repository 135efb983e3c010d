"""The pages list names in Vietnamese order and find names by the start of their syllables.

Run on SQLite and on PostgreSQL (``DATABASE_URL=postgres://...``): the order comes from the
database's ``vietnamese`` collation on both.
"""

import unicodedata

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lib.text import has_syllables, search_syllables
from reports.province_dashboard import _in_order
from teams import selectors
from tests import factories
from tests.web import district_officer_of, url

pytestmark = pytest.mark.django_db

COMMUNES = ["Đông Thái", "Thông Tự", "Yên Hồ"]
PLACES = ["Đức Lạng", "Tùng Ảnh", "Tùng Châu", "Yên Hồ"]
# Typed in an order a byte sort keeps wrong, so that a page in byte order fails.
TYPED_PLACES = ["Tùng Châu", "Yên Hồ", "Đức Lạng", "Tùng Ảnh"]
TYPED_COMMUNES = ["Thông Tự", "Yên Hồ", "Đông Thái"]

PEOPLE = url("teams:person_list")
VILLAGES = url("teams:village_list")


def in_page_order(page: str, names: list[str]) -> list[str]:
    """``names`` in the order the page prints them (each must be on it)."""
    assert all(name in page for name in names), [name for name in names if name not in page]
    return sorted(names, key=page.index)


def people_named(response) -> list[str]:
    return [person.full_name for person in response.context["page_obj"]]


@pytest.fixture
def communes(db):
    """Three communes of one district, created out of order, each with a clerk's village."""
    district = factories.DistrictFactory()
    return [
        factories.CommuneFactory(code=18300 + n, name=name, district=district) for n, name in enumerate(TYPED_COMMUNES)
    ]


# Order ---------------------------------------------------------------------------------------


def test_the_villages_page_lists_villages_in_vietnamese_order(client, clerk, commune):
    for name in TYPED_PLACES:
        factories.VillageFactory(commune=commune, name=name)
    client.force_login(clerk)
    response = client.get(VILLAGES)
    assert [village.name for village in response.context["page_obj"]] == PLACES
    assert in_page_order(response.content.decode(), [f"Thôn {name}" for name in TYPED_PLACES]) == [
        f"Thôn {name}" for name in PLACES
    ]


def test_the_people_page_lists_people_in_vietnamese_order(client, clerk, commune):
    for name in TYPED_PLACES:
        factories.PersonFactory(commune=commune, full_name=f"Lê Văn {name}")
    client.force_login(clerk)
    response = client.get(PEOPLE)
    expected = [f"Lê Văn {name}" for name in PLACES]
    assert people_named(response) == expected
    assert in_page_order(response.content.decode(), expected) == expected


def commune_choices(form) -> list[str]:
    """Which of COMMUNES each choice of the form's commune field names, in the field's order."""
    labels = [str(label) for _value, label in form.fields["commune"].choices]
    return [next(name for name in COMMUNES if name in label) for label in labels if any(n in label for n in COMMUNES)]


def test_the_communes_are_listed_in_vietnamese_order(client, communes):
    client.force_login(district_officer_of(communes[0]))
    response = client.get(VILLAGES)
    assert [row.commune.name for row in response.context["commune_rows"]] == COMMUNES
    assert commune_choices(response.context["filters"]) == COMMUNES
    assert commune_choices(client.get(PEOPLE).context["filters"]) == COMMUNES


def test_the_villages_of_several_communes_come_commune_by_commune(client, communes):
    for commune in reversed(communes):
        for name in TYPED_PLACES[:2]:
            factories.VillageFactory(commune=commune, name=name)
    client.force_login(district_officer_of(communes[0]))
    rows = [(v.commune.name, v.name) for v in client.get(VILLAGES).context["page_obj"]]
    assert rows == [(commune, place) for commune in COMMUNES for place in ["Tùng Châu", "Yên Hồ"]]


def test_the_province_table_orders_districts_and_communes_in_vietnamese_order(communes):
    assert [item.name for item in _in_order([c.pk for c in communes])] == COMMUNES


# Search ---------------------------------------------------------------------------------------


@pytest.fixture
def searched(commune):
    for name in ["Lê Thị Hạnh", "Võ Thị Thanh Cảnh", "Trần Văn Thanh", "Nguyễn Đức Thọ", "Phạm Thọ Đức", "Hà Văn Tú"]:
        factories.PersonFactory(commune=commune, full_name=name)


def search(client, clerk, query) -> list[str]:
    client.force_login(clerk)
    response = client.get(PEOPLE, {"q": query})
    assert response.status_code == 200
    return people_named(response)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("hạnh", ["Lê Thị Hạnh"]),
        ("HANH", ["Lê Thị Hạnh"]),
        ("thanh", ["Trần Văn Thanh", "Võ Thị Thanh Cảnh"]),
        ("duc tho", ["Nguyễn Đức Thọ", "Phạm Thọ Đức"]),
        ("Đức Thọ", ["Nguyễn Đức Thọ", "Phạm Thọ Đức"]),
        ("nguyen duc", ["Nguyễn Đức Thọ"]),
        ("uc", []),  # inside a syllable: not a match
        ("anh", []),  # "Thanh", "Hạnh", "Cảnh" hold it, none begins with it
        ("ca", ["Võ Thị Thanh Cảnh"]),
        ("h", ["Hà Văn Tú", "Lê Thị Hạnh"]),  # a single letter: the syllables it begins
        (unicodedata.normalize("NFD", "Hạnh"), ["Lê Thị Hạnh"]),
        ("hạnh!", ["Lê Thị Hạnh"]),
        ("(thọ)", ["Nguyễn Đức Thọ", "Phạm Thọ Đức"]),
    ],
)
def test_search_matches_the_start_of_syllables(client, clerk, searched, query, found):
    assert search(client, clerk, query) == found


def test_a_search_of_punctuation_only_filters_nothing(client, clerk, searched):
    everyone = search(client, clerk, "")
    assert len(everyone) == 6
    assert search(client, clerk, "!!! ... ---") == everyone
    assert search(client, clerk, "%") == search(client, clerk, "_") == everyone


@pytest.mark.parametrize(
    "query",
    ["a" * 500, "hạnh " * 100, unicodedata.normalize("NFD", "Đức Thọ " * 60), "%_" * 250],
    ids=["a", "hanh", "duc-tho-nfd", "wildcards"],
)
def test_a_search_of_500_characters_is_refused_next_to_the_field(client, clerk, searched, query):
    client.force_login(clerk)
    response = client.get(PEOPLE, {"q": query})
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert len(people_named(response)) == 6  # the search is not applied


@pytest.mark.parametrize(
    "query",
    ["a" * 500, " ".join(f"x{n}" for n in range(250)), "ạ " * 250, unicodedata.normalize("NFD", "Đức Thọ " * 60)],
    ids=["one-word", "250-words", "250-letters", "duc-tho-nfd"],
)
def test_the_selector_answers_a_search_of_500_characters(clerk, searched, query):
    found = [person.full_name for person in selectors.person_list(clerk, query=query)]
    assert found == (["Nguyễn Đức Thọ", "Phạm Thọ Đức"] if "Thọ" in unicodedata.normalize("NFC", query) else [])


# Letters of the names searched, accents typed composed or not, spaces and punctuation.
TYPED = st.text(
    alphabet=st.sampled_from(list("hạnhthanhducĐỨCthọAaĂâ ươ!%_-'\"()") + ["\u0301", "\u0323", "\u0303", "\t"]),
    max_size=40,
)


def test_the_page_finds_exactly_the_names_each_word_begins_a_syllable_of(client, clerk, searched):
    """Whatever is typed, the page answers, and the database's match is the rule as Python reads it."""
    everyone = search(client, clerk, "")

    @settings(
        max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
    )
    @given(query=TYPED)
    @example(query="hạnh")
    @example(query="Đ")
    @example(query="\u0301")
    def searched_for(query):
        found = search(client, clerk, query)
        words = search_syllables(query)
        assert found == [name for name in everyone if has_syllables(name, words)]

    searched_for()


def test_the_admin_search_matches_the_start_of_syllables(admin_client, searched):
    changelist = reverse("admin:teams_person_changelist")

    def found(query):
        response = admin_client.get(changelist, {"q": query})
        assert response.status_code == 200
        return sorted(person.full_name for person in response.context["cl"].result_list)

    assert found("hanh") == ["Lê Thị Hạnh"]
    assert found("duc tho") == ["Nguyễn Đức Thọ", "Phạm Thọ Đức"]
    assert found('"thi thanh"') == ["Võ Thị Thanh Cảnh"]
    assert found("uc") == []
    assert found("!!!") == found("") and len(found("")) == 6
