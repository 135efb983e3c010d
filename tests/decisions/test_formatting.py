"""Decree 30's way of writing numbers and dates."""

import datetime

from documents import formatting


def test_numbers_below_ten_take_a_leading_zero():
    assert formatting.number_line(number=5, symbol="QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert formatting.number_line(number=171, symbol="QĐ-UBND") == "Số: 171/QĐ-UBND"


def test_a_draft_has_a_blank_number():
    line = formatting.number_line(number=None, symbol="QĐ-UBND")
    assert line.startswith("Số: ") and line.endswith("/QĐ-UBND")
    assert not any(ch.isdigit() for ch in line)


def test_dates_pad_days_and_the_first_two_months_only():
    assert formatting.vietnamese_date(datetime.date(2022, 10, 4)) == "ngày 04 tháng 10 năm 2022"
    assert formatting.vietnamese_date(datetime.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert formatting.vietnamese_date(datetime.date(2026, 2, 28)) == "ngày 28 tháng 02 năm 2026"
    assert formatting.vietnamese_date(datetime.date(2019, 6, 29)) == "ngày 29 tháng 6 năm 2019"
    assert formatting.vietnamese_date(datetime.date(2025, 3, 1)) == "ngày 01 tháng 3 năm 2025"


def test_the_place_date_line_names_the_commune():
    line = formatting.place_date_line(place="Tùng Ảnh", day=datetime.date(2022, 10, 4))
    assert line == "Tùng Ảnh, ngày 04 tháng 10 năm 2022"
    undated = formatting.place_date_line(place="Tùng Ảnh", day=None, year=2022)
    assert undated.startswith("Tùng Ảnh, ngày ") and undated.endswith("năm 2022")
