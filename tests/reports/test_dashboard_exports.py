"""The district table exported: opened back, the same rows and numbers as the page."""

import csv
import io
import random

import openpyxl
import pytest

from reports import dashboard, exports, indicators
from reports.dashboard_views import XLSX
from tests import factories
from tests.reports import district_officer_of, url
from tests.reports.dashboard_helpers import YEAR, build_commune, neighbours

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(commune):
    rng = random.Random(11)
    build_commune(commune, rng=rng)
    build_commune(neighbours(1)[0], rng=rng, villages=4, decision=3)
    elsewhere = factories.CommuneFactory(code=20001, name="Xa Lạ", district=factories.DistrictFactory(code=441))
    build_commune(elsewhere, rng=rng)
    return district_officer_of(commune)


def expected_rows(user) -> list[list]:
    board = dashboard.district_dashboard(user, year=YEAR)
    return [
        [
            row.commune.title_name,
            row.villages_covered,
            row.villages,
            row.members,
            row.collaborators,
            row.on_time,
            row.late,
            row.missing,
            *(t.total for t in row.totals),
        ]
        for row in board.rows
    ]


# The year's reports were all filed under the default set: plan 246's eight.
EIGHT = [f"{i.printed} ({i.unit_printed})" for i in indicators.INDICATORS]


def picked(row: list) -> list:
    """The name and the numeric columns of an exported row, in ``expected_rows``' order."""
    return [row[0], *row[4:8], *row[9:12], *row[12 : 12 + len(indicators.INDICATORS)]]


def test_the_xlsx_opens_with_a_vietnamese_header_and_one_row_per_commune(client, officer):
    client.force_login(officer)
    response = client.get(url("dashboard:district_xlsx"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="rollout-440-{YEAR}.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [*exports.BEFORE_INDICATORS, *EIGHT, *exports.AFTER_INDICATORS]
    assert rows[0][:3] == ["Xã", "Tổ cấp xã", "Thành lập ngày"]
    assert [picked(r) for r in rows[1:]] == expected_rows(officer)
    first = rows[1]
    assert first[1:4] == ["Đã thành lập", "04/10/2022", "12/QĐ-UBND"]
    assert first[8] == "11/2022"
    assert first[-8:-5] == ["246/KH-UBND", "Giai đoạn 2", "Chậm tiến độ"]
    # October and November accepted, December missing (its reports were due on 5 January);
    # the months before the teams were set up owed nothing.
    assert first[-5:] == [2, 0, 0, 1, "Chỉ các tháng được cấp trên chấp nhận"]


def test_the_csv_starts_with_a_byte_order_mark_and_matches_the_table(client, officer):
    client.force_login(officer)
    response = client.get(url("dashboard:district_csv"), {"year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="rollout-440-{YEAR}.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [*exports.BEFORE_INDICATORS, *EIGHT, *exports.AFTER_INDICATORS]
    numeric = [[r[0], *map(int, picked(r)[1:])] for r in rows[1:]]
    assert numeric == expected_rows(officer)
    assert "Xa Lạ" not in response.content.decode("utf-8-sig")


def test_a_commune_clerk_exports_their_one_commune(client, commune, officer):
    clerk = factories.OfficialFactory(commune=commune).user
    client.force_login(clerk)
    response = client.get(url("dashboard:district_csv"), {"year": YEAR})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [commune.title_name]
    assert response["Content-Disposition"] == f'attachment; filename="rollout-{commune.code}-{YEAR}.csv"'


def test_the_filenames_are_ascii(client, officer):
    client.force_login(officer)
    for name in ("dashboard:district_xlsx", "dashboard:district_csv"):
        response = client.get(url(name))
        assert response["Content-Disposition"].isascii()
