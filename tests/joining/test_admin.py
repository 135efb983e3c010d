"""The admin shows applications and leave requests, links to their pages, and changes none of them."""

import pytest
from django.urls import reverse

from joining import services
from joining.models import JoinApplication, LeaveRequest

pytestmark = pytest.mark.django_db


def stored_state():
    return {
        "applications": list(JoinApplication.objects.values_list("pk", "status", "full_name", "decision")),
        "leave_requests": list(LeaveRequest.objects.values_list("pk", "status", "reason", "decision")),
    }


def test_the_admin_lists_and_shows_requests_read_only(
    admin_client, established, clerk, commune, applicant_data, village_people
):
    application = services.application_create(commune=commune, by=clerk, **applicant_data)
    seat = established.memberships.get(person=village_people[2])
    leave_request = services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)
    before = stored_state()
    pages = {
        "joinapplication": (application.pk, "joining:application_detail"),
        "leaverequest": (leave_request.pk, "joining:leave_request_detail"),
    }
    for name, (pk, page) in pages.items():
        link = f'href="{reverse(page, args=[pk])}"'
        listing = admin_client.get(reverse(f"admin:joining_{name}_changelist"))
        assert listing.status_code == 200
        assert f"/admin/joining/{name}/add/" not in listing.content.decode()
        assert link in listing.content.decode()
        change = admin_client.get(reverse(f"admin:joining_{name}_change", args=[pk]))
        assert change.status_code == 200 and link in change.content.decode()
        assert admin_client.post(reverse(f"admin:joining_{name}_change", args=[pk]), {}).status_code == 403
        assert admin_client.post(reverse(f"admin:joining_{name}_delete", args=[pk]), {"post": "yes"}).status_code == 403
        for step in ("decide", "recommend", "propose", "draft"):
            assert admin_client.post(f"/admin/joining/{name}/{pk}/{step}/", {"approve": "1"}).status_code == 404
    assert stored_state() == before
    assert JoinApplication.objects.get().full_name == "Trần Thị Lan"
