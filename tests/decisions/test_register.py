"""The outgoing register: its order and its XLSX in the columns of Decree 30."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from decisions.register import register_entries, register_xlsx
from documents.models import RegisterEntry
from tests import factories

pytestmark = pytest.mark.django_db
HEADERS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
SUBJECT_171 = "Quyết định Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def entry(commune, *, number, year=2022, doc_type="QĐ", **fields):
    values = {
        "symbol": f"{doc_type}-UBND",
        "issued_on": datetime.date(year, 10, 4),
        "subject": SUBJECT_171,
        "signer_name": "Phan Tiến Dũng",
        "signer_position": "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        "recipients": "Như Điều 3; Phòng VH - TT; Lưu: VT, VHXH",
        "copies": 8,
        **fields,
    }
    return RegisterEntry.objects.create(commune=commune, doc_type=doc_type, year=year, number=number, **values)


def keys(entries):
    return [(e.year, e.doc_type, e.number) for e in entries]


def test_the_register_is_in_year_type_and_number_order(commune):
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    entry(commune, number=1, year=2023)
    entry(commune, number=171)
    entry(commune, number=246, doc_type="KH")
    entry(commune, number=170)
    entry(other, number=5)
    assert keys(register_entries(commune=commune)) == [
        (2022, "KH", 246),
        (2022, "QĐ", 170),
        (2022, "QĐ", 171),
        (2023, "QĐ", 1),
    ]
    assert keys(register_entries(commune=commune, year=2022, doc_type="QĐ")) == [(2022, "QĐ", 170), (2022, "QĐ", 171)]


def test_the_xlsx_has_the_ten_columns_of_decree_30_and_one_row_per_entry(commune):
    entry(commune, number=170, note="Thay thế bằng QĐ 171", cancelled=True)
    entry(commune, number=171)
    xlsx = register_xlsx(register_entries(commune=commune, year=2022), commune=commune, year=2022)
    sheet = load_workbook(io.BytesIO(xlsx)).active
    title = sheet["A1"].value
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in title and "XÃ TÙNG ẢNH" in title and "2022" in title
    assert [cell.value for cell in sheet[2]] == HEADERS
    assert all(cell.font.bold for cell in sheet[2])
    assert all(sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ")
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == {"170/QĐ-UBND", "171/QĐ-UBND"}
    number, date, subject, signer, recipients, keeper, copies, sent, received, note = rows["171/QĐ-UBND"]
    assert date.date() == datetime.date(2022, 10, 4) and sheet["B4"].number_format == "DD/MM/YYYY"
    assert subject == SUBJECT_171 and signer == "Phan Tiến Dũng" and "Như Điều 3" in recipients
    assert (keeper, copies, sent, received, note) == ("VT", 8, None, None, None)
    assert rows["170/QĐ-UBND"][9] == "Thay thế bằng QĐ 171; Đã hủy"
    assert sheet["C4"].alignment.wrap_text


def test_numbers_below_ten_keep_their_leading_zero(commune):
    entry(commune, number=5, year=2026)
    sheet = load_workbook(
        io.BytesIO(register_xlsx(register_entries(commune=commune), commune=commune, year=None))
    ).active
    assert sheet["A3"].value == "05/QĐ-UBND"
    assert "NĂM" not in sheet["A1"].value
