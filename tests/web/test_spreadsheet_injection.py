"""Every spreadsheet export, downloaded through its page: a clerk's text is never a formula.

A text that starts with "=", "+", "-", "@", a tab or a carriage return comes back with a
leading single quote (OWASP's rule for CSV injection), stored as text (XLSX data type "s"),
and with nothing of it lost after the quote.
"""

import csv
import datetime
import io
import random

import openpyxl
import pytest

from documents.models import RegisterEntry
from teams.models import Phase, Plan
from tests.reports.dashboard_helpers import YEAR, build_commune
from tests.web import district_officer_of, url

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 4)
STARTS = ["=", "+", "-", "@", "\t", "\r"]
# The register's text columns: (model field, column of Decree 30, 0-based).
REGISTER_TEXTS = {"subject": 2, "signer_name": 3, "recipients": 4, "keeper": 5, "note": 9}


def hostile(start: str, field: str) -> str:
    """A formula that makes a link, starting with ``start``, naming ``field``: for "=" and the
    subject, '=HYPERLINK("http://x","su")'. At most 30 characters, as a plan's number."""
    return f'{start}HYPERLINK("http://x","{field[:2]}")'


def neutralised(text: str) -> str:
    return f"'{text}"


def neutralised_in_xlsx(text: str) -> str:
    """What an XLSX gives back, line ends aside: XML reads a bare carriage return as a line
    feed unless the writer escaped it (openpyxl does when lxml is installed)."""
    return neutralised(text).replace("\r", "\n")


def line_ends_as_read(value):
    return value.replace("\r", "\n") if isinstance(value, str) else value


def sheet_of(response) -> openpyxl.worksheet.worksheet.Worksheet:
    assert response.status_code == 200, response.status_code
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def rows_of_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def assert_no_formula(sheet) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
                assert not cell.value.startswith(tuple(STARTS)), (cell.coordinate, cell.value)


def assert_no_formula_in_csv(rows: list[list[str]]) -> None:
    for row in rows:
        for value in row:
            assert not value.startswith(tuple(STARTS)), value


# The outgoing register ---------------------------------------------------------------------------


@pytest.fixture
def hostile_register(commune):
    """One register line per dangerous first character, every text column starting with it."""
    for number, start in enumerate(STARTS, start=1):
        RegisterEntry.objects.create(
            commune=commune,
            doc_type="QĐ",
            year=DAY.year,
            number=number,
            symbol="QĐ-UBND",
            issued_on=DAY,
            signer_position="CHỦ TỊCH",
            copies=8,
            **{field: hostile(start, field) for field in REGISTER_TEXTS},
        )


def assert_register_kept_the_text(sheet) -> None:
    assert_no_formula(sheet)
    lines = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(lines) == len(STARTS)
    for line, start in zip(lines, STARTS, strict=True):
        for field, column in REGISTER_TEXTS.items():
            assert line_ends_as_read(line[column]) == neutralised_in_xlsx(hostile(start, field)), (field, repr(start))
        assert line[6] == 8, "numbers stay numbers"
        assert line[1] == datetime.datetime(2022, 10, 4), "dates stay dates"


def test_the_register_xlsx_stores_a_clerks_formula_as_text(client, clerk, hostile_register):
    client.force_login(clerk)
    sheet = sheet_of(client.get(url("decisions:register_xlsx"), {"year": DAY.year}))
    assert_register_kept_the_text(sheet)


def test_the_register_xlsx_of_a_district_officer_stores_formulas_as_text(client, commune, hostile_register):
    client.force_login(district_officer_of(commune))
    sheet = sheet_of(client.get(url("decisions:register_xlsx"), {"commune": commune.pk}))
    assert_register_kept_the_text(sheet)


# The rollout dashboard's table ---------------------------------------------------------------------


@pytest.fixture
def officer(commune):
    build_commune(commune, rng=random.Random(5))
    return district_officer_of(commune)


def store_plan_texts(commune, start: str) -> tuple[str, str]:
    """The commune's plan number and its phases' labels, as an administrator could type them."""
    number, label = hostile(start, "plan"), hostile(start, "phase")
    Plan.objects.filter(commune=commune).update(number_symbol=number)
    Phase.objects.filter(plan__commune=commune).update(label=label)
    return number, label


@pytest.mark.parametrize("start", STARTS)
def test_the_dashboard_xlsx_stores_a_plans_formula_as_text(client, commune, officer, start):
    number, label = store_plan_texts(commune, start)
    client.force_login(officer)
    sheet = sheet_of(client.get(url("dashboard:district_xlsx"), {"year": YEAR}))
    assert_no_formula(sheet)
    row = [cell.value for cell in sheet[2]]
    assert [line_ends_as_read(v) for v in row[-8:-6]] == [neutralised_in_xlsx(number), neutralised_in_xlsx(label)]
    assert isinstance(row[4], int), "numbers stay numbers"


@pytest.mark.parametrize("start", STARTS)
def test_the_dashboard_csv_neutralises_a_plans_formula(client, commune, officer, start):
    number, label = store_plan_texts(commune, start)
    client.force_login(officer)
    rows = rows_of_csv(client.get(url("dashboard:district_csv"), {"year": YEAR}))
    assert_no_formula_in_csv(rows)
    assert rows[1][-8:-6] == [neutralised(number), neutralised(label)]
    assert rows[1][4].isdigit(), "numbers are written as they were"


def test_a_commune_clerk_exports_their_commune_with_formulas_as_text(client, commune, officer, clerk):
    number, label = store_plan_texts(commune, "=")
    client.force_login(clerk)
    sheet = sheet_of(client.get(url("dashboard:district_xlsx"), {"year": YEAR}))
    assert_no_formula(sheet)
    assert [cell.value for cell in sheet[2]][-8:-6] == [neutralised(number), neutralised(label)]
    rows = rows_of_csv(client.get(url("dashboard:district_csv"), {"year": YEAR}))
    assert rows[1][-8:-6] == [neutralised(number), neutralised(label)]


def test_a_vertical_tab_pasted_from_word_does_not_break_the_register_for_good(client, clerk, commune):
    """Register lines never change: a control character in one must not make every export fail."""
    RegisterEntry.objects.create(
        commune=commune,
        doc_type="QĐ",
        year=DAY.year,
        number=1,
        symbol="QĐ-UBND",
        issued_on=DAY,
        subject="Quyết định thành lập\x0bTổ chuyển đổi số",
        signer_name="Phan Tiến Dũng",
        signer_position="CHỦ TỊCH",
        recipients="Như Điều 3",
    )
    client.force_login(clerk)
    response = client.get(url("decisions:register_xlsx"), {"year": DAY.year})
    assert response.status_code == 200
    (line,) = sheet_of(response).iter_rows(min_row=3, values_only=True)
    assert "Quyết định thành lập Tổ chuyển đổi số" in line
