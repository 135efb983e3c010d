"""The demo's decisions 170, 171 and 172/QĐ-UBND print the reference documents, slips fixed.

``reference/NNN.txt`` holds every body paragraph of the typed copies in
``shared/reference/``, with the typing slips listed there corrected; the PDF's text (read
back with tests/pdfs.py) must contain each paragraph word for word, plus the header, the
members and the signature block.
"""

import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from decisions.models import Decision
from decisions.workflow import pdf_bytes
from tests import pdfs

REFERENCE = Path(__file__).parent / "reference"
MEMBERS = {
    170: [
        "1. Ông Lê Doãn Lợi - Phó Chủ tịch UBND - Tổ trưởng",
        "2. Bà Võ Thị Thanh Cảnh - Công chức VHXH - Tổ phó",
        "3. Ông Nguyễn Đắc Thắng - Bí thư Đoàn TN - Tổ viên",
    ],
    171: [
        "1. Ông Phạm Hồng Chương - BT chi bộ thôn Đông Thái - Tổ trưởng",
        "2. Ông Nguyễn Xuân Vinh - Thôn trưởng thôn Đông Thái - Tổ phó",
        "3. Bà Mai Thị Hằng - Bí thư Chi đoàn TN - Tổ viên",
    ],
    172: [
        "1. Ông Nguyễn Bá Khuê - BT chi bộ thôn Thông Tự - Tổ trưởng",
        "2. Ông Phan Doãn Sơn - Thôn trưởng thôn Thông Tự - Tổ phó",
        "3. Ông Phan Doãn Nam - Bí thư Chi đoàn TN - Tổ viên",
    ],
}
SUBJECTS = {
    170: "Về việc thành lập Tổ chuyển đổi số cộng đồng xã Tùng Ảnh",
    171: "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái",
    172: "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Thông Tự",
}
LINES = [
    "ỦY BAN NHÂN DÂN",
    "XÃ TÙNG ẢNH",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Tùng Ảnh, ngày 04 tháng 10 năm 2022",
    "QUYẾT ĐỊNH",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH",
    "QUYẾT ĐỊNH:",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Phòng VH - TT;",
    "- TT Đảng ủy, TT HĐND, TTMTTQ xã;",
    "- Chủ tịch, các PCT UBND xã;",
    "- Lưu: VT/UBND.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Phan Tiến Dũng",
]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    """The demo's stored PDFs, read once; the demo itself is rolled back for the other tests."""
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        call_command("load_demo", stdout=StringIO())
        stored = {d.number: pdf_bytes(d) for d in Decision.objects.filter(year=2022, number__in=MEMBERS)}
        transaction.set_rollback(True)
    return stored


def pdf_text(pdf: bytes) -> str:
    """The text of ``pdf`` line by line, page numbers (drawn after the page's content) left out."""
    texts = []
    for page in range(1, pdfs.page_count(pdf) + 1):
        lines = pdfs.text(pdf, page).splitlines()
        if page > 1 and lines and lines[-1].strip() == str(page):
            lines.pop()
        texts.append("\n".join(lines))
    return "\n".join(texts)


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("number", [170, 171, 172])
def test_the_pdf_holds_every_paragraph_of_the_reference(demo_pdfs, number):
    text = folded(pdf_text(demo_pdfs[number]))
    for paragraph in (REFERENCE / f"{number}.txt").read_text(encoding="utf-8").splitlines():
        assert folded(paragraph) in text, paragraph


@pytest.mark.parametrize("number", [170, 171, 172])
def test_the_pdf_holds_the_header_members_and_signature(demo_pdfs, number):
    raw = pdf_text(demo_pdfs[number])
    lines = {" ".join(line.split()) for line in raw.splitlines()}
    text = folded(raw)
    assert f"Số: {number}/QĐ-UBND" in text
    assert folded(SUBJECTS[number]) in text
    for line in MEMBERS[number]:
        assert line in lines, line
    for line in LINES:
        assert line in text, line
    assert unicodedata.is_normalized("NFC", raw)
