"""The villages page: each village with its team, the commune team, adding villages and setting up teams."""

import unicodedata

import pytest

from teams import services
from teams.models import Team, Village
from tests import factories
from tests.web import district_officer_of, other_commune, team_leader_of, url

pytestmark = pytest.mark.django_db

LIST = url("teams:village_list")
ADD = url("teams:village_create")
SET_UP = url("teams:team_create")


def seat(team, people, day):
    for person, role in zip(people, ["leader", "deputy", "member"], strict=True):
        services.membership_add(team=team, person=person, role=role, start_date=day)


def test_it_lists_each_village_with_its_team_and_members(client, clerk, village_team, village_people, day):
    seat(village_team, village_people, day)
    factories.VillageFactory(commune=village_team.commune, name="Trung Hà")
    client.force_login(clerk)
    response = client.get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thôn Đông Thái" in page and "Thôn Trung Hà" in page
    assert "Nguyễn Xuân Vinh" in page and "Mai Thị Hằng" in page
    assert "being set up" in page and "no team" in page
    assert url("teams:team_detail", village_team.pk) in page


def test_it_shows_since_when_an_active_team_works(client, clerk, village_team, day):
    Team.objects.filter(pk=village_team.pk).update(status=Team.Status.ACTIVE, established_on=day)
    client.force_login(clerk)
    assert "active since 04/10/2022" in client.get(LIST).content.decode()


def test_it_shows_the_commune_team_at_the_top(client, clerk, commune, day):
    team = factories.CommuneTeamFactory(commune=commune)
    client.force_login(clerk)
    page = client.get(LIST).content.decode()
    assert "Tổ chuyển đổi số cộng đồng xã Tùng Ảnh" in page
    assert page.index("Tổ chuyển đổi số cộng đồng xã Tùng Ảnh") < page.index('id="villages-h"')
    assert url("teams:team_detail", team.pk) in page


def test_the_clerk_sees_the_edit_controls(client, clerk, village):
    client.force_login(clerk)
    page = client.get(LIST).content.decode()
    assert ADD in page and SET_UP in page


def test_a_chairman_reads_without_edit_controls(client, chairman, village):
    client.force_login(chairman)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Thôn Đông Thái" in response.content.decode()
    assert ADD not in response.content.decode() and SET_UP not in response.content.decode()


def test_a_district_officer_reads_every_commune_of_the_district(client, village):
    elsewhere = other_commune()
    officer = district_officer_of(village.commune)
    client.force_login(officer)
    response = client.get(LIST)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thôn Đông Thái" in page and "Thôn Bắc Sơn" in page
    assert ADD not in page and SET_UP not in page
    filtered = client.get(LIST, {"commune": elsewhere["commune"].pk}).content.decode()
    assert "Thôn Bắc Sơn" in filtered and "Thôn Đông Thái" not in filtered


def test_a_district_officer_may_not_add_or_set_up(client, village):
    client.force_login(district_officer_of(village.commune))
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"type_word": "thôn", "name": "Mới"}).status_code == 403
    assert client.post(SET_UP, {"village": village.pk}).status_code == 403
    assert not Village.objects.filter(name="Mới").exists()
    assert not Team.objects.exists()


def test_a_clerk_of_another_commune_sees_none_of_its_villages(client, village):
    elsewhere = other_commune()
    client.force_login(elsewhere["clerk"])
    page = client.get(LIST).content.decode()
    assert "Thôn Bắc Sơn" in page
    assert "Đông Thái" not in page


def test_a_clerk_of_another_commune_cannot_set_up_a_team_here(client, village):
    elsewhere = other_commune()
    client.force_login(elsewhere["clerk"])
    assert client.post(SET_UP, {"village": village.pk}).status_code == 404
    assert client.post(SET_UP, {"village": "nonsense"}).status_code == 404
    assert not Team.objects.filter(village=village).exists()


def test_a_team_leader_sees_only_the_village_of_their_team(client, commune, village_team, village_people, day):
    seat(village_team, village_people, day)
    factories.VillageFactory(commune=commune, name="Trung Hà")
    client.force_login(team_leader_of(village_team, village_people[0]))
    page = client.get(LIST).content.decode()
    assert "Thôn Đông Thái" in page and "Trung Hà" not in page


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(url("login"))
    assert client.post(SET_UP).status_code == 302


def test_it_pages_by_25(client, clerk, commune):
    factories.VillageFactory.create_batch(30, commune=commune)
    client.force_login(clerk)
    assert len(client.get(LIST).context["page_obj"]) == 25
    assert len(client.get(LIST, {"page": 2}).context["page_obj"]) == 5


# Adding a village ------------------------------------------------------------------------


def test_the_clerk_adds_a_village_to_their_commune(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(ADD, {"type_word": "xóm", "name": "  Hạ Tứ  "})
    assert response.status_code == 302
    village = Village.objects.get(name="Hạ Tứ")
    assert village.commune == commune and village.type_word == "xóm"


def test_the_clerk_enters_the_villages_households_and_the_list_shows_them(client, clerk, commune):
    client.force_login(clerk)
    client.post(ADD, {"type_word": "thôn", "name": "Hạ Tứ", "households": "352"})
    client.post(ADD, {"type_word": "thôn", "name": "Trung Hà", "households": ""})
    stored = dict(Village.objects.values_list("name", "households"))
    assert stored == {"Hạ Tứ": 352, "Trung Hà": None}
    page = client.get(LIST).content.decode()
    assert (
        '<td class="text-end" data-label="Households">352</td>' in page
        and '<td class="text-end" data-label="Households">—</td>' in page
    )


@pytest.mark.parametrize(
    ("households", "message"),
    [
        ("-5", "Ensure this value is greater than or equal to 0."),
        ("100001", "A village has at most 100000 households: check the figure."),
        ("many", "Enter a whole number."),
    ],
)
def test_a_household_count_below_zero_or_absurd_is_refused(client, clerk, households, message):
    client.force_login(clerk)
    response = client.post(ADD, {"type_word": "thôn", "name": "Hạ Tứ", "households": households})
    assert response.status_code == 200
    assert response.context["form"].errors == {"households": [message]}
    assert message in response.content.decode()
    assert not Village.objects.exists()


def test_a_village_name_is_stored_nfc(client, clerk):
    client.force_login(clerk)
    client.post(ADD, {"type_word": "thôn", "name": unicodedata.normalize("NFD", "Đông Thịnh")})
    village = Village.objects.get()
    assert village.name == unicodedata.normalize("NFC", "Đông Thịnh")


def test_a_duplicate_village_is_refused_next_to_the_name(client, clerk, village):
    client.force_login(clerk)
    response = client.post(ADD, {"type_word": "thôn", "name": "Đông Thái"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["This commune already has a village of that name."]
    assert Village.objects.count() == 1


def test_a_village_without_a_name_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post(ADD, {"type_word": "thôn", "name": "   "})
    assert "name" in response.context["form"].errors
    assert not Village.objects.exists()


def test_markup_in_a_village_name_is_shown_as_text(client, clerk):
    client.force_login(clerk)
    client.post(ADD, {"type_word": "thôn", "name": "<script>alert(1)</script>"})
    assert Village.objects.get().name == "<script>alert(1)</script>"
    page = client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Editing a village ---------------------------------------------------------------------


def edit(village) -> str:
    return url("teams:village_update", village.pk)


def test_the_clerk_enters_the_households_of_a_village_already_kept(client, clerk, village):
    client.force_login(clerk)
    assert edit(village) in client.get(LIST).content.decode()
    form = client.get(edit(village))
    assert form.status_code == 200 and "Edit thôn Đông Thái" in form.content.decode()
    response = client.post(edit(village), {"type_word": "thôn", "name": "Đông Thái", "households": "412"})
    assert response.status_code == 302 and response["Location"] == LIST
    village.refresh_from_db()
    assert (village.name, village.households) == ("Đông Thái", 412)
    assert '<td class="text-end" data-label="Households">412</td>' in client.get(LIST).content.decode()


def test_a_refused_edit_changes_nothing_and_keeps_the_stored_name_in_the_heading(client, clerk, village, commune):
    factories.VillageFactory(commune=commune, name="Thông Tự")
    client.force_login(clerk)
    response = client.post(edit(village), {"type_word": "thôn", "name": "Thông Tự", "households": "-1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["households"] == ["Ensure this value is greater than or equal to 0."]
    assert errors["name"] == ["This commune already has a village of that name."]
    assert "Edit thôn Đông Thái" in response.content.decode()
    village.refresh_from_db()
    assert (village.name, village.households) == ("Đông Thái", None)


def test_only_the_communes_clerk_edits_its_villages(client, chairman, village):
    data = {"type_word": "thôn", "name": "Đổi tên", "households": "5"}
    client.force_login(chairman)
    assert edit(village) not in client.get(LIST).content.decode()
    assert client.post(edit(village), data).status_code == 403
    client.force_login(district_officer_of(village.commune))
    assert client.post(edit(village), data).status_code == 403
    client.force_login(other_commune()["clerk"])
    assert client.get(edit(village)).status_code == 404
    assert client.post(edit(village), data).status_code == 404
    village.refresh_from_db()
    assert (village.name, village.households) == ("Đông Thái", None)


# Setting up a team ---------------------------------------------------------------------


def test_the_clerk_sets_up_a_team_for_a_village(client, clerk, village):
    client.force_login(clerk)
    response = client.post(SET_UP, {"village": village.pk})
    team = Team.objects.get(village=village)
    assert response.status_code == 302
    assert response.url == url("teams:team_detail", team.pk)
    assert team.status == Team.Status.FORMING and team.level == Team.Level.VILLAGE


def test_the_clerk_sets_up_the_commune_team(client, clerk, commune):
    client.force_login(clerk)
    client.post(SET_UP)
    team = Team.objects.get()
    assert team.level == Team.Level.COMMUNE and team.commune == commune


def test_a_second_live_team_for_a_village_is_refused(client, clerk, village_team):
    client.force_login(clerk)
    response = client.post(SET_UP, {"village": village_team.village.pk}, follow=True)
    assert "This village already has a team that is not dissolved." in response.content.decode()
    assert Team.objects.count() == 1


def test_setting_up_a_team_takes_a_post(client, clerk, village):
    client.force_login(clerk)
    assert client.get(SET_UP).status_code == 405


def test_a_household_count_in_another_scripts_digits_is_refused(client, clerk, commune):
    client.force_login(clerk)
    response = client.post(ADD, {"type_word": "thôn", "name": "Yên Hồ", "households": "٣٠٠"})
    assert list(response.context["form"].errors) == ["households"]
    assert not commune.villages.filter(name="Yên Hồ").exists()
