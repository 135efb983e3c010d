"""What residents send back: a request for help, refused when bad, counted when handled."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Official
from residents import services, throttling
from residents.models import HelpRequest
from tests import factories

GOOD = {
    "name": "Đặng Thị Thu",
    "phone": "0912 888 777",
    "need": "vneid",
    "detail": "Tôi cần kích hoạt tài khoản định danh mức 2.",
    "consent": "on",
}


def send(client, page, **changes):
    data = {key: value for key, value in (GOOD | changes).items() if value is not None}
    return client.post(reverse("public:help", args=[page.slug]), data)


def test_a_resident_sends_a_request_without_an_account(client, page):
    form = client.get(reverse("public:help", args=[page.slug]))
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    response = send(client, page)
    assert response.status_code == 302 and response["Location"] == reverse("public:help_sent", args=[page.slug])
    request = HelpRequest.objects.get()
    assert (request.team, request.name, request.phone, request.need) == (
        page.team,
        "Đặng Thị Thu",
        "0912888777",
        "vneid",
    )
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"consent": None},  # no consent to store it
        {"name": "<script>alert(1)</script>"},  # markup in a name
        {"name": ""},
        {"name": "x" * 10_000},
        {"detail": "x" * 10_000},
        {"phone": "12345"},
        {"phone": "0912٣٤٥٦٧٨"},  # not ASCII digits
        {"phone": "x" * 10_000},
        {"need": "money"},
        {"need": "other", "detail": ""},  # "other" says what
        {"name": "\u202e\u202e"},  # invisible direction controls only
    ],
)
def test_a_bad_request_is_refused_and_nothing_is_stored(client, page, changes):
    response = send(client, page, **changes)
    assert response.status_code == 200
    assert not HelpRequest.objects.exists()


def test_markup_in_the_details_is_stored_as_text_and_shown_escaped(client, page, clerk):
    send(client, page, detail="<b>gấp</b><script>alert(1)</script>")
    client.force_login(clerk)
    body = client.get(reverse("teams:team_detail", args=[page.team.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body


def test_the_honeypot_stores_nothing_and_tells_the_bot_nothing(client, page):
    response = send(client, page, website="http://spam.example")
    assert response.status_code == 302
    assert not HelpRequest.objects.exists()


def test_the_eleventh_request_in_a_minute_from_one_address_is_refused(client, page):
    for _ in range(throttling.LIMIT):
        assert send(client, page).status_code == 302
    response = send(client, page)
    assert response.status_code == 429
    assert HelpRequest.objects.count() == throttling.LIMIT
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert send(other, page).status_code == 302


def test_invalid_requests_count_toward_the_limit(client, page):
    for _ in range(throttling.LIMIT):
        send(client, page, phone="1")
    assert send(client, page).status_code == 429
    assert not HelpRequest.objects.exists()


def test_the_limit_opens_again_after_a_minute(client, page):
    for _ in range(throttling.LIMIT):
        send(client, page)
    with mock.patch("django.core.cache.backends.locmem.time.time", return_value=timezone.now().timestamp() + 61):
        assert send(client, page).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, page, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    url = reverse("public:help", args=[page.slug])
    for n in range(throttling.LIMIT):
        client.post(url, GOOD, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = client.post(url, GOOD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, page, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("public:help", args=[page.slug])
    for _ in range(throttling.LIMIT):
        client.post(url, GOOD, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client.post(url, GOOD, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.post(url, GOOD, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


def test_the_form_needs_its_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    assert send(client, page).status_code == 403
    assert not HelpRequest.objects.exists()


def test_the_form_works_with_its_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("public:help", args=[page.slug]))
    token = client.cookies["csrftoken"].value
    assert send(client, page, csrfmiddlewaretoken=token).status_code == 302


def test_a_dissolved_team_takes_no_request(client, page, established):
    established.status = "dissolved"
    established.dissolved_on = datetime.date(2024, 1, 1)
    established.save()
    assert send(client, page).status_code == 404
    with pytest.raises(ValidationError):
        services.help_request_send(
            team=established, name="A", phone="0912000000", need="vneid", detail="", consent=True
        )


def test_the_service_refuses_a_request_without_consent(established):
    with pytest.raises(ValidationError):
        services.help_request_send(
            team=established, name="A", phone="0912000000", need="vneid", detail="", consent=False
        )
    assert not HelpRequest.objects.exists()


# The leader sees it, marks it handled, and it counts ---------------------------------------


def test_the_leader_sees_the_request_on_the_team_page_and_marks_it_handled(client, page, leader):
    send(client, page)
    client.force_login(leader)
    body = client.get(reverse("teams:team_detail", args=[page.team.pk])).content.decode()
    assert "Đặng Thị Thu" in body and 'href="tel:0912888777"' in body
    request = HelpRequest.objects.get()
    response = client.post(reverse("residents:help_request_handle", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.handled_by == leader and request.handled_at is not None


def test_the_clerk_marks_it_handled_too(client, page, clerk):
    send(client, page)
    request = HelpRequest.objects.get()
    services.help_request_handle(help_request=request, by=clerk)
    with pytest.raises(ValidationError):
        services.help_request_handle(help_request=request, by=clerk)


def test_a_chairman_a_district_officer_or_another_leader_neither_sees_nor_handles_it(client, page, chairman, commune):
    send(client, page)
    request = HelpRequest.objects.get()
    other = factories.PersonFactory(commune=commune)
    other_leader = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=other).user
    officer = factories.OfficialFactory(
        role=Official.Role.DISTRICT_OFFICER, commune=None, district=commune.district
    ).user
    for user in (chairman, other_leader, officer):
        with pytest.raises(PermissionDenied):
            services.help_request_handle(help_request=request, by=user)
    client.force_login(chairman)
    body = client.get(reverse("teams:team_detail", args=[page.team.pk])).content.decode()
    assert "Đặng Thị Thu" not in body
    assert client.post(reverse("residents:help_request_handle", args=[request.pk])).status_code == 403
    client.force_login(other_leader)
    assert client.post(reverse("residents:help_request_handle", args=[request.pk])).status_code == 404
    request.refresh_from_db()
    assert request.handled_at is None


def test_a_handled_request_counts_as_a_person_helped_on_the_month_pages(client, page, clerk, leader, commune):
    from reports.models import ReportingPeriod

    send(client, page)
    send(client, page, name="Người Thứ Hai")
    first, second = HelpRequest.objects.order_by("pk")
    services.help_request_handle(help_request=first, by=leader)
    today = timezone.localdate()
    period = ReportingPeriod.objects.create(commune=commune, year=today.year, month=today.month, due_on=today)
    last_month = ReportingPeriod.objects.create(
        commune=commune,
        year=today.year - (today.month == 1),
        month=12 if today.month == 1 else today.month - 1,
        due_on=today,
    )
    client.force_login(clerk)
    team_page = client.get(reverse("reports:report_file", args=[period.pk, page.team.pk])).content.decode()
    assert 'data-people-helped="1"' in team_page
    commune_page = client.get(reverse("reports:period_detail", args=[period.pk])).content.decode()
    assert 'data-people-helped="1"' in commune_page
    before = client.get(reverse("reports:period_detail", args=[last_month.pk])).content.decode()
    assert 'data-people-helped="0"' in before
    services.help_request_handle(help_request=second, by=clerk)
    team_page = client.get(reverse("reports:report_file", args=[period.pk, page.team.pk])).content.decode()
    assert 'data-people-helped="2"' in team_page


@pytest.mark.parametrize(
    "fields",
    [
        {"consent": False},
        {"need": "money"},
        {"handled_at": timezone.now()},  # handled by no one
    ],
    ids=["no-consent", "bad-need", "handled-by-no-one"],
)
def test_the_database_refuses_a_request_without_consent_or_incoherent(established, fields):
    from django.db import IntegrityError, transaction

    values = {"team": established, "name": "A", "phone": "0912000000", "need": "vneid", "consent": True}
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.bulk_create([HelpRequest(**(values | fields))])
