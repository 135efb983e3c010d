"""The commune report's pages: the whole path through the client, and who may do what."""

import pytest
from django.test import Client
from django.urls import reverse

from documents import storage
from reports.models import CommuneReport
from tests import factories
from tests.reports import active_team, clerk_of, district_officer_of, file, other_commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def filed(commune, october, clerk):
    return file(active_team(commune, name="Đông Thái"), october, clerk, digital_addresses=12)


def url(name, *args):
    return reverse(f"commune_reports:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def report(october, clerk, filed, client):
    as_user(client, clerk).post(url("create", october.pk))
    client.logout()
    return CommuneReport.objects.get(period=october)


def test_the_clerk_drafts_submits_and_the_chairman_issues(client, october, clerk, chairman, filed):
    as_user(client, clerk)
    page = client.get(url("create", october.pk))
    assert page.status_code == 200
    assert "Draft the report" in page.text

    response = client.post(url("create", october.pk))
    report = CommuneReport.objects.get(period=october)
    assert response.status_code == 302 and response.url == url("edit", report.pk)

    form = client.get(url("edit", report.pk))
    assert form.status_code == 200
    data = {name: form.context["form"].initial[name] for name in ("subject", "intro", "proposals", "recipients")}
    response = client.post(url("edit", report.pk), {**data, "difficulties": "Thiếu điện thoại thông minh."})
    assert response.status_code == 302 and response.url == url("detail", report.pk)

    detail = client.get(url("detail", report.pk))
    assert detail.status_code == 200
    assert url("preview", report.pk) in detail.text
    assert "Submit to the chairman" in detail.text
    preview = client.get(url("preview", report.pk))
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "DỰ THẢO" in preview.text
    assert "Thiếu điện thoại thông minh." in preview.text
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 12 hộ;" in preview.text

    assert client.post(url("submit", report.pk)).status_code == 302
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReport.Status.SUBMITTED

    as_user(client, chairman)
    detail = client.get(url("detail", report.pk))
    assert "Sign and issue" in detail.text
    response = client.post(url("issue", report.pk), follow=True)
    assert "Issued as 01/BC-UBND" in response.text
    report.refresh_from_db()
    assert report.is_issued

    pdf = client.get(url("pdf", report.pk))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"] and f"bao-cao-01-{report.year}.pdf" in pdf["Content-Disposition"]
    assert pdf.content == storage.read(report.pdf_sha256)
    preview = client.get(url("preview", report.pk))
    assert "Số: 01/BC-UBND" in preview.text and "DỰ THẢO" not in preview.text


def test_creating_again_opens_the_existing_report(client, report, clerk, october):
    response = as_user(client, clerk).get(url("create", october.pk))
    assert response.status_code == 302 and response.url == url("detail", report.pk)


def test_the_chairman_returns_with_a_comment(client, report, clerk, chairman):
    as_user(client, clerk).post(url("submit", report.pk))
    as_user(client, chairman)
    response = client.post(url("return", report.pk), {"comment": ""})
    assert response.status_code == 200
    assert response.context["return_form"].errors
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReport.Status.SUBMITTED

    response = client.post(url("return", report.pk), {"comment": "Bổ sung số liệu."})
    assert response.status_code == 302
    as_user(client, clerk)
    detail = client.get(url("detail", report.pk))
    assert "Returned with comments" in detail.text and "Bổ sung số liệu." in detail.text


def test_a_draft_has_no_pdf_to_download(client, report, clerk):
    response = as_user(client, clerk).get(url("pdf", report.pk), follow=True)
    assert "Only an issued report has a stored PDF." in response.text


def test_another_commune_sees_nothing(client, report, october):
    stranger = clerk_of(other_commune())
    as_user(client, stranger)
    for name in ("detail", "edit", "preview", "pdf"):
        assert client.get(url(name, report.pk)).status_code == 404, name
    for name in ("submit", "issue", "return"):
        assert client.post(url(name, report.pk)).status_code == 404, name
    assert client.get(url("create", october.pk)).status_code == 404


def test_the_district_officer_reads_but_changes_nothing(client, report, commune, october):
    as_user(client, district_officer_of(commune))
    assert client.get(url("detail", report.pk)).status_code == 200
    assert client.get(url("preview", report.pk)).status_code == 200
    assert client.get(url("edit", report.pk)).status_code == 403
    for name in ("submit", "issue", "return"):
        assert client.post(url(name, report.pk), {"comment": "x"}).status_code == 403, name
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReport.Status.DRAFT


def test_the_district_officer_cannot_draft(client, commune, october):
    assert as_user(client, district_officer_of(commune)).post(url("create", october.pk)).status_code == 403
    assert not CommuneReport.objects.exists()


def test_the_clerk_does_not_issue(client, report, clerk):
    as_user(client, clerk).post(url("submit", report.pk))
    assert client.post(url("issue", report.pk)).status_code == 403
    assert client.post(url("return", report.pk), {"comment": "x"}).status_code == 403


def test_the_steps_are_post_only_and_need_the_csrf_token(report, clerk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk)
    assert client.get(url("submit", report.pk)).status_code == 405
    assert client.post(url("submit", report.pk)).status_code == 403
    assert CommuneReport.objects.get(pk=report.pk).status == CommuneReport.Status.DRAFT
