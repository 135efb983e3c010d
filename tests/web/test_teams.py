"""A team's page: members and phones, collaborators, membership history, rule check, Zalo link."""

import datetime

import pytest
from django.test import Client

from teams import services
from teams.models import Collaborator, Person, Team
from tests import factories
from tests.web import (  # noqa: F401
    district_officer_of,
    issued_decision,
    other_commune,
    team_leader_of,
    url,
)

pytestmark = pytest.mark.django_db

ROLES = ("leader", "deputy", "member")


def seat(team, people, day, *, started_by=None):
    for person, role in zip(people, ROLES, strict=True):
        services.membership_add(team=team, person=person, role=role, start_date=day, started_by=started_by)


def page_of(client, team) -> str:
    response = client.get(url("teams:team_detail", team.pk))
    assert response.status_code == 200
    return response.content.decode()


# What the page shows -----------------------------------------------------------------------


def test_it_shows_the_members_with_their_phones(client, clerk, village_team, village_people, day):
    Person.objects.filter(pk=village_people[1].pk).update(phone="0912345678")
    seat(village_team, village_people, day)
    client.force_login(clerk)
    page = page_of(client, village_team)
    assert "Tổ chuyển đổi số cộng đồng thôn Đông Thái" in page
    assert "Ông Nguyễn Xuân Vinh" in page and "Bà Mai Thị Hằng" in page
    assert "Trưởng thôn Đông Thái" in page
    assert '<a href="tel:0912345678">0912345678</a>' in page


def test_it_shows_status_and_the_zalo_link(client, clerk, village_team, day):
    Team.objects.filter(pk=village_team.pk).update(
        status=Team.Status.ACTIVE, established_on=day, zalo_url="https://zalo.me/g/abcdef"
    )
    client.force_login(clerk)
    page = page_of(client, village_team)
    assert "active since 04/10/2022" in page
    assert '<a href="https://zalo.me/g/abcdef" target="_blank" rel="noopener noreferrer">' in page


def test_the_history_shows_every_membership_with_its_decisions(
    client, clerk, chairman, village_team, village_people, day
):
    signer = chairman.official.person
    first = issued_decision(village_team, signer, number=171, on=day)
    seat(village_team, village_people, day, started_by=first)
    later = datetime.date(2023, 3, 1)
    second = issued_decision(village_team, signer, number=5, on=later, kind="amend")
    leaving = village_team.memberships.get(person=village_people[2])
    services.membership_end(membership=leaving, end_date=later, ended_by=second)
    newcomer = factories.PersonFactory(commune=village_team.commune, full_name="Hoàng Văn Mới")
    services.membership_add(team=village_team, person=newcomer, role="member", start_date=later, started_by=second)
    client.force_login(clerk)
    response = client.get(url("teams:team_detail", village_team.pk))
    history = list(response.context["memberships"])
    assert [m.person.full_name for m in history] == [
        "Nguyễn Xuân Vinh",
        "Mai Thị Hằng",
        "Phạm Hồng Chương",
        "Hoàng Văn Mới",
    ]
    page = response.content.decode()
    assert page.count("171/QĐ-UBND") == 3
    assert page.count("05/QĐ-UBND") == 2
    assert f'href="{url("decisions:detail", first.pk)}"' in page
    assert "01/03/2023" in page
    assert [m.person.full_name for m in response.context["members"]] == [
        "Nguyễn Xuân Vinh",
        "Mai Thị Hằng",
        "Hoàng Văn Mới",
    ]


def test_memberships_without_a_decision_show_a_dash(client, clerk, village_team, village_people, day):
    seat(village_team, village_people, day)
    client.force_login(clerk)
    page = page_of(client, village_team)
    assert "QĐ-UBND" not in page
    assert "04/10/2022" in page


def test_the_history_shows_a_decision_issued_through_the_workflow(
    client, clerk, chairman, village_team, village_people, day
):
    pytest.importorskip("documents.rendering")
    from tests.decisions.helpers import issued

    factories.LegalBasisFactory()
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    client.force_login(clerk)
    page = page_of(client, village_team)
    assert page.count(decision.number_symbol) == 3
    assert "active since 04/10/2022" in page


def test_an_incomplete_team_shows_the_hard_rules_in_red(client, clerk, village_team, village_people, day):
    services.membership_add(team=village_team, person=village_people[0], role="leader", start_date=day)
    client.force_login(clerk)
    response = client.get(url("teams:team_detail", village_team.pk))
    codes = {v.code for v in response.context["hard_violations"]}
    assert codes == {"too_few_members", "no_deputy"}
    assert 'class="rule-hard"' in response.content.decode()


def test_a_departure_from_the_recommendation_shows_in_amber(client, clerk, village_team, village_people, day):
    leader, deputy, member = village_people
    seat(village_team, [member, deputy, leader], day)
    client.force_login(clerk)
    response = client.get(url("teams:team_detail", village_team.pk))
    assert response.context["hard_violations"] == []
    assert {v.code for v in response.context["advisory_violations"]} == {"leader_office"}
    page = response.content.decode()
    assert 'class="rule-advisory"' in page and 'class="rule-hard"' not in page


def test_a_complete_recommended_team_passes_the_check(client, clerk, village_team, village_people, day):
    seat(village_team, village_people, day)
    client.force_login(clerk)
    response = client.get(url("teams:team_detail", village_team.pk))
    assert response.context["hard_violations"] == response.context["advisory_violations"] == []


def test_markup_in_a_members_name_is_shown_as_text(client, clerk, village_team, commune, day):
    person = factories.PersonFactory(commune=commune, full_name="<script>alert(1)</script>")
    services.membership_add(team=village_team, person=person, role="leader", start_date=day)
    client.force_login(clerk)
    page = page_of(client, village_team)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Who may see and do what --------------------------------------------------------------------


def test_a_district_officer_reads_without_edit_controls(client, commune, village_team):
    client.force_login(district_officer_of(commune))
    response = client.get(url("teams:team_detail", village_team.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert url("teams:team_update", village_team.pk) not in page
    assert url("teams:collaborator_add", village_team.pk) not in page
    assert response.context["collaborator_form"] is None


def test_a_district_officer_gets_403_on_every_change(client, commune, village_team, day):
    collaborator = factories_collaborator(village_team, day)
    client.force_login(district_officer_of(commune))
    assert client.get(url("teams:team_update", village_team.pk)).status_code == 403
    assert (
        client.post(url("teams:team_update", village_team.pk), {"zalo_url": "https://zalo.me/g/x"}).status_code == 403
    )
    add = {"person": collaborator.person.pk, "joined_on": "2022-10-04"}
    assert client.post(url("teams:collaborator_add", village_team.pk), add).status_code == 403
    end = url("teams:collaborator_end", village_team.pk, collaborator.pk)
    assert client.post(end, {"left_on": "2022-12-01"}).status_code == 403
    village_team.refresh_from_db()
    collaborator.refresh_from_db()
    assert village_team.zalo_url == "" and collaborator.left_on is None


def test_a_clerk_of_another_commune_gets_404(client, village_team, day):
    elsewhere = other_commune()
    client.force_login(elsewhere["clerk"])
    assert client.get(url("teams:team_detail", village_team.pk)).status_code == 404
    assert client.get(url("teams:team_update", village_team.pk)).status_code == 404
    assert client.post(url("teams:team_update", village_team.pk), {"zalo_url": "https://x.vn"}).status_code == 404
    add = {"person": elsewhere["person"].pk, "joined_on": "2022-10-04"}
    assert client.post(url("teams:collaborator_add", village_team.pk), add).status_code == 404
    assert not Collaborator.objects.exists()


def test_a_team_leader_reads_their_team_only(client, commune, village_team, village_people, day):
    seat(village_team, village_people, day)
    other = factories.TeamFactory(commune=commune, village=factories.VillageFactory(commune=commune))
    client.force_login(team_leader_of(village_team, village_people[0]))
    assert client.get(url("teams:team_detail", village_team.pk)).status_code == 200
    assert client.get(url("teams:team_detail", other.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, village_team):
    response = client.get(url("teams:team_detail", village_team.pk))
    assert response.status_code == 302 and response.url.startswith(url("login"))


# The Zalo link ---------------------------------------------------------------------------------


def test_the_clerk_edits_the_zalo_link(client, clerk, village_team):
    client.force_login(clerk)
    response = client.post(url("teams:team_update", village_team.pk), {"zalo_url": "zalo.me/g/tungAnh"})
    assert response.status_code == 302
    village_team.refresh_from_db()
    assert village_team.zalo_url == "https://zalo.me/g/tungAnh"


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "not a link", "https://" + "a" * 300 + ".vn"])
def test_a_bad_zalo_link_is_refused(client, clerk, village_team, bad):
    client.force_login(clerk)
    response = client.post(url("teams:team_update", village_team.pk), {"zalo_url": bad})
    assert response.status_code == 200
    assert "zalo_url" in response.context["form"].errors
    village_team.refresh_from_db()
    assert village_team.zalo_url == ""


def test_the_zalo_change_appears_in_the_history_of_changes(client, clerk, village_team):
    clerk.first_name = "Hoa"
    clerk.save()
    client.force_login(clerk)
    client.post(url("teams:team_update", village_team.pk), {"zalo_url": "https://zalo.me/g/moi"})
    response = client.get(url("teams:team_detail", village_team.pk))
    record = response.context["history"][0]
    assert record.actor == "Hoa" and record.action == "changed"
    assert [(c.label, c.old, c.new) for c in record.changes] == [
        ("Zalo group link", "(empty)", "https://zalo.me/g/moi")
    ]
    assert "History of changes" in response.content.decode()


# Collaborators ----------------------------------------------------------------------------------


def factories_collaborator(team, day, **kwargs):
    person = factories.PersonFactory(commune=team.commune, full_name="Lê Thị Cộng")
    return services.collaborator_add(team=team, person=person, joined_on=day, **kwargs)


def test_the_clerk_adds_a_collaborator(client, clerk, commune, village_team):
    volunteer = factories.PersonFactory(commune=commune, full_name="Đặng Văn Tình")
    client.force_login(clerk)
    response = client.post(
        url("teams:collaborator_add", village_team.pk),
        {"person": volunteer.pk, "joined_on": "2022-11-01", "note": "Sinh viên CNTT"},
    )
    assert response.status_code == 302
    collaborator = Collaborator.objects.get()
    assert (collaborator.person, collaborator.team, collaborator.joined_on) == (
        volunteer,
        village_team,
        datetime.date(2022, 11, 1),
    )
    page = page_of(client, village_team)
    assert "Đặng Văn Tình" in page and "Sinh viên CNTT" in page


def test_a_member_or_an_outsider_cannot_be_added_as_collaborator(client, clerk, village_team, village_people, day):
    seat(village_team, village_people, day)
    elsewhere = other_commune()
    client.force_login(clerk)
    for person in (village_people[0], elsewhere["person"]):
        response = client.post(
            url("teams:collaborator_add", village_team.pk), {"person": person.pk, "joined_on": "2022-11-01"}
        )
        assert response.status_code == 200
        assert "person" in response.context["collaborator_form"].errors
    assert not Collaborator.objects.exists()


def test_a_collaborator_without_a_date_is_refused_next_to_the_field(client, clerk, commune, village_team):
    volunteer = factories.PersonFactory(commune=commune)
    client.force_login(clerk)
    response = client.post(url("teams:collaborator_add", village_team.pk), {"person": volunteer.pk, "joined_on": ""})
    assert "joined_on" in response.context["collaborator_form"].errors
    assert not Collaborator.objects.exists()


def test_a_commune_team_takes_no_collaborators(client, clerk, commune):
    team = factories.CommuneTeamFactory(commune=commune)
    volunteer = factories.PersonFactory(commune=commune)
    client.force_login(clerk)
    assert client.get(url("teams:team_detail", team.pk)).context["collaborator_form"] is None
    response = client.post(url("teams:collaborator_add", team.pk), {"person": volunteer.pk, "joined_on": "2022-11-01"})
    assert response.status_code == 200
    assert response.context["collaborator_form"] is None
    assert not Collaborator.objects.exists()


def test_the_clerk_ends_a_collaboration(client, clerk, village_team, day):
    collaborator = factories_collaborator(village_team, day)
    client.force_login(clerk)
    end = url("teams:collaborator_end", village_team.pk, collaborator.pk)
    assert client.post(end, {"left_on": "2022-12-31"}).status_code == 302
    collaborator.refresh_from_db()
    assert collaborator.left_on == datetime.date(2022, 12, 31)
    assert client.post(end, {"left_on": "2023-01-31"}).status_code == 404


def test_a_collaboration_cannot_end_before_it_began(client, clerk, village_team, day):
    collaborator = factories_collaborator(village_team, day)
    client.force_login(clerk)
    response = client.post(
        url("teams:collaborator_end", village_team.pk, collaborator.pk), {"left_on": "2022-01-01"}, follow=True
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    collaborator.refresh_from_db()
    assert collaborator.left_on is None


def test_a_post_without_the_csrf_token_is_refused(clerk, commune, village_team):
    volunteer = factories.PersonFactory(commune=commune)
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    response = client.post(
        url("teams:collaborator_add", village_team.pk), {"person": volunteer.pk, "joined_on": "2022-11-01"}
    )
    assert response.status_code == 403
    assert not Collaborator.objects.exists()


def test_changes_take_a_post(client, clerk, village_team, day):
    collaborator = factories_collaborator(village_team, day)
    client.force_login(clerk)
    assert client.get(url("teams:collaborator_add", village_team.pk)).status_code == 405
    assert client.get(url("teams:collaborator_end", village_team.pk, collaborator.pk)).status_code == 405


# Drafting a decision ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kinds"),
    [("forming", ["establish"]), ("active", ["amend", "dissolve"]), ("dissolved", [])],
)
def test_the_draft_buttons_follow_the_status(client, clerk, village_team, settings, status, kinds):
    Team.objects.filter(pk=village_team.pk).update(status=status)
    client.force_login(clerk)
    page = client.get(f"/teams/{village_team.pk}/").content.decode()
    for kind in ("establish", "amend", "dissolve"):
        link = f'href="/decisions/new/?team={village_team.pk}&amp;kind={kind}"'
        assert (link in page) == (kind in kinds)


def test_only_the_clerk_sees_the_draft_buttons(client, chairman, village_team, settings):
    client.force_login(chairman)
    assert "kind=establish" not in client.get(f"/teams/{village_team.pk}/").content.decode()
