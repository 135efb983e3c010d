"""Leaving a village team (joining.services): the member is replaced by an issued amending decision."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from decisions import workflow
from joining import services
from joining.models import LeaveRequest, Stage
from teams import services as team_services
from teams.models import Role
from teams.selectors import team_history
from tests import factories

pytestmark = pytest.mark.django_db
AMENDED_ON = datetime.date(2023, 3, 1)


def approved_request(membership, *, clerk, chairman) -> LeaveRequest:
    leave_request = services.leave_request_create(membership=membership, reason="Chuyển công tác.", by=clerk)
    leave_request = services.leave_request_propose(
        leave_request=leave_request, by=clerk, proposed_by="Ông Nguyễn Xuân Vinh, Tổ trưởng", note="Đề nghị cho thôi."
    )
    return services.leave_request_decide(leave_request=leave_request, by=chairman, approve=True, comment="Đồng ý.")


def collaborator_from_application(team, *, clerk, chairman, data):
    """The fourth applicant of a full team, approved: a collaborator."""
    application = services.application_create(commune=team.commune, by=clerk, **data)
    application = services.application_recommend(application=application, by=clerk, recommended_by="Ông Vinh")
    application = services.application_decide(application=application, by=chairman, approve=True)
    assert application.stage == Stage.COLLABORATOR
    return application.person


def test_a_member_leaves_and_the_collaborator_who_applied_takes_the_seat(
    client, established, clerk, chairman, village_people, applicant_data
):
    newcomer = collaborator_from_application(established, clerk=clerk, chairman=chairman, data=applicant_data)
    teacher = established.memberships.get(person=village_people[2], end_date=None)

    leave_request = services.leave_request_create(membership=teacher, reason="Chuyển công tác.", by=clerk)
    assert leave_request.stage == Stage.SUBMITTED and leave_request.recorded_by == clerk
    leave_request = services.leave_request_propose(
        leave_request=leave_request, by=clerk, proposed_by="Ông Nguyễn Xuân Vinh, Tổ trưởng Tổ CĐS thôn"
    )
    assert leave_request.stage == Stage.PROPOSED and leave_request.proposal_recorded_by == clerk
    leave_request = services.leave_request_decide(leave_request=leave_request, by=chairman, approve=True)
    assert leave_request.stage == Stage.APPROVED and leave_request.decided_by == chairman

    decision = services.leave_request_draft_decision(leave_request=leave_request, replacement=newcomer, by=clerk)
    leave_request.refresh_from_db()
    assert leave_request.stage == Stage.DRAFTED and leave_request.replacement == newcomer
    assert [(m.person.full_name, m.role) for m in decision.members.order_by("pk")] == [
        ("Nguyễn Xuân Vinh", Role.LEADER),
        ("Mai Thị Hằng", Role.DEPUTY),
        ("Trần Thị Lan", Role.MEMBER),
    ]
    assert teacher.is_active  # nothing changes before issuance

    workflow.decision_submit(decision=decision, by=clerk)
    decision = workflow.decision_issue(decision=decision, by=chairman, on=AMENDED_ON)
    leave_request.refresh_from_db()
    assert leave_request.stage == Stage.DONE and leave_request.is_closed

    assert established.active_memberships().count() == 3
    history = [
        (m.person.full_name, m.start_date, m.end_date, m.started_by_id, m.ended_by_id)
        for m in team_history(established)
    ]
    establishing = established.memberships.get(person=village_people[0]).started_by_id
    assert (
        "Phạm Hồng Chương",
        datetime.date(2022, 10, 4),
        AMENDED_ON,
        establishing,
        decision.pk,
    ) in history
    assert ("Trần Thị Lan", AMENDED_ON, None, decision.pk, None) in history
    assert ("Nguyễn Xuân Vinh", datetime.date(2022, 10, 4), None, establishing, None) in history

    client.force_login(clerk)
    page = client.get(reverse("joining:leave_request_detail", args=[leave_request.pk])).content.decode()
    assert "done: the decision is issued" in page
    assert f'Left on</dt><dd class="col-sm-8 col-md-9">01/03/2023 (<a href="/decisions/{decision.pk}/">' in page
    team_page = client.get(reverse("teams:team_detail", args=[established.pk])).content.decode()
    assert team_page.count(f'href="/decisions/{decision.pk}/"') == 2  # ended one membership, started another


def test_the_replacement_takes_the_leaving_members_role(established, clerk, chairman, commune, village_people):
    deputy = established.memberships.get(person=village_people[1], end_date=None)
    leave_request = approved_request(deputy, clerk=clerk, chairman=chairman)
    someone = factories.PersonFactory(commune=commune, full_name="Đặng Thị Thu")
    decision = services.leave_request_draft_decision(leave_request=leave_request, replacement=someone, by=clerk)
    assert decision.members.get(person=someone).role == Role.DEPUTY
    assert not decision.members.filter(person=village_people[1]).exists()


def test_a_rejection_needs_a_comment_and_leaves_the_member_seated(established, clerk, chairman, village_people):
    seat = established.memberships.get(person=village_people[2], end_date=None)
    leave_request = services.leave_request_create(membership=seat, reason="Bận việc gia đình.", by=clerk)
    leave_request = services.leave_request_propose(leave_request=leave_request, by=clerk, proposed_by="Ông Vinh")
    with pytest.raises(ValidationError):
        services.leave_request_decide(leave_request=leave_request, by=chairman, approve=False)
    leave_request = services.leave_request_decide(
        leave_request=leave_request, by=chairman, approve=False, comment="Đề nghị tiếp tục đến hết năm."
    )
    assert leave_request.stage == Stage.REJECTED
    seat.refresh_from_db()
    assert seat.is_active
    # Once rejected, the member may ask again.
    assert services.leave_request_create(membership=seat, reason="Lần hai.", by=clerk).stage == Stage.SUBMITTED


def test_one_open_request_per_member(established, clerk, village_people):
    seat = established.memberships.get(person=village_people[2], end_date=None)
    services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)
    with pytest.raises(ValidationError):
        services.leave_request_create(membership=seat, reason="Lần nữa.", by=clerk)
    assert LeaveRequest.objects.count() == 1


def test_a_replacement_cannot_already_sit_in_the_team(established, clerk, chairman, village_people):
    seat = established.memberships.get(person=village_people[2], end_date=None)
    leave_request = approved_request(seat, clerk=clerk, chairman=chairman)
    for person in (village_people[0], village_people[2]):
        with pytest.raises(ValidationError):
            services.leave_request_draft_decision(leave_request=leave_request, replacement=person, by=clerk)
    assert LeaveRequest.objects.get(pk=leave_request.pk).stage == Stage.APPROVED


def test_a_replacement_from_another_commune_is_refused(established, clerk, chairman, village_people):
    seat = established.memberships.get(person=village_people[2], end_date=None)
    leave_request = approved_request(seat, clerk=clerk, chairman=chairman)
    elsewhere = factories.PersonFactory(commune=factories.CommuneFactory(code=18261, name="Đức Lạng"))
    with pytest.raises(ValidationError):
        services.leave_request_draft_decision(leave_request=leave_request, replacement=elsewhere, by=clerk)


def test_a_team_that_is_not_established_takes_no_request(village_team, clerk, village_people, day):
    seat = team_services.membership_add(team=village_team, person=village_people[0], role="leader", start_date=day)
    with pytest.raises(ValidationError):
        services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)


def test_who_may_do_each_step(established, clerk, chairman, other_clerk, village_people):
    seat = established.memberships.get(person=village_people[2], end_date=None)
    for user in (chairman, other_clerk):
        with pytest.raises(PermissionDenied):
            services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=user)
    leave_request = services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)
    with pytest.raises(PermissionDenied):
        services.leave_request_propose(leave_request=leave_request, by=chairman, proposed_by="Ông Vinh")
    leave_request = services.leave_request_propose(leave_request=leave_request, by=clerk, proposed_by="Ông Vinh")
    with pytest.raises(PermissionDenied):
        services.leave_request_decide(leave_request=leave_request, by=clerk, approve=True)
    leave_request = services.leave_request_decide(leave_request=leave_request, by=chairman, approve=True)
    with pytest.raises(PermissionDenied):
        services.leave_request_draft_decision(leave_request=leave_request, replacement=village_people[0], by=chairman)
