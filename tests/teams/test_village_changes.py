"""A village renamed or merged by a council resolution, as a dated event (issue 10, part 2):
the service, the database guard, and the clerk's page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction

from teams import village_changes
from teams.models import Person, Team, Village, VillageChange
from teams.services import team_create
from tests import factories
from tests.decisions.helpers import issued
from tests.web import url

ON = datetime.date(2026, 3, 20)
BASIS = "Nghị quyết số 05/NQ-HĐND ngày 20/3/2026 của Hội đồng nhân dân xã"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def other(commune):
    return factories.VillageFactory(commune=commune, name="Thông Tự")


# Rename ---------------------------------------------------------------------------------------------


def test_a_rename_keeps_the_old_name_in_history(village, clerk):
    change = village_changes.village_rename(
        village=village, type_word="tổ dân phố", name="Đông Thái 1", on=ON, legal_basis=BASIS, by=clerk
    )
    village.refresh_from_db()
    assert village.full_name == "tổ dân phố Đông Thái 1"
    assert (change.kind, change.old_full_name, change.recorded_by) == ("rename", "thôn Đông Thái", clerk)
    assert village_changes.name_on(village, ON - datetime.timedelta(days=1)) == "thôn Đông Thái"
    assert village_changes.name_on(village, ON) == "tổ dân phố Đông Thái 1"


def test_two_renames_give_each_day_its_name(village, clerk):
    village_changes.village_rename(village=village, type_word="thôn", name="A", on=ON, legal_basis=BASIS)
    village_changes.village_rename(
        village=village, type_word="thôn", name="B", on=ON + datetime.timedelta(days=30), legal_basis=BASIS
    )
    assert village_changes.name_on(village, ON - datetime.timedelta(days=1)) == "thôn Đông Thái"
    assert village_changes.name_on(village, ON + datetime.timedelta(days=1)) == "thôn A"
    assert village_changes.name_on(village, ON + datetime.timedelta(days=31)) == "thôn B"


def test_a_team_decision_issued_before_a_rename_keeps_the_name_it_printed(
    village, village_team, village_people, clerk, chairman
):
    decision = issued(
        team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=datetime.date(2025, 10, 1)
    )
    village_changes.village_rename(village=village, type_word="thôn", name="Đông Thái Mới", on=ON, legal_basis=BASIS)
    decision.refresh_from_db()
    assert decision.subject == "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"
    village_team.refresh_from_db()
    assert village_team.name == "Tổ chuyển đổi số cộng đồng thôn Đông Thái Mới"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "Đông Thái"}, "The new name is the name the village already has."),
        ({"name": "Thông Tự"}, "This commune already has a village of that name."),
        ({"legal_basis": "  "}, "Give the council's resolution that decided the change."),
    ],
)
def test_a_rename_is_refused_with_a_reason_and_changes_nothing(village, other, changes, message):
    fields = {"type_word": "thôn", "name": "Mới", "on": ON, "legal_basis": BASIS, **changes}
    with pytest.raises(ValidationError) as exc:
        village_changes.village_rename(village=village, **fields)
    assert message in exc.value.messages
    village.refresh_from_db()
    assert village.name == "Đông Thái" and not VillageChange.objects.exists()


def test_a_change_dated_on_or_before_the_last_one_is_refused(village):
    village_changes.village_rename(village=village, type_word="thôn", name="A", on=ON, legal_basis=BASIS)
    with pytest.raises(ValidationError, match="already changed on 20/03/2026"):
        village_changes.village_rename(village=village, type_word="thôn", name="B", on=ON, legal_basis=BASIS)


# Merge ---------------------------------------------------------------------------------------------


def test_a_merge_passes_the_people_and_ends_the_village(commune, village, other, clerk):
    people = factories.PersonFactory.create_batch(2, commune=commune, village=village)
    change = village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS, by=clerk)
    village.refresh_from_db()
    assert village.ceased_on == ON and village.full_name == "thôn Đông Thái"
    assert change.merged_into == other
    assert set(Person.objects.filter(village=other)) == set(people)
    assert list(other.merged_from.all()) == [change]


def test_a_merge_is_refused_while_the_village_has_a_live_team(village, other, village_team):
    with pytest.raises(ValidationError, match="dissolve it by a decision"):
        village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS)
    village.refresh_from_db()
    assert village.ceased_on is None and not VillageChange.objects.exists()


def test_a_village_merges_only_into_another_live_village_of_its_commune(commune, village, other):
    stranger = factories.VillageFactory(commune=factories.CommuneFactory(code=18280, name="Hòa Lạc"), name="Xóm 1")
    with pytest.raises(ValidationError, match="same commune"):
        village_changes.village_merge(village=village, into=stranger, on=ON, legal_basis=BASIS)
    with pytest.raises(ValidationError, match="not merged into itself"):
        village_changes.village_merge(village=village, into=village, on=ON, legal_basis=BASIS)
    village_changes.village_merge(village=other, into=village, on=ON, legal_basis=BASIS)
    with pytest.raises(ValidationError, match="cannot change any more"):
        village_changes.village_merge(
            village=village, into=other, on=ON + datetime.timedelta(days=1), legal_basis=BASIS
        )
    with pytest.raises(ValidationError, match="cannot change any more"):
        village_changes.village_rename(
            village=other, type_word="thôn", name="Khác", on=ON + datetime.timedelta(days=1), legal_basis=BASIS
        )


def test_no_team_is_set_up_for_a_merged_village(commune, village, other):
    village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS)
    village.refresh_from_db()
    with pytest.raises(ValidationError, match="merged into another"):
        team_create(commune=commune, village=village)
    assert not Team.objects.filter(village=village).exists()


# The database keeps the history ----------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_a_recorded_change(village):
    village_changes.village_rename(village=village, type_word="thôn", name="A", on=ON, legal_basis=BASIS)
    with pytest.raises(DatabaseError, match="history|ceased"), transaction.atomic():
        VillageChange.objects.update(old_name="Khác")
    with pytest.raises(DatabaseError, match="history|ceased"), transaction.atomic():
        VillageChange.objects.all().delete()
    assert VillageChange.objects.get().old_name == "Đông Thái"


def test_the_database_keeps_the_name_and_day_of_a_merged_village(village, other):
    village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS)
    for sql in (
        "UPDATE teams_village SET name = 'Khác' WHERE id = %s",
        "UPDATE teams_village SET ceased_on = NULL WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="history|ceased"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [village.pk])
    Village.objects.filter(pk=other.pk).update(households=120)  # a live village still changes


def test_the_database_refuses_a_rename_without_a_new_name(village):
    with pytest.raises(IntegrityError), transaction.atomic():
        VillageChange.objects.create(
            village=village, kind="rename", on=ON, old_type_word="thôn", old_name="Đông Thái", legal_basis=BASIS
        )


# The clerk's page --------------------------------------------------------------------------------


def test_the_clerk_renames_a_village_from_its_page_and_reads_the_history(client, clerk, village):
    client.force_login(clerk)
    page = client.get(url("teams:village_update", village.pk)).content.decode()
    assert "Rename by a council resolution" in page and "No rename or merge recorded." in page
    data = {"type_word": "thôn", "name": "Đông Thái Mới", "on": "2026-03-20", "legal_basis": BASIS}
    response = client.post(url("teams:village_rename", village.pk), data, follow=True)
    page = response.content.decode()
    assert "thôn Đông Thái is called thôn Đông Thái Mới from 20/03/2026." in page
    assert "thôn Đông Thái renamed thôn Đông Thái Mới" in page and BASIS in page


def test_a_refused_merge_shows_the_reason_on_the_page_and_changes_nothing(client, clerk, village, other, village_team):
    client.force_login(clerk)
    data = {"into": other.pk, "on": "2026-03-20", "legal_basis": BASIS}
    response = client.post(url("teams:village_merge", village.pk), data)
    assert response.status_code == 200
    assert "is not dissolved: dissolve it by a decision before the village is merged." in response.content.decode()
    village.refresh_from_db()
    assert village.ceased_on is None


def test_a_merged_village_is_read_only_and_marked_in_the_list(client, clerk, village, other):
    village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS)
    client.force_login(clerk)
    page = client.get(url("teams:village_update", village.pk)).content.decode()
    assert "its history can be read, not changed" in page
    assert "Merge into another village" not in page and 'name="households"' not in page
    assert client.post(url("teams:village_update", village.pk), {"name": "X", "type_word": "thôn"}).status_code == 403
    listing = client.get(url("teams:village_list")).content.decode()
    assert "merged into another village on 20/03/2026" in listing


@pytest.mark.parametrize("name", ["teams:village_rename", "teams:village_merge"])
def test_only_the_clerk_records_a_change(client, chairman, village, name):
    client.force_login(chairman)
    assert client.post(url(name, village.pk), {"legal_basis": BASIS}).status_code == 403
    assert not VillageChange.objects.exists()


def test_a_merged_village_refuses_any_edit_by_any_path(village, other):
    """The model says it, so the admin and the pages alike: not only the page's 403."""
    village_changes.village_merge(village=village, into=other, on=ON, legal_basis=BASIS)
    village.refresh_from_db()
    village.households = 120
    with pytest.raises(ValidationError, match="merged into another"):
        village.full_clean()
    other.households = 120
    other.full_clean()  # a live village is edited as before
