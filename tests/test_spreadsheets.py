"""``safe_cell``: text a spreadsheet would run as a formula gets a leading quote; nothing else changes."""

import datetime
import decimal

import pytest

from lib.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=", "-"],
)
def test_it_quotes_text_that_starts_like_a_formula(text):
    assert safe_cell(text) == f"'{text}"


@pytest.mark.parametrize("text", ["", "Như Điều 3; Lưu: VT", "171/QĐ-UBND", " =1+1", "'=1+1", "a=b", "\n=1+1", "＝1+1"])
def test_it_leaves_other_text_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "value",
    [None, 0, -5, 3.5, -0.5, decimal.Decimal("-1.5"), True, datetime.date(2022, 10, 4), datetime.datetime(2022, 1, 1)],
)
def test_numbers_dates_and_none_pass_through_untouched(value):
    assert safe_cell(value) is value


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row(("=1+1", -1, None, "Xã Tùng Ảnh")) == ["'=1+1", -1, None, "Xã Tùng Ảnh"]


@pytest.mark.parametrize("control", ["\x00", "\x08", "\x0b", "\x0c", "\x1f"])
def test_control_characters_xml_cannot_hold_become_spaces(control):
    assert safe_cell(f"Về việc{control}thành lập") == "Về việc thành lập"


def test_line_breaks_and_tabs_inside_text_stay():
    assert safe_cell("Như Điều 3;\nLưu: VT\tUBND") == "Như Điều 3;\nLưu: VT\tUBND"
