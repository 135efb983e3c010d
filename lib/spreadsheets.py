"""Cells for the spreadsheets we export (XLSX and CSV): text is never run as a formula.

A clerk's text that begins with "=", "+", "-", "@", a tab or a carriage return can be read by
Excel and LibreOffice as a formula (``=HYPERLINK(...)`` becomes a live link, ``=cmd|...``
worse). OWASP's rule for CSV (formula) injection: prefix such a cell with a single quote.
Every export writes its cells through ``safe_cell`` (or ``safe_row``), in XLSX and CSV alike.
"""

import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML (and so XLSX) cannot hold: a vertical tab pasted from Word's manual
# line break would otherwise make openpyxl refuse the whole export, for good, since register
# lines never change. Each becomes a space.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Only text is changed: numbers, dates and None pass through untouched, so that numbers
    (negative ones included) stay numbers in the sheet. Control characters become spaces.
    """
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub(" ", value)
    if value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]
