"""The compose page: up to four rows, a structural break refused on save, the rules shown as the clerk edits."""

import pytest

from decisions import workflow
from decisions.models import Decision, DecisionMember
from teams.models import Person
from tests import factories
from tests.decisions.helpers import draft, submitted
from tests.web import url

pytestmark = pytest.mark.django_db

ROWS = 4


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def compose_data(rows, *, initial: int = 0, reason: str = "", action: str = "save") -> dict:
    """What the compose form posts: ``rows`` are (person, role) or (person, role, position)."""
    data = {
        "members-TOTAL_FORMS": str(ROWS),
        "members-INITIAL_FORMS": str(initial),
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": str(ROWS),
        "departure_reason": reason,
        "action": action,
    }
    for index in range(ROWS):
        person, role, position = (*rows[index], "")[:3] if index < len(rows) else (None, "", "")
        data[f"members-{index}-person"] = person.pk if person else ""
        data[f"members-{index}-role"] = role
        data[f"members-{index}-position"] = position
    return data


def three(people):
    return list(zip(people, ("leader", "deputy", "member"), strict=True))


@pytest.fixture
def establishing(village_team, clerk):
    return workflow.decision_create(team=village_team, kind="establish", by=clerk)


@pytest.fixture
def fourth(commune, village):
    return factories.PersonFactory(commune=commune, village=village, full_name="Hồ Văn Tư", office=Person.Office.POLICE)


def test_the_page_offers_four_rows_of_the_communes_people(client, clerk, establishing, village_people, fourth):
    stranger = factories.PersonFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc"))
    client.force_login(clerk)
    response = client.get(url("decisions:compose", establishing.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert len(response.context["formset"].forms) == ROWS
    assert "Nguyễn Xuân Vinh" in page and "Hồ Văn Tư" in page
    assert stranger.full_name not in page
    assert 'hx-post="{}"'.format(url("decisions:rule_check", establishing.pk)) in page


def test_it_saves_three_members_and_the_reason(client, clerk, establishing, village_people):
    client.force_login(clerk)
    response = client.post(
        url("decisions:compose", establishing.pk), compose_data(three(village_people), reason="Vì sao")
    )
    assert response.status_code == 302
    assert response["Location"] == url("decisions:detail", establishing.pk)
    lines = DecisionMember.objects.filter(decision=establishing).order_by("pk")
    assert [(line.person, line.role) for line in lines] == three(village_people)
    # An empty position prints the person's own.
    assert lines[0].position == "Trưởng thôn Đông Thái"
    establishing.refresh_from_db()
    assert establishing.departure_reason == "Vì sao"


def test_it_rejects_a_fourth_member_and_saves_nothing(client, clerk, establishing, village_people, fourth):
    client.force_login(clerk)
    rows = [*three(village_people), (fourth, "member")]
    response = client.post(url("decisions:compose", establishing.pk), compose_data(rows, reason="x"))
    assert response.status_code == 200
    assert "A team has exactly 3 active members; this composition has 4." in response.content.decode()
    assert not DecisionMember.objects.filter(decision=establishing).exists()
    establishing.refresh_from_db()
    assert establishing.departure_reason == ""


@pytest.mark.parametrize(
    "roles, message",
    [
        (("leader", "leader", "member"), "A team has exactly one leader"),
        (("leader", "deputy", "deputy"), "A team has at most 1 deputy (Tổ phó)."),
    ],
)
def test_it_rejects_a_second_leader_or_deputy(client, clerk, establishing, village_people, roles, message):
    client.force_login(clerk)
    rows = list(zip(village_people, roles, strict=True))
    response = client.post(url("decisions:compose", establishing.pk), compose_data(rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_it_rejects_a_person_twice(client, clerk, establishing, village_people):
    client.force_login(clerk)
    vinh = village_people[0]
    response = client.post(
        url("decisions:compose", establishing.pk), compose_data([(vinh, "leader"), (vinh, "member")])
    )
    assert response.status_code == 200
    assert "Nguyễn Xuân Vinh appears more than once" in response.content.decode()
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_a_person_of_another_commune_cannot_be_named(client, clerk, establishing, village_people):
    stranger = factories.PersonFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc"))
    client.force_login(clerk)
    rows = [*three(village_people)[:2], (stranger, "member")]
    response = client.post(url("decisions:compose", establishing.pk), compose_data(rows))
    assert response.status_code == 200
    assert response.context["formset"].errors[2]["person"]
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_a_person_without_a_role_is_refused(client, clerk, establishing, village_people):
    client.force_login(clerk)
    response = client.post(url("decisions:compose", establishing.pk), compose_data([(village_people[0], "")]))
    assert response.status_code == 200
    assert response.context["formset"].errors[0]["role"]
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_an_incomplete_composition_is_saved_and_refused_on_submission(client, clerk, establishing, village_people):
    client.force_login(clerk)
    rows = three(village_people)[:2]
    assert client.post(url("decisions:compose", establishing.pk), compose_data(rows)).status_code == 302
    assert DecisionMember.objects.filter(decision=establishing).count() == 2
    client.post(url("decisions:submit", establishing.pk))
    establishing.refresh_from_db()
    assert establishing.status == Decision.Status.DRAFT


def test_clearing_a_row_removes_the_member(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    rows = [*three(village_people)[:2], (None, "member", "Giáo viên")]
    response = client.post(url("decisions:compose", decision.pk), compose_data(rows, initial=3))
    assert response.status_code == 302
    assert list(decision.members.values_list("person", flat=True)) == [p.pk for p in village_people[:2]]


def test_a_replaced_person_does_not_keep_the_old_position(client, clerk, village_team, village_people, fourth):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    # The page posts the third row's stored position back unchanged, with another person.
    rows = [*three(village_people)[:2], (fourth, "member", "Giáo viên")]
    client.post(url("decisions:compose", decision.pk), compose_data(rows, initial=3))
    line = decision.members.get(role="member")
    assert (line.person, line.position) == (fourth, fourth.position)


def test_a_typed_position_is_kept(client, clerk, establishing, village_people):
    client.force_login(clerk)
    rows = [*three(village_people)[:2], (village_people[2], "member", "Giáo viên Trường THCS")]
    client.post(url("decisions:compose", establishing.pk), compose_data(rows))
    assert establishing.members.get(role="member").position == "Giáo viên Trường THCS"


@pytest.mark.parametrize("total", ["1000", "abc", ""])
def test_a_tampered_row_count_is_refused_without_a_server_error(client, clerk, establishing, village_people, total):
    client.force_login(clerk)
    data = compose_data(three(village_people)) | {"members-TOTAL_FORMS": total}
    response = client.post(url("decisions:compose", establishing.pk), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not DecisionMember.objects.filter(decision=establishing).exists()
    assert client.post(url("decisions:rule_check", establishing.pk), data).status_code == 200


# The rules panel -------------------------------------------------------------------------------


def test_the_htmx_partial_lists_a_fourth_member(client, clerk, establishing, village_people, fourth):
    client.force_login(clerk)
    rows = [*three(village_people), (fourth, "member")]
    response = client.post(
        url("decisions:rule_check", establishing.pk), compose_data(rows), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page  # a partial, for the panel
    assert "A team has exactly 3 active members; this composition has 4." in page
    assert 'class="rule-hard" role="alert"' in page
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_the_partial_shows_departures_in_amber_with_the_reason_note(client, clerk, establishing, village_people):
    client.force_login(clerk)
    # The teacher as leader: a departure from the recommended composition, not a hard break.
    rows = [(village_people[2], "leader"), (village_people[1], "deputy"), (village_people[0], "member")]
    page = client.post(url("decisions:rule_check", establishing.pk), compose_data(rows)).content.decode()
    assert "rule-hard" not in page
    assert 'class="rule-advisory"' in page
    assert "Recommended by the plan: the leader is the Village head / residential group head." in page
    assert "the reason field is required" in page


def test_the_partial_says_when_the_composition_follows_the_recommendation(client, clerk, establishing, village_people):
    client.force_login(clerk)
    page = client.post(url("decisions:rule_check", establishing.pk), compose_data(three(village_people)))
    assert "complete and follows the recommendation" in page.content.decode()


def test_without_javascript_the_check_button_shows_the_panel_and_saves_nothing(
    client, clerk, establishing, village_people
):
    client.force_login(clerk)
    rows = three(village_people)[:1]
    response = client.post(url("decisions:compose", establishing.pk), compose_data(rows, action="check"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A team has exactly 3 active members; this composition has 1." in page
    assert "A village team needs a deputy" in page
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_the_rule_check_is_scoped_and_post_only(client, establishing, village_people):
    other_clerk = factories.OfficialFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc")).user
    client.force_login(other_clerk)
    assert client.post(url("decisions:rule_check", establishing.pk), compose_data([])).status_code == 404
    assert client.get(url("decisions:rule_check", establishing.pk)).status_code == 405


# Who composes -----------------------------------------------------------------------------------


def test_only_the_clerk_composes(client, chairman, establishing, village_people):
    client.force_login(chairman)
    assert client.get(url("decisions:compose", establishing.pk)).status_code == 403
    response = client.post(url("decisions:compose", establishing.pk), compose_data(three(village_people)))
    assert response.status_code == 403
    assert not DecisionMember.objects.filter(decision=establishing).exists()


def test_a_submitted_decision_is_not_composed(client, clerk, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(clerk)
    response = client.post(url("decisions:compose", decision.pk), compose_data(three(village_people)[:1]))
    assert response.status_code == 302
    assert decision.members.count() == 3


def test_a_dissolution_has_no_members_to_compose(client, clerk, village_team):
    decision = workflow.decision_create(team=village_team, kind="dissolve", by=clerk)
    client.force_login(clerk)
    response = client.get(url("decisions:compose", decision.pk))
    assert response.status_code == 302
    assert response["Location"] == url("decisions:detail", decision.pk)
