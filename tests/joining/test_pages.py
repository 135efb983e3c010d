"""The joining pages: each step once through its page, with the buttons each role sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions.models import Decision
from joining import services
from joining.models import JoinApplication, LeaveRequest, Stage
from teams import services as team_services
from teams.models import Collaborator
from tests import factories
from tests.web import district_officer_of

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def form_data(data: dict, **changes) -> dict:
    posted = {**data, **changes}
    posted["village"] = posted["village"].pk
    if not posted["phone_consent"]:
        del posted["phone_consent"]
    return posted


def recorded(clerk, commune, applicant_data, **changes) -> JoinApplication:
    return services.application_create(commune=commune, by=clerk, **{**applicant_data, **changes})


def recommended(clerk, commune, applicant_data, **changes) -> JoinApplication:
    application = recorded(clerk, commune, applicant_data, **changes)
    return services.application_recommend(application=application, by=clerk, recommended_by="Ông Vinh")


def test_the_clerk_records_an_application(client, established, clerk, applicant_data):
    client.force_login(clerk)
    page = client.get(url("joining:application_create")).content.decode()
    assert "thôn Đông Thái" in page and 'name="phone_consent"' in page
    response = client.post(url("joining:application_create"), form_data(applicant_data))
    application = JoinApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("joining:application_detail", application.pk)
    page = client.get(response["Location"]).content.decode()
    assert "The application of Trần Thị Lan was recorded." in page
    assert "Record the recommendation" in page
    assert "0912345678" in page


def test_without_consent_to_keep_the_phone_nothing_is_stored(client, established, clerk, applicant_data):
    client.force_login(clerk)
    response = client.post(url("joining:application_create"), form_data(applicant_data, phone_consent=False))
    assert response.status_code == 200
    assert "consent to store their phone number is required: nothing was stored" in response.content.decode()
    assert not JoinApplication.objects.exists()


def test_a_village_without_an_established_team_is_not_offered(client, village_team, clerk, applicant_data):
    client.force_login(clerk)
    response = client.post(url("joining:application_create"), form_data(applicant_data))
    assert response.status_code == 200
    assert response.context["form"].errors["village"]
    assert not JoinApplication.objects.exists()


def test_the_join_path_through_the_pages(
    client, established, clerk, chairman, commune, village_people, applicant_data, day
):
    team_services.membership_end(membership=established.memberships.get(person=village_people[2]), end_date=day)
    application = recorded(clerk, commune, applicant_data)
    client.force_login(clerk)
    response = client.post(
        url("joining:application_recommend", application.pk),
        {"recommended_by": "Ông Lê Doãn Lợi; Ông Nguyễn Xuân Vinh", "note": "Nhiệt tình."},
    )
    assert response.status_code == 302
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "Ông Lê Doãn Lợi; Ông Nguyễn Xuân Vinh" in page and "Your answer" not in page

    client.force_login(chairman)
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "Your answer" in page and "The team has 2 of 3 seats taken" in page
    client.post(url("joining:application_decide", application.pk), {"outcome": "approve", "comment": ""})
    assert JoinApplication.objects.get().stage == Stage.APPROVED
    assert (
        "Draft the amending decision"
        not in client.get(url("joining:application_detail", application.pk)).content.decode()
    )

    client.force_login(clerk)
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "Draft the amending decision" in page
    response = client.post(url("joining:application_draft", application.pk))
    decision = Decision.objects.get(kind="amend")
    assert response["Location"] == url("decisions:detail", decision.pk)
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "amending decision drafted" in page


def test_the_chairman_approves_a_fourth_applicant_into_the_collaborator_group(
    client, established, clerk, chairman, commune, applicant_data
):
    application = recommended(clerk, commune, applicant_data)
    client.force_login(chairman)
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "The team is full" in page
    response = client.post(url("joining:application_decide", application.pk), {"outcome": "approve"}, follow=True)
    assert "The team is full: Trần Thị Lan joined its collaborator group." in response.content.decode()
    assert Collaborator.objects.filter(team=established, person__full_name="Trần Thị Lan").exists()


def test_a_rejection_without_a_comment_is_shown_on_the_form(
    client, established, clerk, chairman, commune, applicant_data
):
    application = recommended(clerk, commune, applicant_data)
    client.force_login(chairman)
    response = client.post(url("joining:application_decide", application.pk), {"outcome": "reject", "comment": " "})
    assert response.status_code == 200
    assert "a rejection needs a comment" in response.content.decode()
    assert JoinApplication.objects.get().stage == Stage.RECOMMENDED


def test_a_step_already_taken_is_a_message_not_an_error(client, established, clerk, commune, applicant_data):
    application = recommended(clerk, commune, applicant_data)
    client.force_login(clerk)
    response = client.post(
        url("joining:application_recommend", application.pk), {"recommended_by": "Ông Vinh"}, follow=True
    )
    assert response.status_code == 200
    assert "that step is not open to it" in response.content.decode()


def test_the_leave_path_through_the_pages(
    client, established, clerk, chairman, commune, village_people, applicant_data
):
    seat = established.memberships.get(person=village_people[2])
    collaborator = team_services.collaborator_add(
        team=established,
        person=factories.PersonFactory(commune=commune, full_name="Hồ Văn Cường"),
        joined_on=seat.start_date,
    )
    client.force_login(clerk)
    page = client.get(url("joining:leave_request_create") + f"?membership={seat.pk}").content.decode()
    assert f'<option value="{seat.pk}" selected>' in page
    response = client.post(url("joining:leave_request_create"), {"membership": seat.pk, "reason": "Chuyển công tác."})
    leave_request = LeaveRequest.objects.get()
    assert response["Location"] == url("joining:leave_request_detail", leave_request.pk)
    client.post(url("joining:leave_request_propose", leave_request.pk), {"proposed_by": "Ông Nguyễn Xuân Vinh"})
    client.force_login(chairman)
    client.post(url("joining:leave_request_decide", leave_request.pk), {"outcome": "approve"})
    client.force_login(clerk)
    page = client.get(url("joining:leave_request_detail", leave_request.pk)).content.decode()
    assert "Hồ Văn Cường" in page and "collaborator" in page
    response = client.post(
        url("joining:leave_request_draft", leave_request.pk), {"replacement": collaborator.person_id}
    )
    decision = Decision.objects.get(kind="amend")
    assert response["Location"] == url("decisions:detail", decision.pk)
    assert set(decision.members.values_list("person__full_name", flat=True)) == {
        "Nguyễn Xuân Vinh",
        "Mai Thị Hằng",
        "Hồ Văn Cường",
    }


def test_the_list_shows_open_requests_first(client, established, clerk, chairman, commune, applicant_data):
    closed = recommended(clerk, commune, applicant_data, full_name="Lê Văn Cũ", gender="male")
    services.application_decide(application=closed, by=chairman, approve=False, comment="Không đủ điều kiện.")
    recorded(clerk, commune, applicant_data)
    client.force_login(clerk)
    response = client.get(url("joining:list"))
    assert [a.full_name for a in response.context["page_obj"]] == ["Trần Thị Lan", "Lê Văn Cũ"]
    page = response.content.decode()
    assert "Record an application to join" in page and "Record a request to leave" in page


def test_the_district_officer_reads_the_communes_requests_without_buttons(
    client, established, clerk, commune, applicant_data
):
    application = recorded(clerk, commune, applicant_data)
    client.force_login(district_officer_of(commune))
    page = client.get(url("joining:list")).content.decode()
    assert "Trần Thị Lan" in page and "Xã Tùng Ảnh" in page
    assert "Record an application to join" not in page
    page = client.get(url("joining:application_detail", application.pk)).content.decode()
    assert "Trần Thị Lan" in page and '<form method="post" action="/joining' not in page


def queries(client, address) -> int:
    client.get(address)  # warm the caches (content types, sessions) that later requests skip
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_list_of_applications_costs_the_same_for_5_or_25(
    client, established, clerk, chairman, commune, applicant_data
):
    def add(count):
        for i in range(count):
            application = recommended(clerk, commune, applicant_data, full_name=f"Người Thứ {i}")
            services.application_decide(application=application, by=chairman, approve=i % 2 == 0, comment="Ý kiến.")

    client.force_login(clerk)
    add(5)
    five = queries(client, url("joining:list"))
    add(20)
    assert queries(client, url("joining:list")) == five


def test_the_list_of_requests_to_leave_costs_the_same_for_5_or_25(
    client, established, clerk, chairman, commune, village_people
):
    def add(count):
        for i in range(count):
            seat = established.memberships.get(person=village_people[i % 3])
            leave_request = services.leave_request_create(membership=seat, reason="Lý do.", by=clerk)
            services.leave_request_propose(leave_request=leave_request, by=clerk, proposed_by="Ông Vinh")
            services.leave_request_decide(leave_request=leave_request, by=chairman, approve=False, comment="Chưa.")

    client.force_login(district_officer_of(commune))
    add(5)
    address = url("joining:list") + "?kind=leave"
    five = queries(client, address)
    add(20)
    assert queries(client, address) == five
