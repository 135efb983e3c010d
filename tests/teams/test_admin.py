"""Teams, people, memberships and collaborators are read-only in the admin; places and officials are not.

A team's membership changes only through an issued decision (in the pages), and its
status with it: the superuser's old team page (composition inline, status) and the
membership pages are refused and change nothing. Villages, communes and officials are
reference data the administrator keeps here.
"""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Official
from teams.models import Collaborator, Membership, Person, Role, Team, Village
from teams.services import membership_add, membership_end
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.date(2022, 10, 4)
LATER = datetime.date(2023, 3, 1)
ROLES = (Role.LEADER, Role.DEPUTY, Role.MEMBER)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def admin_url(name, *args):
    app = "accounts" if name.startswith("official") else "teams"
    return reverse(f"admin:{app}_{name}", args=args)


@pytest.fixture
def full_team(village_team, village_people):
    for person, role in zip(village_people, ROLES, strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=DAY)
    membership_end(membership=village_team.active_memberships().get(role=Role.MEMBER), end_date=LATER)
    membership_add(
        team=village_team,
        person=factories.PersonFactory(commune=village_team.commune),
        role=Role.MEMBER,
        start_date=LATER,
    )
    Collaborator.objects.create(
        team=village_team, person=factories.PersonFactory(commune=village_team.commune), joined_on=DAY
    )
    return village_team


def stored_state():
    return {
        "teams": list(Team.objects.order_by("pk").values_list("pk", "status", "zalo_url", "departure_reason")),
        "memberships": list(
            Membership.objects.order_by("pk").values_list("pk", "team", "person", "role", "seat", "end_date")
        ),
        "collaborators": list(Collaborator.objects.order_by("pk").values_list("pk", "person", "left_on")),
        "people": list(Person.objects.order_by("pk").values_list("pk", "full_name", "phone")),
    }


# The former team and membership forms are refused ----------------------------------------------


def test_the_team_page_no_longer_changes_status_or_composition(admin_client, full_team, commune):
    newcomer = factories.PersonFactory(commune=commune)
    leader = full_team.memberships.get(role=Role.LEADER, end_date__isnull=True)
    before = stored_state()
    # What the former team page posted: the status, and its composition inline (here: the
    # leader demoted, a fourth person seated, the leader's seat ended).
    data = {
        "commune": commune.pk,
        "village": full_team.village_id,
        "status": Team.Status.DISSOLVED,
        "zalo_url": "https://zalo.me/g/khac",
        "memberships-TOTAL_FORMS": 2,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": leader.pk,
        "memberships-0-team": full_team.pk,
        "memberships-0-role": Role.MEMBER,
        "memberships-0-end_date": LATER.isoformat(),
        "memberships-1-person": newcomer.pk,
        "memberships-1-role": Role.LEADER,
        "memberships-1-start_date": LATER.isoformat(),
        "_save": "Save",
    }

    assert admin_client.post(admin_url("team_change", full_team.pk), data).status_code == 403
    assert admin_client.post(admin_url("team_add"), data).status_code == 403
    assert admin_client.post(admin_url("team_delete", full_team.pk), {"post": "yes"}).status_code == 403

    assert stored_state() == before


def test_memberships_cannot_be_added_changed_or_deleted(admin_client, full_team):
    membership = full_team.memberships.get(role=Role.LEADER, end_date__isnull=True)
    before = stored_state()
    changed = {"person": membership.person_id, "team": full_team.pk, "role": Role.MEMBER, "start_date": "2022-10-04"}

    assert admin_client.get(admin_url("membership_add")).status_code == 403
    assert admin_client.post(admin_url("membership_add"), changed).status_code == 403
    assert admin_client.post(admin_url("membership_change", membership.pk), changed).status_code == 403
    assert admin_client.post(admin_url("membership_delete", membership.pk), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [membership.pk], "post": "yes"}
    admin_client.post(admin_url("membership_changelist"), bulk)

    assert stored_state() == before


@pytest.mark.parametrize("model", ["person", "collaborator"])
def test_people_and_collaborators_are_read_only(admin_client, full_team, model):
    row = Person.objects.first() if model == "person" else Collaborator.objects.get()
    before = stored_state()
    data = {"full_name": "Tên khác", "gender": "male", "commune": full_team.commune_id, "left_on": "2023-01-01"}

    assert admin_client.post(admin_url(f"{model}_add"), data).status_code == 403
    assert admin_client.post(admin_url(f"{model}_change", row.pk), data).status_code == 403
    assert admin_client.post(admin_url(f"{model}_delete", row.pk), {"post": "yes"}).status_code == 403

    assert stored_state() == before


# What the administrator reads -----------------------------------------------------------------------


def test_a_team_reads_with_its_members_and_a_link_to_its_page(admin_client, full_team):
    response = admin_client.get(admin_url("team_change", full_team.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("teams:team_detail", args=[full_team.pk])}"' in html
    assert "Open in the application" in html
    assert all(person.full_name in html for person in Person.objects.filter(memberships__team=full_team))
    assert 'name="_save"' not in html and 'name="memberships-0-role"' not in html


@pytest.mark.parametrize(
    ("model", "row", "page"),
    [
        ("person", lambda team: team.memberships.first().person, lambda row: ("teams:person_detail", row.pk)),
        ("membership", lambda team: team.memberships.first(), lambda row: ("teams:team_detail", row.team_id)),
        ("collaborator", lambda team: team.collaborators.get(), lambda row: ("teams:team_detail", row.team_id)),
    ],
)
def test_a_read_only_row_links_to_its_page(admin_client, full_team, model, row, page):
    obj = row(full_team)
    name, pk = page(obj)
    link = f'href="{reverse(name, args=[pk])}"'

    change = admin_client.get(admin_url(f"{model}_change", obj.pk))
    listing = admin_client.get(admin_url(f"{model}_changelist"))

    assert change.status_code == 200 and link in change.content.decode()
    assert link in listing.content.decode()


# Places and officials are reference data ---------------------------------------------------------


def test_the_superuser_adds_and_changes_a_village(admin_client, commune):
    added = admin_client.post(
        admin_url("village_add"), {"type_word": Village.Type.HAMLET, "name": "Yên Mỹ", "commune": commune.pk}
    )
    assert added.status_code == 302
    village = Village.objects.get(name="Yên Mỹ")

    changed = admin_client.post(
        admin_url("village_change", village.pk),
        {"type_word": Village.Type.VILLAGE, "name": "Yên Mỹ", "commune": commune.pk, "households": "420"},
    )

    assert changed.status_code == 302
    village.refresh_from_db()
    assert (village.type_word, village.households) == (Village.Type.VILLAGE, 420)
    assert "420" in admin_client.get(admin_url("village_changelist")).content.decode()


def test_the_superuser_adds_and_changes_an_official(admin_client, commune):
    user = factories.UserFactory(username="vanthu.moi")
    added = admin_client.post(
        admin_url("official_add"), {"user": user.pk, "role": Official.Role.CLERK, "commune": commune.pk}
    )
    assert added.status_code == 302
    official = Official.objects.get(user=user)

    changed = admin_client.post(
        admin_url("official_change", official.pk),
        {"user": user.pk, "role": Official.Role.DISTRICT_OFFICER, "district": commune.district_id},
    )

    assert changed.status_code == 302
    official.refresh_from_db()
    assert (official.role, official.district, official.commune) == (
        Official.Role.DISTRICT_OFFICER,
        commune.district,
        None,
    )


def test_an_official_without_a_scope_is_refused_on_the_form(admin_client, commune):
    user = factories.UserFactory(username="khong.pham.vi")
    response = admin_client.post(admin_url("official_add"), {"user": user.pk, "role": Official.Role.CLERK})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not Official.objects.exists()
