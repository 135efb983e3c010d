"""The history of changes on a team's and a person's page reads as a person would say it.

Only the fields that changed, each under its label, with values in words: a choice by its
label, a village by its name, a day as dd/mm/yyyy, yes or no, "(empty)" for nothing. The
issue found "Liên kết nhóm Zalo: — → —" (a blank field recorded from None to "").
"""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from teams import selectors
from teams.models import Phase, Reform, Team
from tests import factories
from tests.web import url

pytestmark = pytest.mark.django_db


def history(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.context["history"], response.content.decode()


def changes(record) -> list[tuple[str, str | None, str | None]]:
    return [(c.label, c.old, c.new) for c in record.changes]


def test_a_team_set_up_on_the_page_lists_only_what_it_was_given(client, clerk, village):
    client.force_login(clerk)
    client.post(url("teams:team_create"), {"village": village.pk})
    team = Team.objects.get(village=village)
    records, page = history(client, url("teams:team_detail", team.pk))
    created = changes(records[0])
    assert records[0].action == "created"
    assert dict((label, new) for label, _old, new in created) == {
        "commune": "xã Tùng Ảnh",
        "village": "thôn Đông Thái",
        "level": "village team",
        "status": "being set up",
        "name of a team": team.designation,
    }
    assert all(old is None for _label, old, _new in created)  # nothing before a creation
    assert "Zalo group link" not in page and "(empty)" not in page and "— → —" not in page
    assert "Commune</span>: xã Tùng Ảnh" in page  # the label capitalised, the value alone


def test_a_blank_field_going_from_nothing_to_nothing_is_not_listed(client, clerk, village_team):
    entry = LogEntry.objects.log_create(
        village_team,
        action=LogEntry.Action.UPDATE,
        changes={"zalo_url": ["None", ""], "established_on": ["None", "2022-10-04"]},
    )
    assert entry is not None
    client.force_login(clerk)
    records, page = history(client, url("teams:team_detail", village_team.pk))
    assert changes(records[0]) == [("established on", "(empty)", "04/10/2022")]
    assert "Zalo group link" not in page and "(empty) → 04/10/2022" in page


def test_an_edit_lists_only_the_fields_it_changed_in_words(client, clerk, commune, village):
    person = factories.PersonFactory(commune=commune, full_name="Đinh Văn Bốn", phone="", birth_year=None)
    client.force_login(clerk)
    client.post(
        url("teams:person_update", person.pk),
        {
            "full_name": "Đinh Văn Bốn",
            "gender": "female",
            "birth_year": "1990",
            "phone": "",
            "position": person.position,
            "office": "teacher",
            "village": village.pk,
        },
    )
    records, page = history(client, url("teams:person_detail", person.pk))
    assert records[0].action == "changed"
    assert sorted(changes(records[0])) == [
        ("birth year", "(empty)", "1990"),
        ("gender", "male", "female"),
        ("office", "Resident", "Teacher"),
        ("village of residence or work", "(empty)", "thôn Đông Thái"),
    ]
    assert "Phone" not in page.split("History of changes")[1]


def test_a_collaborator_joining_shows_the_day_as_people_write_it(client, clerk, commune, village_team):
    volunteer = factories.PersonFactory(commune=commune, full_name="Đặng Văn Tình")
    client.force_login(clerk)
    client.post(url("teams:collaborator_add", village_team.pk), {"person": volunteer.pk, "joined_on": "2022-11-01"})
    records, page = history(client, url("teams:team_detail", village_team.pk))
    joined = dict((label, new) for label, _old, new in changes(records[0]))
    assert joined["joined on"] == "01/11/2022" and joined["person"] == "Đặng Văn Tình"
    assert "note" not in joined and "left on" not in joined
    assert "01/11/2022" in page and "2022-11-01" not in page


def test_yes_no_days_and_moments_are_said_in_words():
    """The plans' history (no page shows it yet) is read with the same words."""
    required = Phase._meta.get_field("commune_team_required")
    assert [selectors._shown(required, value, {}) for value in ("False", "True", "None")] == ["No", "Yes", "(empty)"]
    assert selectors._shown(Team._meta.get_field("established_on"), "2025-07-01", {}) == "01/07/2025"
    applied_at = Reform._meta.get_field("applied_at")
    moment = datetime.datetime(2025, 6, 30, 17, 30)  # as auditlog stores it: UTC, no offset
    local = timezone.localtime(timezone.make_aware(moment, datetime.UTC))
    assert selectors._shown(applied_at, str(moment), {}) == local.strftime("%d/%m/%Y %H:%M") == "01/07/2025 00:30"
    assert selectors._shown(applied_at, "not a moment", {}) == "not a moment"


@pytest.fixture
def vietnamese_pages(settings):
    settings.LANGUAGE_CODE = "vi"


def test_the_history_reads_in_vietnamese(client, clerk, village_team, vietnamese_pages):
    client.force_login(clerk)
    client.post(url("teams:team_update", village_team.pk), {"zalo_url": "https://zalo.me/g/moi"})
    LogEntry.objects.log_create(village_team, action=LogEntry.Action.UPDATE, changes={"zalo_url": ["None", ""]})
    _records, page = history(client, url("teams:team_detail", village_team.pk))
    assert "Liên kết nhóm Zalo</span>: (trống) → https://zalo.me/g/moi" in page
    assert "— → —" not in page and "(trống) → (trống)" not in page
