"""The commune's report to the district: drafting, the life cycle, issuance, the document and its PDF."""

import datetime
import hashlib
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from documents import numbering, rendering
from documents.models import DocumentType, ImmutableError, RegisterEntry
from reports import commune_reports, report_documents, services
from reports.models import CommuneReport
from tests import factories, pdfs
from tests.reports import active_team, district_officer_of, file, values

pytestmark = pytest.mark.django_db

ISSUED_ON = datetime.date(2022, 11, 7)


@pytest.fixture
def october(commune):
    return factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)


@pytest.fixture
def teams(commune):
    return [active_team(commune, name="Đông Thái"), active_team(commune, name="Thông Tự")]


@pytest.fixture
def filed(teams, october, clerk):
    """One of the two teams has reported."""
    return file(teams[0], october, clerk, digital_addresses=12, vneid_activations=1234, outreach_sessions=3)


@pytest.fixture
def draft(october, clerk, filed):
    return commune_reports.commune_report_create(period=october, by=clerk)


@pytest.fixture
def submitted(draft, clerk):
    return commune_reports.commune_report_submit(report=draft, by=clerk)


def issue(report, by, on=ISSUED_ON):
    return commune_reports.commune_report_issue(report=report, by=by, on=on)


# Drafting ---------------------------------------------------------------------------------------


def test_a_new_draft_has_the_standard_wording(draft, october):
    assert draft.status == CommuneReport.Status.DRAFT
    assert draft.commune == october.commune
    assert draft.subject == "Kết quả hoạt động của các Tổ chuyển đổi số cộng đồng tháng 10/2022"
    assert draft.recipients.splitlines() == [
        "Phòng Văn hóa - Thông tin huyện Đức Thọ",
        "TT Đảng ủy, TT HĐND xã",
        "Lưu: VT, VHXH",
    ]
    assert "tháng 10/2022" in draft.intro
    assert draft.number is None and draft.pdf_sha256 == ""


def test_the_intro_cites_the_communes_plan(commune, october, clerk):
    factories.PlanFactory(commune=commune)
    report = commune_reports.commune_report_create(period=october, by=clerk)
    assert report.intro.startswith("Thực hiện Kế hoạch số 246/KH-UBND ngày 03/10/2022 của UBND xã Tùng Ảnh")


def test_a_period_has_one_report(draft, october, clerk):
    with pytest.raises(ValidationError, match="already been drafted"):
        commune_reports.commune_report_create(period=october, by=clerk)


def test_only_the_clerk_drafts_edits_and_submits(commune, october, chairman, clerk):
    for user in (chairman, district_officer_of(commune)):
        with pytest.raises(PermissionDenied):
            commune_reports.commune_report_create(period=october, by=user)
    report = commune_reports.commune_report_create(period=october, by=clerk)
    with pytest.raises(PermissionDenied):
        commune_reports.commune_report_update(report=report, by=chairman, difficulties="Không.")
    with pytest.raises(PermissionDenied):
        commune_reports.commune_report_submit(report=report, by=chairman)


def test_the_clerk_edits_the_text_of_a_draft_only(draft, clerk):
    report = commune_reports.commune_report_update(report=draft, by=clerk, difficulties="Thiếu thiết bị.")
    assert report.difficulties == "Thiếu thiết bị."
    with pytest.raises(ValueError, match="number"):
        commune_reports.commune_report_update(report=draft, by=clerk, number=5)
    commune_reports.commune_report_submit(report=draft, by=clerk)
    with pytest.raises(ValidationError, match="Only a draft"):
        commune_reports.commune_report_update(report=draft, by=clerk, difficulties="Khác.")


# Returning and issuing --------------------------------------------------------------------------


def test_a_returned_report_needs_a_comment_and_goes_back_to_draft(submitted, chairman):
    with pytest.raises(ValidationError, match="needs a comment"):
        commune_reports.commune_report_return(report=submitted, by=chairman, comment="  ")
    report = commune_reports.commune_report_return(report=submitted, by=chairman, comment="Bổ sung đề xuất.")
    assert report.status == CommuneReport.Status.DRAFT
    returned = report.events.last()
    assert (returned.action, returned.comment, returned.by) == ("returned", "Bổ sung đề xuất.", chairman)
    assert [event.action for event in report.events.all()] == ["created", "submitted", "returned"]


def test_only_the_chairman_or_a_vice_returns_or_issues(submitted, clerk, commune):
    for user in (clerk, district_officer_of(commune)):
        with pytest.raises(PermissionDenied):
            issue(submitted, user)
        with pytest.raises(PermissionDenied):
            commune_reports.commune_report_return(report=submitted, by=user, comment="Sửa.")
    assert CommuneReport.objects.get(pk=submitted.pk).status == CommuneReport.Status.SUBMITTED


def test_only_a_submitted_report_is_issued(draft, chairman):
    with pytest.raises(ValidationError, match="Only a submitted report"):
        issue(draft, chairman)


def test_the_first_report_of_the_year_is_01_apart_from_the_decisions(commune, submitted, chairman, clerk, teams):
    with transaction.atomic():
        for _ in range(3):
            numbering.take_number(commune=commune, doc_type=DocumentType.DECISION, year=2022)
    report = issue(submitted, chairman)
    assert (report.number, report.year, report.number_symbol) == (1, 2022, "01/BC-UBND")
    assert report.snapshot["number_line"] == "Số: 01/BC-UBND"

    november = factories.ReportingPeriodFactory(commune=commune, year=2022, month=11)
    second = commune_reports.commune_report_create(period=november, by=clerk)
    commune_reports.commune_report_submit(report=second, by=clerk)
    assert issue(second, chairman, on=datetime.date(2022, 12, 5)).number_symbol == "02/BC-UBND"
    with transaction.atomic():
        assert numbering.take_number(commune=commune, doc_type=DocumentType.DECISION, year=2022) == 4


def test_issuance_stores_the_pdf_once_with_its_sha256(submitted, chairman):
    report = issue(submitted, chairman)
    stored = CommuneReport.objects.get(pk=report.pk)
    assert stored.status == CommuneReport.Status.ISSUED
    pdf = commune_reports.pdf_bytes(stored)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == stored.pdf_sha256
    assert (stored.issued_on, stored.signer.full_name, stored.signer_is_vice) == (ISSUED_ON, "Phan Tiến Dũng", False)


def test_a_draft_has_no_stored_pdf(draft):
    with pytest.raises(ValidationError, match="Only an issued report"):
        commune_reports.pdf_bytes(draft)


def test_an_altered_pdf_is_refused(submitted, chairman):
    report = issue(submitted, chairman)
    factories.tamper_stored_pdf(report, commune_reports.pdf_bytes(report) + b"%")
    with pytest.raises(ValidationError, match="SHA-256"):
        commune_reports.pdf_bytes(report)


def test_issuance_writes_the_outgoing_register_line(submitted, chairman):
    report = issue(submitted, chairman)
    entry = RegisterEntry.objects.get(commune=report.commune, doc_type=DocumentType.REPORT, year=2022, number=1)
    assert report.register_entry == entry
    assert entry.number_symbol == "01/BC-UBND"
    assert entry.issued_on == ISSUED_ON
    assert entry.subject == "Báo cáo kết quả hoạt động của các Tổ chuyển đổi số cộng đồng tháng 10/2022"
    assert (entry.signer_name, entry.signer_position) == ("Phan Tiến Dũng", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
    assert entry.recipients == "Phòng Văn hóa - Thông tin huyện Đức Thọ; TT Đảng ủy, TT HĐND xã; Lưu: VT, VHXH"


def test_a_vice_chairman_signs_for_the_chairman(submitted, vice_chairman):
    report = issue(submitted, vice_chairman)
    assert report.signer_is_vice
    assert report.snapshot["signature"] == {
        "lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Lê Doãn Lợi",
    }


def test_the_issued_report_keeps_the_totals_of_its_issuance(submitted, chairman, filed, clerk):
    report = issue(submitted, chairman)
    services.report_correct(report=filed, values=values(digital_addresses=99), by=clerk)
    later = CommuneReport.objects.get(pk=report.pk)
    printed = report_documents.report_document(later)["sections"][0]["paragraphs"]
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 12 hộ;" in printed
    assert "- Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt: 1.234 tài khoản;" in printed
    rebuilt = report_documents.build_report_document(later)["sections"][0]["paragraphs"]
    assert "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 99 hộ;" in rebuilt


def test_an_issued_report_never_changes(submitted, chairman, clerk):
    report = issue(submitted, chairman)
    report.subject = "Khác"
    with pytest.raises(ImmutableError):
        report.save()
    with pytest.raises(ImmutableError):
        report.delete()
    with pytest.raises(ImmutableError):
        CommuneReport.objects.filter(pk=report.pk).update(subject="Khác")
    with pytest.raises(ImmutableError):
        CommuneReport.objects.filter(pk=report.pk).delete()
    with pytest.raises(ValidationError, match="already been issued as 01/BC-UBND"):
        issue(report, chairman)
    with pytest.raises(ValidationError, match="Only a draft"):
        commune_reports.commune_report_update(report=report, by=clerk, subject="Khác")


def test_a_failed_render_consumes_no_number(submitted, chairman, monkeypatch):
    def refuse(*args, **kwargs):
        raise rendering.RenderingError("font missing")

    with monkeypatch.context() as patched:
        patched.setattr(rendering, "document_pdf", refuse)
        with pytest.raises(rendering.RenderingError):
            issue(submitted, chairman)
    stored = CommuneReport.objects.get(pk=submitted.pk)
    assert (stored.status, stored.number, stored.pdf_sha256) == (CommuneReport.Status.SUBMITTED, None, "")
    assert not RegisterEntry.objects.exists()
    assert issue(stored, chairman).number_symbol == "01/BC-UBND"


# The document -----------------------------------------------------------------------------------


def test_the_draft_document_prints_the_figures_and_the_completeness(draft):
    doc = report_documents.report_document(draft)
    assert doc["is_draft"]
    assert doc["number_line"] == "Số:       /BC-UBND"
    assert doc["doc_type_title"] == "BÁO CÁO"
    assert doc["issuing_body"] == ["ỦY BAN NHÂN DÂN", "XÃ TÙNG ẢNH"]
    assert doc["signature"] == {"lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": ""}
    results, difficulties, proposals = doc["sections"]
    assert results["heading"] == "1. Kết quả thực hiện"
    assert results["paragraphs"][0] == "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 12 hộ;"
    assert results["paragraphs"][-1] == "- Số Tổ đã báo cáo: 1/2 (kết quả của từng Tổ tại Phụ lục kèm theo)."
    assert difficulties["heading"] == "2. Khó khăn, vướng mắc"
    assert proposals["heading"] == "3. Đề xuất"
    assert proposals["paragraphs"][-1].endswith("./.")
    assert doc["recipients"][-1] == "- Lưu: VT, VHXH."


def test_an_empty_section_prints_none(draft, clerk):
    report = commune_reports.commune_report_update(report=draft, by=clerk, difficulties="", proposals="")
    doc = report_documents.build_report_document(report)
    assert doc["sections"][1]["paragraphs"] == ["Không."]
    assert doc["sections"][2]["paragraphs"] == ["Không./."]


def test_the_draft_html_is_marked_draft(draft):
    html = rendering.render_html(commune_reports.TEMPLATE, report_documents.report_document(draft))
    assert "DỰ THẢO" in html
    assert "BÁO CÁO" in html


def test_the_issued_pdf_reads_as_the_report(submitted, chairman):
    pdf = commune_reports.pdf_bytes(issue(submitted, chairman))
    text = unicodedata.normalize("NFC", " ".join(pdfs.text(pdf).split()))
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/BC-UBND",
        "Tùng Ảnh, ngày 07 tháng 11 năm 2022",
        "BÁO CÁO",
        "Kết quả hoạt động của các Tổ chuyển đổi số cộng đồng tháng 10/2022",
        "- Hộ gia đình được hướng dẫn tạo địa chỉ số: 12 hộ;",
        "- Tài khoản định danh điện tử (VNeID) được hỗ trợ kích hoạt: 1.234 tài khoản;",
        "- Buổi tuyên truyền, hướng dẫn đã tổ chức: 3 buổi;",
        "- Số Tổ đã báo cáo: 1/2 (kết quả của từng Tổ tại Phụ lục kèm theo).",
        "Khó khăn, vướng mắc",
        "Đề xuất",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phan Tiến Dũng",
    ):
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    for width, height in pdfs.page_sizes(pdf):
        assert (width / pdfs.MM, height / pdfs.MM) == pytest.approx((210, 297), abs=0.1)  # A4
