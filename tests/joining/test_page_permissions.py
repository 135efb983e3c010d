"""Who may open and post to the joining pages: 404 outside one's reach, 403 for a step not one's own."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Official
from joining import services
from joining.models import JoinApplication, LeaveRequest, Stage
from tests import factories
from tests.web import district_officer_of, team_leader_of

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pytest.fixture
def application(established, clerk, commune, applicant_data):
    application = services.application_create(commune=commune, by=clerk, **applicant_data)
    return services.application_recommend(application=application, by=clerk, recommended_by="Ông Vinh")


@pytest.fixture
def leave_request(established, clerk, village_people):
    seat = established.memberships.get(person=village_people[2])
    return services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)


def posts(application, leave_request, commune):
    replacement = factories.PersonFactory(commune=commune)
    return [
        (url("joining:application_recommend", application.pk), {"recommended_by": "Ông Vinh"}),
        (url("joining:application_decide", application.pk), {"outcome": "approve"}),
        (url("joining:application_draft", application.pk), {}),
        (url("joining:leave_request_propose", leave_request.pk), {"proposed_by": "Ông Vinh"}),
        (url("joining:leave_request_decide", leave_request.pk), {"outcome": "approve"}),
        (url("joining:leave_request_draft", leave_request.pk), {"replacement": replacement.pk}),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, application, leave_request):
    for address in (url("joining:list"), url("joining:application_detail", application.pk)):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_district_officer_reads_but_every_post_is_forbidden(client, application, leave_request, commune):
    client.force_login(district_officer_of(commune))
    assert client.get(url("joining:application_detail", application.pk)).status_code == 200
    assert client.get(url("joining:leave_request_detail", leave_request.pk)).status_code == 200
    for address in (url("joining:application_create"), url("joining:leave_request_create")):
        assert client.get(address).status_code == 403
        assert client.post(address, {}).status_code == 403
    for address, data in posts(application, leave_request, commune):
        assert client.post(address, data).status_code == 403, address
    assert JoinApplication.objects.get().stage == Stage.RECOMMENDED
    assert LeaveRequest.objects.get().stage == Stage.SUBMITTED


def test_another_communes_clerk_gets_404(client, application, leave_request, commune, other_clerk):
    client.force_login(other_clerk)
    assert client.get(url("joining:application_detail", application.pk)).status_code == 404
    assert client.get(url("joining:leave_request_detail", leave_request.pk)).status_code == 404
    for address, data in posts(application, leave_request, commune):
        assert client.post(address, data).status_code == 404, address
    assert list(client.get(url("joining:list")).context["page_obj"]) == []


def test_only_the_signer_decides(client, application, leave_request, clerk, commune):
    services.leave_request_propose(leave_request=leave_request, by=clerk, proposed_by="Ông Vinh")
    client.force_login(clerk)
    assert client.post(url("joining:application_decide", application.pk), {"outcome": "approve"}).status_code == 403
    assert client.post(url("joining:leave_request_decide", leave_request.pk), {"outcome": "approve"}).status_code == 403
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "Your answer" not in page
    assert JoinApplication.objects.get().stage == Stage.RECOMMENDED


def test_the_chairman_records_nothing(client, application, leave_request, chairman):
    client.force_login(chairman)
    assert client.get(url("joining:application_create")).status_code == 403
    address = url("joining:leave_request_propose", leave_request.pk)
    assert client.post(address, {"proposed_by": "Ông Vinh"}).status_code == 403
    assert LeaveRequest.objects.get().stage == Stage.SUBMITTED


def test_a_team_leader_reads_the_requests_of_their_own_team_only(
    client, application, leave_request, commune, village_people
):
    client.force_login(team_leader_of(application.team, village_people[0]))
    assert client.get(url("joining:application_detail", application.pk)).status_code == 200
    assert client.post(url("joining:application_decide", application.pk), {"outcome": "approve"}).status_code == 403
    other = factories.PersonFactory(commune=commune)
    client.force_login(factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=other).user)
    assert client.get(url("joining:application_detail", application.pk)).status_code == 404
    assert list(client.get(url("joining:list") + "?kind=leave").context["page_obj"]) == []


def test_steps_are_post_only(client, application, leave_request, clerk, commune):
    client.force_login(clerk)
    for address, _data in posts(application, leave_request, commune):
        assert client.get(address).status_code == 405, address


def test_posts_need_the_csrf_token(application, clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    response = client.post(url("joining:application_recommend", application.pk), {"recommended_by": "Ông Vinh"})
    assert response.status_code == 403
