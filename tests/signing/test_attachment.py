"""An attachment filed separately (the commune report's appendix, "phụ lục") carries, top right of
page 1, the report's number/symbol and the signing time in ISO 8601 at +07:00, in 10 pt, and
is signed by the seal alone (Decree 30, Appendix I; ../shared/nd30-layout.md, "Electronic copies")."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pyhanko.pdf_utils.reader import PdfFileReader

from documents import archive, attachments, storage, verification
from documents.models import Attachment, ImmutableError, RegisterEntry
from documents.signing import SEAL_FIELD
from reports import commune_reports, services
from tests import factories, pdfs
from tests.reports import active_team, file
from tests.signing.conftest import SEAL

pytestmark = pytest.mark.django_db
MM = pdfs.MM
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


@pytest.fixture
def report(commune, clerk):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    teams = [active_team(commune, name="Đông Thái"), active_team(commune, name="Thông Tự")]
    file(teams[0], period, clerk, digital_addresses=12, vneid_activations=1234, outreach_sessions=3)
    draft = commune_reports.commune_report_create(period=period, by=clerk)
    return commune_reports.commune_report_submit(report=draft, by=clerk)


def issue(report, chairman):
    report = commune_reports.commune_report_issue(report=report, by=chairman, on=datetime.date(2022, 11, 7))
    entry = RegisterEntry.objects.get(commune=report.commune, doc_type="BC", year=2022, number=report.number)
    return report, entry


def test_the_signed_appendix_is_marked_top_right_in_10_pt(pkcs12_signing, report, chairman):
    report, entry = issue(report, chairman)
    (attachment,) = entry.attachments.all()
    assert attachment.title.startswith("PHỤ LỤC Kết quả hoạt động của từng Tổ")
    pdf = storage.read(attachment.pdf_sha256)
    words = [w for w in pdfs.words(pdf) if w.page == 1]
    number, moment = words[0], words[1]
    assert number.text == "01/BC-UBND" and ISO.match(moment.text)
    assert moment.text == attachments.signing_time(attachment.signed_at) == attachment.snapshot["mark"]["signed_at"]
    assert attachment.signed_at == report.issued_at
    for word in (number, moment):  # the top right corner: against the right margin, above the title
        assert word.x_max == pytest.approx(195 * MM, abs=1.0)
        assert 20 * MM - 1 <= word.y_min < 35 * MM
    title = next(w for w in words if w.text == "PHỤ")
    assert number.y_max < title.y_min
    # 10 pt: the word's box is 10/14 of the 14 pt title's (same face, same ascent and descent).
    assert (number.y_max - number.y_min) / (title.y_max - title.y_min) == pytest.approx(10 / 14, abs=0.01)
    text = pdfs.text(pdf)
    assert "(Kèm theo Báo cáo số 01/BC-UBND ngày 07/11/2022 của UBND xã Tùng Ảnh)" in text
    assert "Chưa gửi báo cáo." in text and "12 hộ" in text
    # Signed by the seal alone, with no image (the mark is the page's text), and PDF/A-2b like the report.
    reader = PdfFileReader(io.BytesIO(pdf))
    xmp = reader.root["/Metadata"].get_object().data.decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp) and re.search(r"pdfaid:conformance(>|=\")B", xmp)
    assert all(font.embedded for font in pdfs.fonts(pdf))
    assert [s.field_name for s in reader.embedded_signatures] == [SEAL_FIELD]
    (field,) = [f.get_object() for f in reader.root["/AcroForm"]["/Fields"]]
    assert [float(v) for v in field["/Rect"]] == [0, 0, 0, 0]
    # The check knows it: the attachment filed with 01/BC-UBND, the seal's signature intact and trusted.
    verdict = verification.verify_pdf(pdf)
    assert verdict.attachment == attachment and verdict.document == report and verdict.chain_holds
    assert [(s.signer, s.ok) for s in verdict.signatures] == [(SEAL, True)]
    with translation.override("en"):
        assert f"This file is the attachment filed with it: {attachment.title}." in verification.describe(verdict)


def test_unsigned_the_appendix_is_filed_without_a_mark(report, chairman):
    report, entry = issue(report, chairman)
    (attachment,) = entry.attachments.all()
    pdf = storage.read(attachment.pdf_sha256)
    assert pdfs.words(pdf)[0].text == "PHỤ" and attachment.signed_at is None
    assert "+07:00" not in pdfs.text(pdf)
    assert not PdfFileReader(io.BytesIO(pdf)).embedded_signatures


def test_the_appendix_tells_a_figure_left_empty_from_a_zero(commune, clerk, chairman):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    team = active_team(commune, name="Yên Hồ")
    services.report_file(team=team, period=period, values={"digital_addresses": 0}, by=clerk)
    draft = commune_reports.commune_report_create(period=period, by=clerk)
    report, entry = issue(commune_reports.commune_report_submit(report=draft, by=clerk), chairman)
    text = pdfs.text(storage.read(entry.attachments.get().pdf_sha256))
    assert "tạo địa chỉ số: 0 hộ" in text and "chưa báo cáo" in text


def test_a_filed_attachment_never_changes(report, chairman):
    _report, entry = issue(report, chairman)
    attachment = entry.attachments.get()
    attachment.title = "Khác"
    with pytest.raises(ImmutableError):
        attachment.save()
    with pytest.raises(ValidationError):
        attachment.delete()
    with pytest.raises(ImmutableError):
        Attachment.objects.all().delete()


def test_a_refused_seal_files_nothing_and_uses_no_number(pkcs12_signing, monkeypatch, report, chairman):
    monkeypatch.setenv("DOCUMENT_SIGNING_PKCS12_PASSPHRASE", "wrong")
    with pytest.raises(ValidationError):
        issue(report, chairman)
    assert not Attachment.objects.exists() and not RegisterEntry.objects.filter(doc_type="BC").exists()


def test_officials_download_the_attachment_from_the_reports_page(report, chairman, client, settings):
    settings.LANGUAGE_CODE = "en"
    report, entry = issue(report, chairman)
    attachment = entry.attachments.get()
    client.force_login(chairman)
    url = reverse("documents:attachment_pdf", args=[attachment.pk])
    page = client.get(reverse("commune_reports:detail", args=[report.pk])).content.decode()
    assert url in page and "Download the attachment (PHỤ LỤC)" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(
        response.streaming_content if response.streaming else [response.content]
    ) == storage.read(attachment.pdf_sha256)
    other = factories.CommuneFactory(code=18260, name="Khác")
    stranger = get_user_model().objects.create_user("vanthu.khac", password="x")
    factories.OfficialFactory(user=stranger, commune=other, role="clerk")
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_the_store_keeps_the_attachment_and_verify_archive_checks_it(report, chairman):
    _report, entry = issue(report, chairman)
    attachment = entry.attachments.get()
    out = io.StringIO()
    call_command("check_document_store", stdout=out)  # (other tests' files may be orphans here)
    assert storage.name_for(attachment.pdf_sha256) not in out.getvalue()  # named, so never an orphan
    factories.tamper_stored_pdf(attachment, b"%PDF-1.7 forged")
    (problem,) = archive.problems()
    assert problem.where == "attachment 1 of 01/BC-UBND of 2022 (commune 18259)"
    assert "altered" in problem.what
