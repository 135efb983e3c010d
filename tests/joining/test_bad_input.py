"""No input, however wrong, makes a joining page fail: a refusal is a form error or a message."""

import pytest
from django.urls import reverse

from joining import services

pytestmark = pytest.mark.django_db

JUNK = ["", " ", "abc", "-1", "0", "999999", "1.5", "\x00", "x" * 5000, "<script>alert(1)</script>", "Đ" * 301]


@pytest.fixture
def requests_at_every_step(established, clerk, chairman, commune, village_people, applicant_data):
    submitted = services.application_create(commune=commune, by=clerk, **applicant_data)
    recommended = services.application_recommend(
        application=services.application_create(commune=commune, by=clerk, **applicant_data),
        by=clerk,
        recommended_by="Ông Vinh",
    )
    seat = established.memberships.get(person=village_people[2])
    leave = services.leave_request_create(membership=seat, reason="Chuyển công tác.", by=clerk)
    services.leave_request_propose(leave_request=leave, by=clerk, proposed_by="Ông Vinh")
    services.leave_request_decide(leave_request=leave, by=chairman, approve=True)
    return {"submitted": submitted, "recommended": recommended, "leave": leave}


FIELDS = {
    "joining:application_create": ["village", "full_name", "gender", "birth_year", "phone", "position", "motivation"],
    "joining:leave_request_create": ["membership", "reason"],
}


@pytest.mark.parametrize("junk", JUNK)
def test_the_creation_forms_refuse_junk_without_failing(client, requests_at_every_step, clerk, applicant_data, junk):
    client.force_login(clerk)
    valid = {**applicant_data, "village": applicant_data["village"].pk, "phone_consent": "on"}
    for name, fields in FIELDS.items():
        for field in fields:
            data = {**valid, field: junk} if name.endswith("application_create") else {"membership": junk, field: junk}
            response = client.post(reverse(name), data)
            assert response.status_code in (200, 302), (name, field)
    client.get(reverse("joining:leave_request_create") + f"?membership={junk}")
    # A NUL in a query string is refused before any view (lib.middleware.RefuseNulMiddleware).
    expected = 400 if "\x00" in junk else 200
    assert client.get(reverse("joining:list") + f"?kind={junk}&page={junk}").status_code == expected


@pytest.mark.parametrize("junk", JUNK)
def test_the_steps_refuse_junk_without_failing(client, requests_at_every_step, clerk, chairman, junk):
    steps = requests_at_every_step
    for user, name, pk, fields in [
        (clerk, "joining:application_recommend", steps["submitted"].pk, ["recommended_by", "note"]),
        (chairman, "joining:application_decide", steps["recommended"].pk, ["outcome", "comment"]),
        (clerk, "joining:application_draft", steps["recommended"].pk, ["anything"]),
        (chairman, "joining:leave_request_decide", steps["leave"].pk, ["outcome", "comment"]),
        (clerk, "joining:leave_request_draft", steps["leave"].pk, ["replacement"]),
        (clerk, "joining:leave_request_propose", steps["leave"].pk, ["proposed_by", "note"]),
    ]:
        client.force_login(user)
        for field in fields:
            response = client.post(reverse(name, args=[pk]), {field: junk})
            assert response.status_code in (200, 302), (name, field)


def test_a_missing_request_is_404(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("joining:application_detail", args=[987654])).status_code == 404
    assert client.post(reverse("joining:leave_request_draft", args=[987654])).status_code == 404
