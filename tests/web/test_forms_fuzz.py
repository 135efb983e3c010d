"""Whatever text reaches the person and village forms: never a server error, never half a save.

Each POST either stores NFC text within the column's length, or is refused with field
errors and stores nothing.
"""

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from teams.models import Person, Village
from tests.web import url

pytestmark = pytest.mark.django_db

# No example database: the suite leaves no files behind, and each run draws afresh.
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)

MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "' OR 1=1 --",
    "%_\\",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


anything = st.one_of(
    st.text(),
    st.text().map(nfd),
    st.text(alphabet="ẮằẳẵặĐđơưỮữ Nguyễn Thị Ánh", min_size=1).map(nfd),
    st.just("x" * 10_000),
    st.text(min_size=1).map(lambda s: (s * 10_000)[:10_000]),
    st.sampled_from(MARKUP),
)


def stored_as_typed(stored: str, typed: str, max_length: int) -> bool:
    return stored == nfc(stored) and len(stored) <= max_length and stored == nfc(typed.strip())


phones = st.one_of(st.sampled_from(["", "0912345678", "+84 912 345 678", "091.234.5678"]), anything)
birth_years = st.one_of(st.sampled_from(["", "1985", "2008"]), anything)


def test_the_person_form_saves_clean_text_or_refuses(client, clerk, village):
    client.force_login(clerk)
    outcomes = set()

    @FUZZ
    @given(full_name=anything, position=anything, phone=phones, birth_year=birth_years)
    @example(full_name=nfd("Nguyễn Thị Ánh"), position="<b>Giáo viên</b>", phone="0912 345 678", birth_year="1985")
    @example(full_name="x" * 10_000, position="", phone="", birth_year="")
    def post(full_name, position, phone, birth_year):
        before = set(Person.objects.values_list("pk", flat=True))
        data = {
            "full_name": full_name,
            "gender": "female",
            "birth_year": birth_year,
            "phone": phone,
            "position": position,
            "office": "resident",
            "village": village.pk,
        }
        response = client.post(url("teams:person_create"), data)
        outcomes.add(response.status_code)
        created = Person.objects.exclude(pk__in=before)
        if response.status_code == 302:
            person = created.get()
            assert stored_as_typed(person.full_name, full_name, 100)
            assert stored_as_typed(person.position, position, 200)
            assert len(person.phone) <= 20
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert not created.exists()

    post()
    assert outcomes == {200, 302}, "both the saving and the refusing paths should have been exercised"


@FUZZ
@given(full_name=anything, phone=anything)
def test_a_person_edit_saves_clean_text_or_changes_nothing(client, clerk, village_people, full_name, phone):
    person = village_people[0]
    client.force_login(clerk)
    before = Person.objects.values().get(pk=person.pk)
    data = {"full_name": full_name, "gender": "male", "phone": phone, "office": "village_head", "village": ""}
    response = client.post(url("teams:person_update", person.pk), data)
    after = Person.objects.values().get(pk=person.pk)
    if response.status_code == 302:
        assert stored_as_typed(after["full_name"], full_name, 100)
    else:
        assert response.status_code == 200
        assert response.context["form"].errors
        assert after == before


def test_the_village_form_saves_clean_text_or_refuses(client, clerk):
    client.force_login(clerk)
    outcomes = set()

    @FUZZ
    @given(name=anything, type_word=st.one_of(st.sampled_from(Village.Type.values), anything))
    @example(name=nfd("Đông Thái <script>"), type_word="thôn")
    @example(name="x" * 10_000, type_word="thôn")
    def post(name, type_word):
        before = set(Village.objects.values_list("pk", flat=True))
        response = client.post(url("teams:village_create"), {"type_word": type_word, "name": name})
        outcomes.add(response.status_code)
        created = Village.objects.exclude(pk__in=before)
        if response.status_code == 302:
            village = created.get()
            assert stored_as_typed(village.name, name, 100)
            assert village.type_word in Village.Type.values
        else:
            assert response.status_code == 200
            assert response.context["form"].errors
            assert not created.exists()

    post()
    assert outcomes == {200, 302}, "both the saving and the refusing paths should have been exercised"


@FUZZ
@given(query=anything, village=anything, page=anything)
def test_the_person_search_answers_any_query(client, clerk, village_people, query, village, page):
    client.force_login(clerk)
    response = client.get(url("teams:person_list"), {"q": query, "village": village, "page": page})
    # A NUL anywhere in the query string is refused before the view (RefuseNulMiddleware).
    assert response.status_code == (400 if "\x00" in query + village + page else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()
