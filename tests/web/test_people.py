"""The people pages: the list with its accent-insensitive search, a person's page, adding and editing."""

import unicodedata

import pytest

from teams.models import Person
from tests import factories
from tests.web import district_officer_of, other_commune, team_leader_of, url

pytestmark = pytest.mark.django_db

LIST = url("teams:person_list")
ADD = url("teams:person_create")


def names(response) -> list[str]:
    return [person.full_name for person in response.context["page_obj"]]


def person_data(village=None, **changes):
    data = {
        "full_name": "Trần Thị Lan",
        "gender": "female",
        "birth_year": "1990",
        "phone": "0912 345 678",
        "position": "Giáo viên",
        "office": "teacher",
        "village": village.pk if village else "",
    }
    return {**data, **changes}


# The list --------------------------------------------------------------------------------


def test_the_list_shows_the_communes_people(client, clerk, village_people):
    client.force_login(clerk)
    response = client.get(LIST)
    assert response.status_code == 200
    assert set(names(response)) == {p.full_name for p in village_people}
    page = response.content.decode()
    assert ADD in page and url("teams:person_update", village_people[0].pk) in page


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Dung", "Phan Tiến Dũng"),
        ("dũng", "Phan Tiến Dũng"),
        ("tien DUNG", "Phan Tiến Dũng"),
        ("dac", "Nguyễn Đắc Thắng"),
        ("Đắc thang", "Nguyễn Đắc Thắng"),
    ],
)
def test_search_ignores_accents_and_case(client, clerk, chairman, commune, query, found):
    factories.PersonFactory(commune=commune, full_name="Nguyễn Đắc Thắng")
    factories.PersonFactory(commune=commune, full_name="Lê Văn Dương")
    client.force_login(clerk)
    assert names(client.get(LIST, {"q": query})) == [found]


def test_search_finds_a_phone_number_typed_with_spaces(client, clerk, commune):
    factories.PersonFactory(commune=commune, full_name="Hồ Văn Tú", phone="0912345678")
    factories.PersonFactory(commune=commune, full_name="Hồ Văn Tư", phone="0987654321")
    client.force_login(clerk)
    assert names(client.get(LIST, {"q": "0912 345"})) == ["Hồ Văn Tú"]


def test_search_with_a_decomposed_query_still_finds(client, clerk, chairman):
    client.force_login(clerk)
    assert names(client.get(LIST, {"q": unicodedata.normalize("NFD", "Dũng")})) == ["Phan Tiến Dũng"]


def test_the_list_filters_by_village(client, clerk, commune, village, village_people):
    other = factories.VillageFactory(commune=commune, name="Trung Hà")
    factories.PersonFactory(commune=commune, village=other, full_name="Võ Văn Hà")
    client.force_login(clerk)
    assert names(client.get(LIST, {"village": other.pk})) == ["Võ Văn Hà"]
    assert len(names(client.get(LIST, {"village": "nonsense"}))) == 4


def test_the_list_pages_by_25(client, clerk, commune):
    factories.PersonFactory.create_batch(30, commune=commune)
    client.force_login(clerk)
    assert len(names(client.get(LIST))) == 25
    assert len(names(client.get(LIST, {"page": 2}))) == 5


def test_a_clerk_of_another_commune_sees_none_of_its_people(client, village_people):
    elsewhere = other_commune()
    client.force_login(elsewhere["clerk"])
    assert names(client.get(LIST)) == ["Trần Văn Khác"]
    assert names(client.get(LIST, {"q": "Vinh"})) == []
    assert names(client.get(LIST, {"village": village_people[0].village_id})) == ["Trần Văn Khác"]


def test_a_clerk_of_another_commune_gets_404_on_its_people(client, village_people):
    elsewhere = other_commune()
    client.force_login(elsewhere["clerk"])
    person = village_people[0]
    assert client.get(url("teams:person_detail", person.pk)).status_code == 404
    assert client.get(url("teams:person_update", person.pk)).status_code == 404
    assert client.post(url("teams:person_update", person.pk), person_data(full_name="X")).status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Xuân Vinh"


def test_a_district_officer_reads_without_edit_controls(client, commune, village_people):
    elsewhere = other_commune()
    client.force_login(district_officer_of(commune))
    response = client.get(LIST)
    assert set(names(response)) == {*(p.full_name for p in village_people), "Trần Văn Khác"}
    page = response.content.decode()
    assert ADD not in page and "/edit/" not in page
    assert names(client.get(LIST, {"commune": elsewhere["commune"].pk})) == ["Trần Văn Khác"]
    detail = client.get(url("teams:person_detail", village_people[0].pk))
    assert detail.status_code == 200 and "/edit/" not in detail.content.decode()


def test_a_district_officer_may_not_add_or_edit(client, commune, village, village_people):
    client.force_login(district_officer_of(commune))
    person = village_people[0]
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, person_data(village)).status_code == 403
    assert client.post(url("teams:person_update", person.pk), person_data(village)).status_code == 403
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


def test_a_chairman_may_not_edit(client, chairman, village_people):
    client.force_login(chairman)
    assert client.post(ADD, person_data()).status_code == 403
    assert client.get(url("teams:person_update", village_people[0].pk)).status_code == 403


def test_a_team_leader_sees_only_their_teams_people(client, commune, village_team, village_people, day):
    from teams import services

    for person, role in zip(village_people, ["leader", "deputy", "member"], strict=True):
        services.membership_add(team=village_team, person=person, role=role, start_date=day)
    outsider = factories.PersonFactory(commune=commune, full_name="Người Ngoài")
    client.force_login(team_leader_of(village_team, village_people[0]))
    assert set(names(client.get(LIST))) == {p.full_name for p in village_people}
    assert client.get(url("teams:person_detail", outsider.pk)).status_code == 404


def test_a_login_without_a_role_sees_nobody_and_changes_nothing(client, village_people):
    client.force_login(factories.UserFactory())
    assert names(client.get(LIST)) == []
    assert client.get(url("teams:person_detail", village_people[0].pk)).status_code == 404
    assert client.post(ADD, person_data()).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, village_people):
    for address in (LIST, ADD, url("teams:person_detail", village_people[0].pk)):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(url("login"))


# A person's page ------------------------------------------------------------------------


def test_a_persons_page_shows_their_details_and_phone_link(client, clerk, commune, village):
    person = factories.PersonFactory(commune=commune, village=village, full_name="Mai Thị Hằng", phone="0912345678")
    client.force_login(clerk)
    response = client.get(url("teams:person_detail", person.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ông Mai Thị Hằng" in page
    assert 'href="tel:0912345678"' in page


# Adding and editing -----------------------------------------------------------------------


def test_the_clerk_adds_a_person_to_their_commune(client, clerk, commune, village):
    client.force_login(clerk)
    response = client.post(ADD, person_data(village))
    person = Person.objects.get(full_name="Trần Thị Lan")
    assert response.status_code == 302 and response.url == url("teams:person_detail", person.pk)
    assert person.commune == commune and person.village == village
    assert person.phone == "0912345678"
    assert person.search_name == "tran thi lan"


def test_the_commune_is_never_taken_from_the_form(client, clerk, commune):
    elsewhere = other_commune()
    client.force_login(clerk)
    client.post(ADD, person_data(commune=elsewhere["commune"].pk))
    assert Person.objects.get(full_name="Trần Thị Lan").commune == commune


def test_a_bad_phone_is_refused_next_to_the_field(client, clerk, village):
    client.force_login(clerk)
    response = client.post(ADD, person_data(village, phone="12345"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["phone"]
    assert "0912345678" in errors["phone"][0]
    page = response.content.decode()
    field_block = page[page.index('id="div_id_phone"') : page.index('id="div_id_position"')]
    assert 'aria-invalid="true"' in field_block and errors["phone"][0] in field_block
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


@pytest.mark.parametrize("year", ["1800", "2999", "-1", "abc", "9" * 5000])
def test_a_bad_birth_year_is_refused_next_to_the_field(client, clerk, year):
    client.force_login(clerk)
    response = client.post(ADD, person_data(birth_year=year))
    assert "birth_year" in response.context["form"].errors
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


def test_a_future_birth_year_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(ADD, person_data(birth_year="2099"))
    assert response.context["form"].errors["birth_year"] == ["The birth year cannot be in the future."]


def test_a_village_of_another_commune_is_refused(client, clerk):
    elsewhere = other_commune()
    client.force_login(clerk)
    response = client.post(ADD, person_data(elsewhere["village"]))
    assert "village" in response.context["form"].errors
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


def test_a_failed_edit_changes_nothing(client, clerk, village_people):
    person = village_people[0]
    client.force_login(clerk)
    response = client.post(
        url("teams:person_update", person.pk), person_data(full_name="Tên Mới", phone="không phải số")
    )
    assert "phone" in response.context["form"].errors
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Xuân Vinh"


def test_the_clerk_edits_a_person(client, clerk, village_people, village):
    person = village_people[0]
    client.force_login(clerk)
    response = client.post(url("teams:person_update", person.pk), person_data(village, full_name="Nguyễn Xuân Vĩnh"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Xuân Vĩnh" and person.search_name == "nguyen xuan vinh"


def test_decomposed_input_is_stored_composed(client, clerk, village):
    client.force_login(clerk)
    name = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh")
    assert name != unicodedata.normalize("NFC", name)
    client.post(ADD, person_data(village, full_name=name, position=unicodedata.normalize("NFD", "Bí thư Chi đoàn")))
    person = Person.objects.get()
    assert person.full_name == "Nguyễn Thị Ngọc Ánh"
    assert person.position == "Bí thư Chi đoàn"
    assert unicodedata.is_normalized("NFC", person.full_name)


def test_a_name_that_fits_only_once_composed_is_accepted(client, clerk):
    client.force_login(clerk)
    name = "Ữ" * 100  # 100 characters composed, 300 decomposed
    client.post(ADD, person_data(full_name=unicodedata.normalize("NFD", name)))
    assert Person.objects.get().full_name == name


def test_a_name_too_long_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(ADD, person_data(full_name="A" * 101))
    assert "full_name" in response.context["form"].errors
    assert not Person.objects.exists()


def test_markup_is_stored_as_text_and_shown_escaped(client, clerk):
    client.force_login(clerk)
    markup = "<script>alert(1)</script>"
    client.post(ADD, person_data(full_name=markup, position='"><img src=x onerror=alert(1)>'))
    person = Person.objects.get()
    assert person.full_name == markup
    for address in (LIST, url("teams:person_detail", person.pk), url("teams:person_update", person.pk)):
        page = client.get(address).content.decode()
        assert markup not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# History of changes ------------------------------------------------------------------------


def test_a_persons_page_shows_who_changed_what(client, clerk, village_people, village):
    person = village_people[0]
    clerk.first_name, clerk.last_name = "Hoa", "Nguyễn Thị"
    clerk.save()
    client.force_login(clerk)
    client.post(url("teams:person_update", person.pk), person_data(village, full_name="Nguyễn Xuân Vĩnh"))
    response = client.get(url("teams:person_detail", person.pk))
    record = response.context["history"][0]
    assert record.action == "changed"
    assert record.actor == "Hoa Nguyễn Thị"
    assert any(c.old == "Nguyễn Xuân Vinh" and c.new == "Nguyễn Xuân Vĩnh" for c in record.changes)
    assert {c.label for c in record.changes} >= {"full name", "gender", "birth year"}
    page = response.content.decode()
    assert "History of changes" in page and "Hoa Nguyễn Thị" in page


def test_the_history_names_villages_not_numbers(client, clerk, commune, village):
    person = factories.PersonFactory(commune=commune, full_name="Đinh Văn Bốn")
    client.force_login(clerk)
    client.post(url("teams:person_update", person.pk), person_data(village, full_name="Đinh Văn Bốn"))
    record = client.get(url("teams:person_detail", person.pk)).context["history"][0]
    village_change = next(c for c in record.changes if c.label == "village of residence or work")
    assert (village_change.old, village_change.new) == ("(empty)", "thôn Đông Thái")


@pytest.mark.parametrize("phone", ["0٩١٢٣٤٥٦٧٨", "０９１２３４５６７８", "+84٩١٢٣٤٥٦٧٨"])
def test_a_phone_in_other_scripts_digits_is_refused(client, clerk, village, phone):
    client.force_login(clerk)
    response = client.post(ADD, person_data(village, phone=phone))
    assert list(response.context["form"].errors) == ["phone"]
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


@pytest.mark.parametrize(("field", "typed"), [("birth_year", "١٩٩٨"), ("birth_year", "１９９８"), ("village", "٣")])
def test_numbers_in_another_scripts_digits_are_refused_not_read(client, clerk, village, field, typed):
    client.force_login(clerk)
    response = client.post(ADD, {**person_data(village), field: typed})
    assert list(response.context["form"].errors) == [field]
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()
