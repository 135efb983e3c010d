"""The admin shows applications and leave requests, and changes none of them."""

import pytest
from django.urls import reverse

from joining import services
from joining.models import JoinApplication
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_shows_requests_read_only(
    client, established, clerk, commune, applicant_data, village_people
):
    application = services.application_create(commune=commune, by=clerk, **applicant_data)
    seat = established.memberships.get(person=village_people[2])
    leave_request = services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)
    admin = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    for name, pk in (("joinapplication", application.pk), ("leaverequest", leave_request.pk)):
        listing = client.get(reverse(f"admin:joining_{name}_changelist"))
        assert listing.status_code == 200
        assert f"/admin/joining/{name}/add/" not in listing.content.decode()
        assert client.get(reverse(f"admin:joining_{name}_change", args=[pk])).status_code == 200
        assert client.post(reverse(f"admin:joining_{name}_change", args=[pk]), {}).status_code == 403
        assert client.post(reverse(f"admin:joining_{name}_delete", args=[pk]), {"post": "yes"}).status_code == 403
    assert JoinApplication.objects.get().full_name == "Trần Thị Lan"
