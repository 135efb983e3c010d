"""Joining a village team (joining.services): from the application to the issued decision."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from decisions import workflow
from decisions.models import Decision
from joining import services
from joining.models import JoinApplication, Stage
from teams import services as team_services
from teams.models import Collaborator, Person, Role
from tests import factories

pytestmark = pytest.mark.django_db
VACANCY_ON = datetime.date(2023, 2, 1)


def apply(clerk, commune, data, **changes) -> JoinApplication:
    return services.application_create(commune=commune, by=clerk, **{**data, **changes})


def recommended(clerk, commune, data, **changes) -> JoinApplication:
    application = apply(clerk, commune, data, **changes)
    return services.application_recommend(
        application=application,
        by=clerk,
        recommended_by="Ông Lê Doãn Lợi, Tổ trưởng Tổ CĐS xã; Ông Nguyễn Xuân Vinh, Tổ trưởng Tổ CĐS thôn",
        note="Nhiệt tình, sử dụng thành thạo điện thoại thông minh.",
    )


def free_a_seat(team, person):
    """A seat freed outside any request (recorded after a death, say): the team has two members."""
    team_services.membership_end(membership=team.memberships.get(person=person, end_date=None), end_date=VACANCY_ON)


def test_an_application_keeps_the_applicant_apart_from_the_people_until_approval(
    established, clerk, commune, applicant_data
):
    people = Person.objects.count()
    application = apply(clerk, commune, applicant_data, full_name=unicodedata.normalize("NFD", "Trần Thị Lan"))
    assert application.stage == Stage.SUBMITTED
    assert application.team == established
    assert application.full_name == "Trần Thị Lan"  # stored NFC though typed decomposed
    assert application.phone == "0912345678"
    assert application.recorded_by == clerk
    assert Person.objects.count() == people


def test_a_full_team_takes_the_approved_applicant_into_its_collaborator_group(
    established, clerk, chairman, commune, applicant_data
):
    application = recommended(clerk, commune, applicant_data)
    assert application.stage == Stage.RECOMMENDED
    assert application.recommendation_recorded_by == clerk
    application = services.application_decide(application=application, by=chairman, approve=True, comment="Đồng ý.")
    assert application.stage == Stage.COLLABORATOR and application.is_closed
    person = application.person
    assert (person.full_name, person.phone, person.birth_year, person.village) == (
        "Trần Thị Lan",
        "0912345678",
        1998,
        applicant_data["village"],
    )
    collaborator = Collaborator.objects.get(team=established, person=person, left_on__isnull=True)
    assert application.collaborator == collaborator
    assert established.active_memberships().count() == 3
    assert application.decided_by == chairman
    with pytest.raises(ValidationError):
        services.application_draft_decision(application=application, by=clerk)


def test_an_approved_applicant_fills_a_free_seat_by_an_issued_amending_decision(
    established, clerk, chairman, commune, village_people, applicant_data
):
    free_a_seat(established, village_people[2])
    application = recommended(clerk, commune, applicant_data)
    application = services.application_decide(application=application, by=chairman, approve=True)
    assert application.stage == Stage.APPROVED
    assert not Collaborator.objects.filter(person=application.person).exists()

    decision = services.application_draft_decision(application=application, by=clerk)
    application.refresh_from_db()
    assert application.stage == Stage.DRAFTED and application.decision == decision
    assert decision.kind == Decision.Kind.AMEND and decision.created_by == clerk
    assert [(m.person.full_name, m.role) for m in decision.members.order_by("pk")] == [
        ("Nguyễn Xuân Vinh", Role.LEADER),
        ("Mai Thị Hằng", Role.DEPUTY),
        ("Trần Thị Lan", Role.MEMBER),
    ]

    workflow.decision_submit(decision=decision, by=clerk)
    decision = workflow.decision_issue(decision=decision, by=chairman, on=datetime.date(2023, 3, 1))
    application.refresh_from_db()
    assert application.stage == Stage.DONE and application.is_closed
    seat = established.active_memberships().get(person=application.person)
    assert (seat.role, seat.started_by, seat.start_date) == (Role.MEMBER, decision, datetime.date(2023, 3, 1))
    assert established.active_memberships().count() == 3


def test_the_applicant_takes_the_role_the_free_seat_lacks(
    established, clerk, chairman, commune, village_people, applicant_data
):
    free_a_seat(established, village_people[1])  # the deputy
    application = recommended(clerk, commune, applicant_data)
    application = services.application_decide(application=application, by=chairman, approve=True)
    decision = services.application_draft_decision(application=application, by=clerk)
    assert decision.members.get(person=application.person).role == Role.DEPUTY


def test_approval_reuses_the_person_already_recorded(established, clerk, chairman, commune, applicant_data):
    known = factories.PersonFactory(
        commune=commune, village=applicant_data["village"], full_name="Trần Thị Lan", birth_year=1998, phone=""
    )
    application = recommended(clerk, commune, applicant_data)
    application = services.application_decide(application=application, by=chairman, approve=True)
    assert application.person == known
    known.refresh_from_db()
    assert known.phone == "0912345678"


def test_a_namesake_of_another_birth_year_is_another_person(established, clerk, chairman, commune, applicant_data):
    namesake = factories.PersonFactory(
        commune=commune, village=applicant_data["village"], full_name="Trần Thị Lan", birth_year=1960
    )
    application = recommended(clerk, commune, applicant_data)
    application = services.application_decide(application=application, by=chairman, approve=True)
    assert application.person != namesake


def test_a_rejection_closes_the_application_with_its_comment(established, clerk, chairman, commune, applicant_data):
    application = recommended(clerk, commune, applicant_data)
    with pytest.raises(ValidationError):
        services.application_decide(application=application, by=chairman, approve=False, comment="  ")
    application = services.application_decide(
        application=application, by=chairman, approve=False, comment="Chưa đủ 18 tuổi."
    )
    assert application.stage == Stage.REJECTED and application.is_closed
    assert application.decision_comment == "Chưa đủ 18 tuổi."
    assert application.person is None
    assert not Person.objects.filter(full_name="Trần Thị Lan").exists()


def test_the_steps_come_in_order(established, clerk, chairman, commune, applicant_data):
    application = apply(clerk, commune, applicant_data)
    with pytest.raises(ValidationError):
        services.application_decide(application=application, by=chairman, approve=True)
    with pytest.raises(ValidationError):
        services.application_draft_decision(application=application, by=clerk)
    with pytest.raises(ValidationError):
        services.application_recommend(application=application, by=clerk, recommended_by=" ")
    services.application_recommend(application=application, by=clerk, recommended_by="Ông Vinh")
    with pytest.raises(ValidationError):
        services.application_recommend(application=application, by=clerk, recommended_by="Ông Vinh")
    assert JoinApplication.objects.get(pk=application.pk).stage == Stage.RECOMMENDED


def test_only_the_chairman_or_a_vice_chairman_decides(
    established, clerk, chairman, vice_chairman, commune, applicant_data
):
    district_officer = factories.OfficialFactory(role="district_officer", district=commune.district, commune=None)
    application = recommended(clerk, commune, applicant_data)
    for user in (clerk, district_officer.user):
        with pytest.raises(PermissionDenied):
            services.application_decide(application=application, by=user, approve=True)
    assert JoinApplication.objects.get(pk=application.pk).stage == Stage.RECOMMENDED
    application = services.application_decide(application=application, by=vice_chairman, approve=True)
    assert application.decided_by == vice_chairman


def test_only_the_clerk_of_the_commune_records_and_drafts(
    established, clerk, chairman, other_clerk, commune, applicant_data
):
    for user in (chairman, other_clerk):
        with pytest.raises(PermissionDenied):
            apply(user, commune, applicant_data)
    application = apply(clerk, commune, applicant_data)
    for user in (chairman, other_clerk):
        with pytest.raises(PermissionDenied):
            services.application_recommend(application=application, by=user, recommended_by="Ông Vinh")


def test_an_application_without_consent_to_keep_the_phone_is_refused_and_nothing_stored(
    established, clerk, commune, applicant_data
):
    with pytest.raises(ValidationError) as exc:
        apply(clerk, commune, applicant_data, phone_consent=False)
    assert "consent" in exc.value.message_dict["phone_consent"][0]
    assert not JoinApplication.objects.exists()


def test_an_application_needs_an_established_team(village_team, clerk, commune, applicant_data):
    with pytest.raises(ValidationError) as exc:
        apply(clerk, commune, applicant_data)
    assert "village" in exc.value.message_dict
    assert not JoinApplication.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"phone": "12345"},
        {"birth_year": 1850},
        {"birth_year": datetime.date.today().year + 1},
        {"full_name": ""},
        {"motivation": ""},
        {"gender": "other"},
    ],
)
def test_the_applicant_data_is_validated_as_a_person_would_be(established, clerk, commune, applicant_data, changes):
    with pytest.raises(ValidationError):
        apply(clerk, commune, applicant_data, **changes)
    assert not JoinApplication.objects.exists()


def test_a_member_cannot_be_approved_into_their_own_team(
    established, clerk, chairman, commune, village_people, applicant_data
):
    member = village_people[2]
    Person.objects.filter(pk=member.pk).update(birth_year=1980)
    application = recommended(
        clerk, commune, applicant_data, full_name=member.full_name, birth_year=1980, gender=member.gender
    )
    with pytest.raises(ValidationError):
        services.application_decide(application=application, by=chairman, approve=True)
    assert JoinApplication.objects.get(pk=application.pk).stage == Stage.RECOMMENDED


def test_a_draft_is_refused_once_the_free_seat_is_taken(
    established, clerk, chairman, commune, village_people, applicant_data
):
    free_a_seat(established, village_people[2])
    first = services.application_decide(
        application=recommended(clerk, commune, applicant_data), by=chairman, approve=True
    )
    second = services.application_decide(
        application=recommended(clerk, commune, applicant_data, full_name="Lê Văn Hòa", gender="male"),
        by=chairman,
        approve=True,
    )
    decision = services.application_draft_decision(application=first, by=clerk)
    workflow.decision_submit(decision=decision, by=clerk)
    workflow.decision_issue(decision=decision, by=chairman)
    with pytest.raises(ValidationError):
        services.application_draft_decision(application=second, by=clerk)
    assert JoinApplication.objects.get(pk=second.pk).stage == Stage.APPROVED


def test_a_deleted_draft_lets_the_clerk_draft_again(
    established, clerk, chairman, commune, village_people, applicant_data
):
    free_a_seat(established, village_people[2])
    application = services.application_decide(
        application=recommended(clerk, commune, applicant_data), by=chairman, approve=True
    )
    services.application_draft_decision(application=application, by=clerk).delete()
    application.refresh_from_db()
    assert application.stage == Stage.APPROVED
    assert services.application_draft_decision(application=application, by=clerk).status == Decision.Status.DRAFT


def test_under_a_plan_of_five_a_team_of_three_has_a_free_seat_and_its_page_says_so(
    client, established, clerk, chairman, commune, applicant_data
):
    from teams.models import TeamComposition

    plan = factories.PlanFactory(commune=commune, number_symbol="12/KH-UBND", issued_on=datetime.date(2025, 8, 1))
    TeamComposition.objects.create(plan=plan, level="village", members_min=3, members_max=5, deputies_max=2)
    application = recommended(clerk, commune, applicant_data)
    client.force_login(chairman)
    page = client.get(f"/joining/applications/{application.pk}/").content.decode()
    assert "The team has 3 of 5 seats taken" in page
    application = services.application_decide(application=application, by=chairman, approve=True)
    assert application.stage == Stage.APPROVED  # not full: a seat is drafted, not a collaborator place
    decision = services.application_draft_decision(application=application, by=clerk)
    assert decision.members.count() == 4  # the three members and the applicant, in the plan's fourth seat
