"""Team composition set by the plan in force (issue 10, part 5): the plan's numbers are read
on the decision's date, the database keeps what holds under every plan, and a plan's
bounds cannot contradict each other."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from decisions import workflow
from documents import storage
from teams import plans, rules
from teams.models import TEAM_NAME_2022, Membership, Person, Role, Team, TeamComposition
from teams.services import membership_add, team_create
from tests import factories, pdfs
from tests.decisions.helpers import draft, issued
from tests.web import url

PLAN_DAY = datetime.date(2025, 8, 1)
AFTER = datetime.date(2025, 9, 1)
BEFORE = datetime.date(2025, 7, 1)
FIVE_ROLES = (Role.LEADER, Role.DEPUTY, Role.DEPUTY, Role.MEMBER, Role.MEMBER)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def plan_of_5(commune):
    """A 2025 plan: village teams of 3 to 5 with up to two deputies, named as since 2025."""
    plan = factories.PlanFactory(
        commune=commune, number_symbol="12/KH-UBND", issued_on=PLAN_DAY, team_name="Tổ công nghệ số cộng đồng"
    )
    TeamComposition.objects.create(
        plan=plan, level="village", members_min=3, members_max=5, deputy_required=True, deputies_max=2
    )
    return plan


@pytest.fixture
def five_people(commune, village, village_people):
    more = [
        factories.PersonFactory(commune=commune, village=village, full_name=name, position="Đoàn viên")
        for name in ("Trần Văn Bình", "Lê Thị Hoa")
    ]
    return [village_people[0], village_people[1], more[0], village_people[2], more[1]]


# The plan in force --------------------------------------------------------------------------------


def test_without_a_plan_a_commune_keeps_plan_246(commune):
    assert plans.composition_in_force(commune, "village", AFTER) == rules.PLAN_246["village"]
    assert plans.team_name_in_force(commune, AFTER) == TEAM_NAME_2022


def test_a_plan_is_in_force_from_the_day_it_was_issued(commune, plan_of_5):
    assert plans.composition_in_force(commune, "village", BEFORE) == rules.PLAN_246["village"]
    on_the_day = plans.composition_in_force(commune, "village", PLAN_DAY)
    assert (on_the_day.members_min, on_the_day.members_max, on_the_day.deputies_max) == (3, 5, 2)
    assert on_the_day.deputy_required
    assert plans.team_name_in_force(commune, BEFORE) == TEAM_NAME_2022
    assert plans.team_name_in_force(commune, PLAN_DAY) == "Tổ công nghệ số cộng đồng"


def test_a_level_the_plan_does_not_describe_keeps_plan_246(commune, plan_of_5):
    assert plans.composition_in_force(commune, "commune", AFTER) == rules.PLAN_246["commune"]


def test_another_communes_plan_does_not_apply(commune, plan_of_5):
    other = factories.CommuneFactory(code=18280, name="Hòa Lạc")
    assert plans.composition_in_force(other, "village", AFTER) == rules.PLAN_246["village"]


def test_the_latest_plan_issued_by_the_day_is_the_one_in_force(commune, plan_of_5):
    later = factories.PlanFactory(commune=commune, number_symbol="30/KH-UBND", issued_on=datetime.date(2026, 1, 5))
    TeamComposition.objects.create(plan=later, level="village", members_min=7, members_max=9)
    assert plans.composition_in_force(commune, "village", datetime.date(2025, 12, 31)).members_max == 5
    assert plans.composition_in_force(commune, "village", datetime.date(2026, 1, 5)).members_max == 9


def test_a_team_is_named_as_the_plan_in_force_when_it_is_set_up(commune, village, plan_of_5):
    older = factories.VillageFactory(commune=commune, name="Thông Tự")
    assert team_create(commune=commune, village=older, on=BEFORE).name == "Tổ chuyển đổi số cộng đồng thôn Thông Tự"
    assert team_create(commune=commune, village=village, on=AFTER).name == "Tổ công nghệ số cộng đồng thôn Đông Thái"


# The services seat as many as the plan allows -----------------------------------------------------


def test_the_service_seats_five_under_a_plan_of_five_and_refuses_a_sixth(commune, village_team, five_people, plan_of_5):
    for person, role in zip(five_people, FIVE_ROLES, strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=AFTER)
    assert village_team.active_memberships().count() == 5
    with pytest.raises(ValidationError, match="from 3 to 5"):
        membership_add(
            team=village_team, person=factories.PersonFactory(commune=commune), role="member", start_date=AFTER
        )
    assert village_team.active_memberships().count() == 5


def test_the_service_refuses_a_fourth_seat_on_a_day_plan_246_is_in_force(village_team, five_people, plan_of_5):
    for person, role in zip(five_people[:3], FIVE_ROLES[:1] + (Role.DEPUTY, Role.MEMBER), strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=BEFORE)
    with pytest.raises(ValidationError, match="exactly 3"):
        membership_add(team=village_team, person=five_people[3], role=Role.MEMBER, start_date=BEFORE)


# The database keeps what holds under every plan --------------------------------------------------


def raw(team, person, role, seat):
    Membership.objects.bulk_create([Membership(team=team, person=person, role=role, seat=seat, start_date=AFTER)])


def test_the_database_stores_two_deputies_and_a_fifth_seat(village_team, five_people):
    for seat, (person, role) in enumerate(zip(five_people, FIVE_ROLES, strict=True), start=1):
        raw(village_team, person, role, seat)
    assert village_team.active_memberships().filter(role=Role.DEPUTY).count() == 2


@pytest.mark.parametrize("seat", [0, 31])
def test_the_database_refuses_a_seat_out_of_range(village_team, village_people, seat):
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(village_team, village_people[0], Role.MEMBER, seat)


def test_the_database_still_refuses_a_second_active_leader(village_team, five_people):
    raw(village_team, five_people[0], Role.LEADER, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(village_team, five_people[1], Role.LEADER, 2)


# A plan whose bounds contradict each other is refused ---------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"members_min": 6, "members_max": 5},  # the fewest above the most
        {"members_min": 0, "members_max": 3},  # no room for a leader
        {"members_min": 1, "members_max": 31},  # beyond any team
        {"members_min": 3, "members_max": 3, "deputies_max": 3},  # only deputies, no leader
        {"members_min": 3, "members_max": 3, "deputy_required": True, "deputies_max": 0},
        {"members_min": 1, "members_max": 3, "deputy_required": True},  # a required deputy needs two seats
    ],
)
def test_the_database_refuses_contradicting_bounds(plan_of_5, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamComposition.objects.create(plan=plan_of_5, level="commune", **fields)


def test_full_clean_names_the_contradiction_and_a_stray_office(plan_of_5):
    composition = TeamComposition(plan=plan_of_5, level="commune", members_min=6, members_max=5)
    composition.member_offices = [["it_officer"], ["astronaut"]]
    with pytest.raises(ValidationError) as exc:
        composition.full_clean()
    messages = str(exc.value)
    assert "The most members cannot be fewer than the fewest" in messages
    assert "Not an office: astronaut." in messages


def test_a_level_is_described_once_per_plan(plan_of_5):
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamComposition.objects.create(plan=plan_of_5, level="village")


def test_a_plans_own_recommendation_is_advised(commune, plan_of_5):
    row = plan_of_5.compositions.get()
    row.leader_offices = [Person.Office.PARTY_CELL_SECRETARY]
    row.member_offices = [[Person.Office.TEACHER]]
    row.save()
    rule = plans.composition_in_force(commune, "village", AFTER)
    seats = [
        rules.Seat(1, Role.LEADER, Person.Office.VILLAGE_HEAD),
        rules.Seat(2, Role.DEPUTY),
        rules.Seat(3, Role.MEMBER),
    ]
    assert [v.code for v in rules.advisory_departures(rule, seats)] == ["leader_office", "member_office"]


# A decision of five members --------------------------------------------------------------------


def test_a_five_member_village_team_is_refused_under_plan_246(village_team, five_people, clerk):
    decision = draft(team=village_team, people=five_people, by=clerk, roles=FIVE_ROLES)
    with pytest.raises(ValidationError) as exc:
        workflow.decision_submit(decision=decision, by=clerk)
    assert "A team has exactly 3 active members; this composition has 5." in exc.value.messages
    assert "A team has at most 1 deputy (Tổ phó)." in exc.value.messages
    decision.refresh_from_db()
    assert decision.status == decision.Status.DRAFT


def test_a_five_member_village_team_is_issued_under_a_plan_allowing_it_and_prints_all_five(
    commune, village, five_people, clerk, chairman, plan_of_5
):
    team = team_create(commune=commune, village=village, on=AFTER)
    decision = issued(team=team, people=five_people, clerk=clerk, chairman=chairman, on=AFTER, roles=FIVE_ROLES)
    team.refresh_from_db()
    assert team.status == Team.Status.ACTIVE
    assert team.active_memberships().count() == 5
    assert decision.subject == "Về việc thành lập Tổ công nghệ số cộng đồng thôn Đông Thái"
    assert "Tổ công nghệ số cộng đồng làm việc theo chế độ kiêm nhiệm" in decision.article2
    text = " ".join(pdfs.text(storage.read(decision.pdf_sha256)).split())
    for person in five_people:
        assert person.full_name in text
    assert text.count("Tổ phó") >= 2


def test_the_plan_is_read_on_the_day_of_issuance(commune, village, five_people, clerk, chairman, plan_of_5):
    """A draft of five submitted under the plan of five cannot be issued on a day before it."""
    team = team_create(commune=commune, village=village, on=AFTER)
    decision = draft(team=team, people=five_people, by=clerk, roles=FIVE_ROLES)
    decision = workflow.decision_submit(decision=decision, by=clerk)
    with pytest.raises(ValidationError, match="exactly 3"):
        workflow.decision_issue(decision=decision, by=chairman, on=BEFORE)
    decision.refresh_from_db()
    assert decision.number is None and team.active_memberships().count() == 0


# Through the pages ---------------------------------------------------------------------------------


def compose_data(rows, roles, *, total):
    data = {
        "members-TOTAL_FORMS": str(total),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": str(total),
        "departure_reason": "Theo kế hoạch của tỉnh",
        "action": "save",
    }
    for index in range(total):
        person, role = (rows[index], roles[index]) if index < len(rows) else (None, "")
        data[f"members-{index}-person"] = person.pk if person else ""
        data[f"members-{index}-role"] = role
        data[f"members-{index}-position"] = ""
    return data


@pytest.fixture
def plan_in_force_today(commune):
    plan = factories.PlanFactory(commune=commune, number_symbol="12/KH-UBND", issued_on=PLAN_DAY)
    TeamComposition.objects.create(
        plan=plan, level="village", members_min=3, members_max=5, deputy_required=True, deputies_max=2
    )
    return plan


def test_the_compose_page_offers_a_row_more_than_the_plan_allows_and_saves_five(
    client, clerk, village_team, five_people, plan_in_force_today
):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    client.force_login(clerk)
    assert len(client.get(url("decisions:compose", decision.pk)).context["formset"].forms) == 6
    response = client.post(url("decisions:compose", decision.pk), compose_data(five_people, FIVE_ROLES, total=6))
    assert response.status_code == 302
    assert decision.members.count() == 5


def test_the_compose_page_refuses_five_under_plan_246_in_the_plans_words(client, clerk, village_team, five_people):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    client.force_login(clerk)
    assert len(client.get(url("decisions:compose", decision.pk)).context["formset"].forms) == 4
    response = client.post(
        url("decisions:compose", decision.pk),
        compose_data(five_people[:4], FIVE_ROLES[:1] + (Role.DEPUTY, Role.MEMBER, Role.MEMBER), total=4),
    )
    assert response.status_code == 200
    assert "A team has exactly 3 active members; this composition has 4." in response.content.decode()
    assert decision.members.count() == 0


def test_every_figure_and_recommendation_of_a_plans_row_is_read(commune, plan_of_5):
    row = plan_of_5.compositions.get()
    row.members_min, row.deputy_offices = 2, [Person.Office.YOUTH_BRANCH_SECRETARY]
    row.save()
    rule = plans.composition_in_force(commune, "village", AFTER)
    assert (rule.level, rule.members_min, rule.members_max, rule.deputies_max) == ("village", 2, 5, 2)
    two = [rules.Seat(1, Role.LEADER), rules.Seat(2, Role.DEPUTY, Person.Office.TEACHER)]
    assert rules.completeness_violations(rule, two) == []
    assert [v.code for v in rules.advisory_departures(rule, two)] == ["deputy_office"]
    alone = [rules.Seat(1, Role.LEADER)]
    messages = [v.message for v in rules.completeness_violations(rule, alone)]
    assert "A village team needs a deputy (Tổ phó)." in messages
