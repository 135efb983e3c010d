"""The admin's list, search, add and delete pages for the teams app, as a superuser."""

import datetime
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teams.models import Collaborator, Commune, Membership, Person, Role, Team, Village
from teams.services import membership_add, membership_end
from tests import factories

DAY = datetime.date(2022, 10, 4)
MODELS = ("province", "district", "commune", "village", "person", "team", "membership", "collaborator", "official")


def changelist(model: str) -> str:
    return reverse(f"admin:teams_{model}_changelist")


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
    assert admin_client.get(reverse(f"admin:teams_{model}_change", args=[first.pk])).status_code == 200


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


def test_a_team_is_found_by_a_members_name_without_accents(admin_client, populated):
    assert found(admin_client, "team", "chuong") == {populated.name}
    assert found(admin_client, "team", "nobody") == set()


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
    assert all(team.active_count == 3 for team in response.context["cl"].result_list)


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


def add_person(admin_client, commune, full_name):
    return admin_client.post(
        reverse("admin:teams_person_add"),
        {"full_name": full_name, "gender": Person.Gender.MALE, "commune": commune.pk, "office": Person.Office.OTHER},
    )


def test_markup_in_a_name_is_stored_as_text_and_shown_escaped(admin_client, commune):
    name = "<script>alert(1)</script>"
    assert add_person(admin_client, commune, name).status_code == 302
    assert Person.objects.get().full_name == name

    content = admin_client.get(changelist("person")).content.decode()

    assert name not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_decomposed_name_is_stored_composed(admin_client, commune):
    decomposed = unicodedata.normalize("NFD", "Phạm Hồng Chương")
    assert decomposed != "Phạm Hồng Chương"

    assert add_person(admin_client, commune, decomposed).status_code == 302

    person = Person.objects.get()
    assert person.full_name == "Phạm Hồng Chương"
    assert unicodedata.is_normalized("NFC", person.full_name)
    assert person.search_name == "pham hong chuong"


# Deleting what others refer to is refused ---------------------------------------------------


def test_deleting_a_team_member_shows_the_protected_page(admin_client, populated):
    person = Membership.objects.filter(team=populated).first().person
    url = reverse("admin:teams_person_delete", args=[person.pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert response.context["protected"]
    assert Person.objects.filter(pk=person.pk).exists()


def test_bulk_deleting_team_members_shows_the_protected_page(admin_client, populated):
    people = list(Person.objects.filter(memberships__team=populated).values_list("pk", flat=True))
    data = {"action": "delete_selected", "_selected_action": people}

    first = admin_client.post(changelist("person"), data)
    confirmed = admin_client.post(changelist("person"), {**data, "post": "yes"})

    for response in (first, confirmed):
        assert response.status_code == 200
        assert response.context["protected"]
    assert Person.objects.filter(pk__in=people).count() == len(people)


@pytest.mark.parametrize(
    ("model", "get"),
    [
        ("village", lambda team: team.village),
        ("commune", lambda team: team.commune),
        ("team", lambda team: team),
    ],
)
def test_deleting_a_place_or_team_that_is_referred_to_is_refused(admin_client, populated, model, get):
    target = get(populated)

    single = admin_client.post(reverse(f"admin:teams_{model}_delete", args=[target.pk]), {"post": "yes"})
    bulk = admin_client.post(
        changelist(model), {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"}
    )

    for response in (single, bulk):
        assert response.status_code == 200
        assert response.context["protected"]
    assert type(target).objects.filter(pk=target.pk).exists()


def test_memberships_are_read_only_outside_their_team(admin_client, populated):
    membership = Membership.objects.filter(team=populated).first()
    assert admin_client.get(reverse("admin:teams_membership_add")).status_code == 403
    response = admin_client.post(reverse("admin:teams_membership_delete", args=[membership.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_village_in_another_commune_is_refused_on_the_person_form(admin_client, commune):
    other = Commune.objects.create(code=18260, name="Đức Nhân", province=commune.province, district=commune.district)
    foreign_village = Village.objects.create(commune=other, name="Yên Hòa")
    response = admin_client.post(
        reverse("admin:teams_person_add"),
        {
            "full_name": "Trần Văn Nam",
            "gender": Person.Gender.MALE,
            "commune": commune.pk,
            "village": foreign_village.pk,
            "office": Person.Office.OTHER,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not Person.objects.exists()


def test_the_administrator_enters_a_villages_households(admin_client, village):
    response = admin_client.post(
        reverse("admin:teams_village_change", args=[village.pk]),
        {"type_word": village.type_word, "name": village.name, "commune": village.commune.pk, "households": "420"},
    )
    assert response.status_code == 302
    village.refresh_from_db()
    assert village.households == 420
    assert "420" in admin_client.get(changelist("village")).content.decode()
