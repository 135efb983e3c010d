"""The admin's list, search, filter, add and delete pages for the teams app, as a superuser."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.models import Collaborator, Commune, Role, Team, Village
from teams.services import membership_add, membership_end
from tests import factories

DAY = datetime.date(2022, 10, 4)
MODELS = ("province", "district", "commune", "village", "person", "team", "membership", "collaborator", "official")


def app_of(model: str) -> str:
    return "accounts" if model == "official" else "teams"


def changelist(model: str) -> str:
    return reverse(f"admin:{app_of(model)}_{model}_changelist")


@pytest.fixture
def populated(clerk, chairman, village_team, village_people):
    """One of everything: a full team with an ended membership, a collaborator, officials."""
    for person, role in zip(village_people, (Role.LEADER, Role.DEPUTY, Role.MEMBER), strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=DAY)
    membership_end(membership=village_team.active_memberships().get(role=Role.MEMBER), end_date=DAY)
    volunteer = factories.PersonFactory(commune=village_team.commune, village=village_team.village)
    Collaborator.objects.create(team=village_team, person=volunteer, joined_on=DAY)
    return village_team


# Every page answers -------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_answers(admin_client, populated, model):
    assert admin_client.get(changelist(model)).status_code == 200
    assert admin_client.get(changelist(model), {"q": "Đông"}).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_every_change_page_answers(admin_client, populated, model):
    response = admin_client.get(changelist(model))
    first = response.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:{app_of(model)}_{model}_change", args=[first.pk])).status_code == 200


def test_the_admin_index_answers(admin_client, populated):
    assert admin_client.get(reverse("admin:index")).status_code == 200


def test_a_code_search_with_letters_does_not_fail(admin_client, commune):
    response = admin_client.get(changelist("commune"), {"q": "Tùng"})
    assert response.status_code == 200
    assert admin_client.get(changelist("commune"), {"q": str(commune.code)}).context["cl"].result_count == 1


# Accent-insensitive search ------------------------------------------------------------------


@pytest.fixture
def thang(commune):
    return factories.PersonFactory(commune=commune, full_name="Nguyễn Đắc Thắng", phone="0912 345 678")


def found(admin_client, model, term):
    return {str(obj) for obj in admin_client.get(changelist(model), {"q": term}).context["cl"].result_list}


@pytest.mark.parametrize("term", ["Dung", "dũng", "DŨNG", "tien dung", '"Phan Tiến"'])
def test_a_person_is_found_with_or_without_accents(admin_client, chairman, thang, term):
    assert found(admin_client, "person", term) == {"Phan Tiến Dũng"}


@pytest.mark.parametrize("term", ["dac", "Đắc", "đắc thắng", "0912345678", "345 678"])
def test_the_d_with_stroke_and_the_phone_are_searchable(admin_client, chairman, thang, term):
    assert found(admin_client, "person", term) == {"Nguyễn Đắc Thắng"}


def test_a_team_is_found_by_its_village(admin_client, populated):
    assert found(admin_client, "team", "Đông Thái") == {populated.name}
    assert found(admin_client, "team", "nowhere") == set()


def test_a_membership_is_found_by_its_members_name_without_accents(admin_client, populated):
    assert {
        m.person.full_name
        for m in admin_client.get(changelist("membership"), {"q": "chuong"}).context["cl"].result_list
    } == {"Phạm Hồng Chương"}


# Lists stay cheap ---------------------------------------------------------------------------


def make_teams(commune, count):
    for _ in range(count):
        team = factories.TeamFactory(commune=commune)
        for role in (Role.LEADER, Role.DEPUTY, Role.MEMBER):
            membership_add(team=team, person=factories.PersonFactory(commune=commune), role=role, start_date=DAY)


def test_the_team_list_costs_the_same_queries_for_5_or_20_teams(admin_client, commune, django_assert_num_queries):
    make_teams(commune, 5)
    admin_client.get(changelist("team"))
    with CaptureQueriesContext(connection) as five:
        response = admin_client.get(changelist("team"))
    assert len(response.context["cl"].result_list) == 5

    make_teams(commune, 15)
    with django_assert_num_queries(len(five)):
        response = admin_client.get(changelist("team"))
    assert len(response.context["cl"].result_list) == 20
    assert all(len(team.active_seats) == 3 for team in response.context["cl"].result_list)


@pytest.mark.parametrize("model", ["person", "village", "membership", "collaborator"])
def test_other_lists_do_not_grow_with_rows(admin_client, populated, model, django_assert_num_queries):
    admin_client.get(changelist(model))
    with CaptureQueriesContext(connection) as before:
        admin_client.get(changelist(model))
    make_teams(populated.commune, 3)
    for team in Team.objects.filter(level=Team.Level.VILLAGE).exclude(pk=populated.pk):
        Collaborator.objects.create(team=team, person=factories.PersonFactory(commune=team.commune), joined_on=DAY)
    with django_assert_num_queries(len(before)):
        admin_client.get(changelist(model))


# Text goes in as text -----------------------------------------------------------------------


def add_village(admin_client, commune, name):
    return admin_client.post(
        reverse("admin:teams_village_add"), {"type_word": Village.Type.VILLAGE, "name": name, "commune": commune.pk}
    )


def test_markup_in_a_name_is_stored_as_text_and_shown_escaped(admin_client, commune):
    name = "<script>alert(1)</script>"
    assert add_village(admin_client, commune, name).status_code == 302
    assert Village.objects.get().name == name

    content = admin_client.get(changelist("village")).content.decode()

    assert name not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_decomposed_name_is_stored_composed(admin_client, commune):
    decomposed = unicodedata.normalize("NFD", "Đông Thái")
    assert decomposed != "Đông Thái"

    assert add_village(admin_client, commune, decomposed).status_code == 302

    village = Village.objects.get()
    assert village.name == "Đông Thái"
    assert unicodedata.is_normalized("NFC", village.name)


# Deleting what others refer to is refused ---------------------------------------------------


@pytest.mark.parametrize(
    ("model", "get"),
    [
        ("village", lambda team: team.village),
        ("commune", lambda team: team.commune),
    ],
)
def test_deleting_a_place_that_is_referred_to_is_refused(admin_client, populated, model, get):
    target = get(populated)

    single = admin_client.post(reverse(f"admin:{app_of(model)}_{model}_delete", args=[target.pk]), {"post": "yes"})
    bulk = admin_client.post(
        changelist(model), {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    )

    for response in (single, bulk):
        assert response.status_code == 200
        assert response.context["protected"]
    assert type(target).objects.filter(pk=target.pk).exists()


# Filters list one province's districts, one district's communes ------------------------------


@pytest.fixture
def country(commune):
    """Two provinces: Hà Tĩnh with two districts of communes, and a province without a district tier."""
    other_district = factories.DistrictFactory(code=441, name="Can Lộc", province=commune.province)
    same = [factories.CommuneFactory(code=18260 + n, name=f"Đức {n}", district=commune.district) for n in range(3)]
    elsewhere = [factories.CommuneFactory(code=18300 + n, name=f"Can {n}", district=other_district) for n in range(3)]
    flat_province = factories.ProvinceFactory(code=45, name="Quảng Trị")
    flat = [
        Commune.objects.create(
            place_list=flat_province.place_list, code=19000 + n, name=f"Gio {n}", type_word="xã", province=flat_province
        )
        for n in range(2)
    ]
    for place in (commune, *same, *elsewhere, *flat):
        factories.VillageFactory(commune=place)
    return {"district": commune.district, "same": [commune, *same], "elsewhere": elsewhere, "flat": flat}


def filter_choices(response, parameter: str) -> list[str]:
    """The choices a filter offers, "All" left out; [] when the page does not show the filter."""
    for spec in response.context["cl"].filter_specs:
        if getattr(spec, "parameter_name", None) == parameter:
            return [str(choice["display"]) for choice in spec.choices(response.context["cl"])][1:]
    return []


def test_the_commune_filter_waits_for_a_district(admin_client, country, commune):
    response = admin_client.get(changelist("village"))
    assert filter_choices(response, "province") == ["tỉnh Hà Tĩnh", "tỉnh Quảng Trị"]
    assert filter_choices(response, "district") == [] and filter_choices(response, "commune") == []

    in_province = admin_client.get(changelist("village"), {"province": commune.province_id})
    assert filter_choices(in_province, "district") == ["huyện Can Lộc", "huyện Đức Thọ"]
    assert filter_choices(in_province, "commune") == []

    in_district = admin_client.get(
        changelist("village"), {"province": commune.province_id, "district": country["district"].pk}
    )
    assert sorted(filter_choices(in_district, "commune")) == sorted(c.full_name for c in country["same"])
    assert {v.commune for v in in_district.context["cl"].result_list} == set(country["same"])


def test_a_province_without_districts_lists_its_communes(admin_client, country):
    flat = country["flat"]
    response = admin_client.get(changelist("person"), {"province": flat[0].province_id})
    assert filter_choices(response, "district") == []
    assert filter_choices(response, "commune") == [c.full_name for c in flat]


def test_a_commune_chosen_alone_filters_the_list(admin_client, country):
    chosen = country["elsewhere"][1]
    response = admin_client.get(changelist("village"), {"commune": chosen.pk})
    assert filter_choices(response, "commune") == [chosen.full_name]
    assert [v.commune for v in response.context["cl"].result_list] == [chosen]


@pytest.mark.parametrize("model", ["village", "person", "team", "membership", "collaborator", "commune"])
@pytest.mark.parametrize("value", ["²", "١", "-1", "1.5", "x" * 300, "9" * 30])
def test_a_place_filter_answers_any_value(admin_client, populated, model, value):
    for param in ("province", "district", "commune"):
        assert admin_client.get(changelist(model), {param: value}).status_code in {200, 302}, (param, value)
