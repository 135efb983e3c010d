"""The team page of the admin: the composition rules on the membership inline.

Every test drives the admin through the test client as a superuser, with Vietnamese
active. The catalogue may not exist yet, so the tests compare the errors the page shows
with the messages ``teams.rules`` produces in the same language, never with fixed text.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from decisions.models import Decision
from teams import rules
from teams.admin import ActiveMembershipFormSet, ActiveMembershipInline, MembershipHistoryInline
from teams.models import Membership, Person, Role, Team
from teams.services import membership_add, membership_end
from tests import factories

DAY = datetime.date(2022, 10, 4)
LATER = datetime.date(2023, 3, 1)
ROLES = (Role.LEADER, Role.DEPUTY, Role.MEMBER)


# Helpers: post back the page a browser shows, with the changes a clerk makes ---------------


def post_data(response) -> dict:
    """What a browser posts back for the admin form in ``response`` when nothing is changed."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            data[form.add_prefix(name)] = value
    return data


def prefix(response, inline_class) -> str:
    return next(i.formset.prefix for i in response.context["inline_admin_formsets"] if isinstance(i.opts, inline_class))


def set_row(data: dict, response, index: int, inline_class=ActiveMembershipInline, **fields) -> None:
    """Fill row ``index`` of an inline, adding the row if the page did not show it."""
    name = prefix(response, inline_class)
    for field, value in fields.items():
        data[f"{name}-{index}-{field}"] = value
    total = f"{name}-TOTAL_FORMS"
    data[total] = max(int(data[total]), index + 1)


def shown_errors(response) -> list[str]:
    """Every error of the re-displayed page: the team form's and each inline's."""
    assert response.status_code == 200, "the page was expected to come back with errors"
    found = []
    for entry in response.context["errors"]:  # strings (formset errors) and lists (form errors)
        found += [entry] if isinstance(entry, str) else [str(message) for message in entry]
    return found


def messages_vi(check, *args) -> list[str]:
    with translation.override("vi"):
        return [v.message for v in check(*args)]


def seat(person, role):
    return rules.Seat.of(person=person, role=role)


def add_url():
    return reverse("admin:teams_team_add")


def change_url(team):
    return reverse("admin:teams_team_change", args=[team.pk])


@pytest.fixture
def full_team(village_team, village_people):
    for person, role in zip(village_people, ROLES, strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=DAY)
    return village_team


def active(team):
    return sorted(team.active_memberships().values_list("person__full_name", "role", "seat"))


# Structural rules: refused, and nothing is stored ------------------------------------------


def test_it_rejects_a_fourth_member_and_saves_nothing(admin_client, full_team, village_people, commune):
    fourth = factories.PersonFactory(commune=commune)
    before = active(full_team)
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    set_row(data, page, 3, person=fourth.pk, role=Role.MEMBER, start_date=LATER.isoformat())

    response = admin_client.post(change_url(full_team), data)

    composition = [*(seat(p, r) for p, r in zip(village_people, ROLES, strict=True)), seat(fourth, Role.MEMBER)]
    assert messages_vi(rules.structural_violations, composition)[0] in shown_errors(response)
    assert active(full_team) == before
    assert not Membership.objects.filter(person=fourth).exists()


def test_it_rejects_a_second_leader(admin_client, village_team, village_people):
    membership_add(team=village_team, person=village_people[0], role=Role.LEADER, start_date=DAY)
    page = admin_client.get(change_url(village_team))
    data = post_data(page)
    set_row(data, page, 1, person=village_people[1].pk, role=Role.LEADER, start_date=DAY.isoformat())

    response = admin_client.post(change_url(village_team), data)

    composition = [seat(village_people[0], Role.LEADER), seat(village_people[1], Role.LEADER)]
    assert set(messages_vi(rules.structural_violations, composition)) <= set(shown_errors(response))
    assert village_team.active_memberships().count() == 1


def test_it_rejects_the_same_person_twice_on_a_new_team(admin_client, village, village_people):
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=village.commune.pk, village=village.pk, status=Team.Status.FORMING)
    leader = village_people[0]
    set_row(data, page, 0, person=leader.pk, role=Role.LEADER, start_date=DAY.isoformat())
    set_row(data, page, 1, person=leader.pk, role=Role.MEMBER, start_date=DAY.isoformat())

    response = admin_client.post(add_url(), data)

    composition = [seat(leader, Role.LEADER), seat(leader, Role.MEMBER)]
    assert set(messages_vi(rules.structural_violations, composition)) <= set(shown_errors(response))
    assert not Team.objects.exists()
    assert not Membership.objects.exists()


def test_a_person_of_another_commune_is_refused(admin_client, full_team):
    elsewhere = factories.CommuneFactory(code=18260, name="Đức Nhân")
    outsider = factories.PersonFactory(commune=elsewhere)
    membership_end(membership=full_team.active_memberships().get(role=Role.MEMBER), end_date=LATER)
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    set_row(data, page, 2, person=outsider.pk, role=Role.MEMBER, start_date=LATER.isoformat())

    response = admin_client.post(change_url(full_team), data)

    assert shown_errors(response)
    assert not Membership.objects.filter(person=outsider).exists()


# What the inline lets a clerk do ----------------------------------------------------------


def test_a_valid_three_member_team_saves(admin_client, village, village_people):
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=village.commune.pk, village=village.pk, status=Team.Status.FORMING)
    for index, (person, role) in enumerate(zip(village_people, ROLES, strict=True)):
        set_row(data, page, index, person=person.pk, role=role, start_date=DAY.isoformat())

    response = admin_client.post(add_url(), data)

    assert response.status_code == 302
    team = Team.objects.get()
    assert team.level == Team.Level.VILLAGE
    assert active(team) == sorted(
        (p.full_name, r, seat_no) for seat_no, (p, r) in enumerate(zip(village_people, ROLES, strict=True), 1)
    )
    assert team.memberships.get(role=Role.LEADER).position == village_people[0].position


def test_an_incomplete_team_saves_and_its_page_says_what_it_lacks(admin_client, village, village_people):
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=village.commune.pk, village=village.pk, status=Team.Status.FORMING)
    set_row(data, page, 0, person=village_people[0].pk, role=Role.LEADER, start_date=DAY.isoformat())

    response = admin_client.post(add_url(), data, follow=True)

    team = Team.objects.get()
    assert team.active_memberships().count() == 1
    missing = messages_vi(rules.completeness_violations, team.level, [seat(village_people[0], Role.LEADER)])
    page = admin_client.get(change_url(team))
    assert all(message in page.content.decode() for message in missing)
    assert [m.level_tag for m in response.context["messages"]].count("warning") == 1


def test_leader_and_deputy_can_swap_roles_in_one_submission(admin_client, full_team, village_people):
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    name = prefix(page, ActiveMembershipInline)
    rows = {data[f"{name}-{i}-role"]: i for i in range(3)}
    data[f"{name}-{rows[Role.LEADER]}-role"] = Role.DEPUTY
    data[f"{name}-{rows[Role.DEPUTY]}-role"] = Role.LEADER
    data["departure_reason"] = "Theo đề nghị của thôn."

    response = admin_client.post(change_url(full_team), data)

    assert response.status_code == 302
    roles = dict(full_team.active_memberships().values_list("person_id", "role"))
    assert roles[village_people[0].pk] == Role.DEPUTY
    assert roles[village_people[1].pk] == Role.LEADER


def test_ending_a_member_and_seating_a_replacement_in_one_submission(admin_client, full_team, commune):
    replacement = factories.PersonFactory(commune=commune, office=Person.Office.HEALTH_WORKER)
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    name = prefix(page, ActiveMembershipInline)
    member_row = next(i for i in range(3) if data[f"{name}-{i}-role"] == Role.MEMBER)
    data[f"{name}-{member_row}-end_date"] = LATER.isoformat()
    set_row(data, page, 3, person=replacement.pk, role=Role.MEMBER, start_date=LATER.isoformat())

    response = admin_client.post(change_url(full_team), data)

    assert response.status_code == 302
    assert full_team.active_memberships().count() == 3
    assert full_team.active_memberships().filter(person=replacement).exists()
    assert full_team.memberships.filter(end_date=LATER).count() == 1


# History stays as it is ------------------------------------------------------------------


@pytest.fixture
def ended(full_team):
    return membership_end(membership=full_team.active_memberships().get(role=Role.MEMBER), end_date=LATER)


def stored(membership):
    return Membership.objects.filter(pk=membership.pk).values("person", "role", "position", "end_date").get()


def test_an_ended_membership_is_shown_without_editable_fields(admin_client, full_team, ended):
    page = admin_client.get(change_url(full_team))

    history = next(
        i.formset for i in page.context["inline_admin_formsets"] if isinstance(i.opts, MembershipHistoryInline)
    )
    assert [form.instance.pk for form in history.forms] == [ended.pk]
    assert not {"person", "role", "position", "start_date", "end_date"} & set(history.forms[0].fields)
    assert not history.can_delete


def test_an_ended_membership_cannot_be_changed_through_the_inline(admin_client, full_team, ended):
    before = stored(ended)
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    history = prefix(page, MembershipHistoryInline)
    data.update(
        {f"{history}-0-role": Role.LEADER, f"{history}-0-end_date": "", f"{history}-0-DELETE": "on"},
    )

    admin_client.post(change_url(full_team), data)

    assert stored(ended) == before


def test_an_ended_membership_slipped_into_the_active_rows_is_ignored(admin_client, full_team, ended):
    before = stored(ended)
    count = Membership.objects.count()
    page = admin_client.get(change_url(full_team))
    data = post_data(page)
    name = prefix(page, ActiveMembershipInline)
    data[f"{name}-INITIAL_FORMS"] = 3
    set_row(data, page, 2, id=ended.pk, person=ended.person_id, role=Role.MEMBER, start_date=DAY.isoformat())
    data[f"{name}-2-end_date"] = ""

    admin_client.post(change_url(full_team), data)

    assert stored(ended) == before
    assert Membership.objects.count() == count


def test_a_membership_given_by_a_decision_is_not_offered_for_deletion(admin_client, full_team, commune):
    decision = Decision.objects.create(
        commune=commune,
        team=full_team,
        kind=Decision.Kind.ESTABLISH,
        subject="Thành lập Tổ",
        proposer="Xét đề nghị",
        article1="Điều 1",
        article2="Điều 2",
        article3="Điều 3",
        recipients="Như Điều 3",
    )
    full_team.memberships.update(started_by=decision)
    page = admin_client.get(change_url(full_team))
    active_rows = next(
        i.formset for i in page.context["inline_admin_formsets"] if isinstance(i.opts, ActiveMembershipInline)
    )
    assert all(form.fields["DELETE"].disabled for form in active_rows.forms)
    data = post_data(page)
    name = prefix(page, ActiveMembershipInline)
    data[f"{name}-0-DELETE"] = "on"

    response = admin_client.post(change_url(full_team), data)

    assert response.status_code == 302
    assert full_team.active_memberships().count() == 3


# Advisory rules: a departure needs a written reason ---------------------------------------


@pytest.fixture
def departing_team_post(admin_client, village, village_people):
    """A new village team led by the teacher rather than the village head."""
    head, youth_secretary, teacher = village_people
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=village.commune.pk, village=village.pk, status=Team.Status.FORMING)
    rows = [(teacher, Role.LEADER), (youth_secretary, Role.DEPUTY), (head, Role.MEMBER)]
    for index, (person, role) in enumerate(rows):
        set_row(data, page, index, person=person.pk, role=role, start_date=DAY.isoformat())
    return data, [seat(person, role) for person, role in rows]


def test_a_departure_without_a_reason_is_refused(admin_client, departing_team_post):
    data, composition = departing_team_post

    response = admin_client.post(add_url(), data)

    departures = messages_vi(rules.advisory_departures, Team.Level.VILLAGE, composition)
    assert departures
    assert set(departures) <= set(shown_errors(response))
    assert not Team.objects.exists()


def test_a_departure_with_a_reason_is_accepted(admin_client, departing_team_post):
    data, _ = departing_team_post
    data["departure_reason"] = "Trưởng thôn mới nhận nhiệm vụ; giáo viên có kinh nghiệm hơn."

    response = admin_client.post(add_url(), data)

    assert response.status_code == 302
    team = Team.objects.get()
    assert team.departure_reason.startswith("Trưởng thôn")
    assert team.active_memberships().count() == 3


# No refusal becomes a server error ---------------------------------------------------------


@pytest.mark.parametrize("refusal", [IntegrityError("race"), ValidationError("Không lưu được.")])
def test_a_refusal_at_save_time_becomes_a_message(admin_client, village, village_people, monkeypatch, refusal):
    def refuse(self, commit=True):
        raise refusal

    monkeypatch.setattr(ActiveMembershipFormSet, "save", refuse)
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=village.commune.pk, village=village.pk, status=Team.Status.FORMING)
    set_row(data, page, 0, person=village_people[0].pk, role=Role.LEADER, start_date=DAY.isoformat())

    response = admin_client.post(add_url(), data, follow=True)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Team.objects.exists()


def test_a_second_live_commune_team_is_refused_on_the_form(admin_client, commune):
    factories.CommuneTeamFactory(commune=commune)
    page = admin_client.get(add_url())
    data = post_data(page)
    data.update(commune=commune.pk, status=Team.Status.FORMING)

    response = admin_client.post(add_url(), data)

    assert shown_errors(response)
    assert Team.objects.count() == 1
