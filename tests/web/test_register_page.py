"""The outgoing register page and its XLSX: the commune's numbers in the columns of Decree 30."""

import io

import pytest
from openpyxl import load_workbook

from accounts.models import Official
from decisions.register import HEADERS, XLSX_CONTENT_TYPE
from tests import factories
from tests.decisions.helpers import issued
from tests.web import url
from tests.web.test_decisions_queries import DAY, add_register_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def tung_loc(commune):
    return factories.CommuneFactory(code=18260, name="Tùng Lộc", district=commune.district)


@pytest.fixture
def district(commune, tung_loc):
    return factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=commune.district, commune=None).user


def test_it_shows_an_issued_decision_in_the_decree_30_columns(
    client, clerk, chairman, village_team, village_people, day
):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    client.force_login(clerk)
    response = client.get(url("decisions:register"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="{url("decisions:detail", decision.pk)}">01/QĐ-UBND</a>' in page
    assert "04/10/2022" in page
    assert "Quyết định Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái" in page
    assert "Phan Tiến Dũng" in page
    assert "Như Điều 3; Phòng Văn hóa và Thông tin huyện Đức Thọ" in page


def test_it_filters_by_year_and_paginates(client, clerk, commune):
    add_register_entries(commune, 30)
    client.force_login(clerk)
    response = client.get(url("decisions:register"), {"year": DAY.year})
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 30
    assert [entry.number for entry in response.context["page_obj"]][:2] == [1, 2]
    response = client.get(url("decisions:register"), {"year": DAY.year, "page": 2})
    assert [entry.number for entry in response.context["page_obj"]] == list(range(26, 31))
    assert client.get(url("decisions:register"), {"year": 2023}).context["page_obj"].paginator.count == 0


def test_the_district_officer_chooses_a_commune_the_first_by_default(client, commune, tung_loc, district):
    add_register_entries(commune, 2)
    add_register_entries(tung_loc, 1)
    client.force_login(district)
    # By name, "Tùng Lộc" sorts before "Tùng Ảnh" in the database's order.
    first = client.get(url("decisions:register")).context["commune"]
    assert first in (commune, tung_loc)
    response = client.get(url("decisions:register"), {"commune": commune.pk})
    assert response.context["commune"] == commune
    assert response.context["page_obj"].paginator.count == 2
    response = client.get(url("decisions:register"), {"commune": tung_loc.pk})
    assert response.context["page_obj"].paginator.count == 1


def test_a_commune_outside_ones_reach_is_a_404(client, clerk, commune, tung_loc):
    add_register_entries(tung_loc, 1)
    client.force_login(clerk)
    assert client.get(url("decisions:register"), {"commune": tung_loc.pk}).status_code == 404
    assert client.get(url("decisions:register_xlsx"), {"commune": tung_loc.pk}).status_code == 404
    assert client.get(url("decisions:register"), {"commune": "x"}).status_code == 404


def test_a_team_leader_does_not_read_the_register(client, commune):
    leader = factories.OfficialFactory(role=Official.Role.TEAM_LEADER, commune=commune).user
    client.force_login(leader)
    assert client.get(url("decisions:register")).status_code == 403
    assert client.get(url("decisions:register_xlsx")).status_code == 403


def test_the_menu_offers_the_register_only_to_those_who_read_it(client, clerk, commune, admin_user):
    """A menu entry never leads to a refusal: not for a team leader, not for an administrator
    without a commune office (they use the Django admin)."""
    register = f'href="{url("decisions:register")}"'
    leader = factories.OfficialFactory(role=Official.Role.TEAM_LEADER, commune=commune).user
    for user, shown in ((clerk, True), (leader, False), (admin_user, False)):
        client.force_login(user)
        assert (register in client.get(url("home")).content.decode()) is shown, user
        if not shown:
            assert client.get(url("decisions:register")).status_code == 403


def test_the_xlsx_opens_with_the_commune_and_year_asked_for(client, commune, tung_loc, district):
    add_register_entries(commune, 3)
    client.force_login(district)
    response = client.get(url("decisions:register_xlsx"), {"commune": commune.pk, "year": DAY.year})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="so-van-ban-di-{commune.code}-2022.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "ỦY BAN NHÂN DÂN XÃ TÙNG ẢNH - NĂM 2022" in rows[0][0]
    assert list(rows[1]) == list(HEADERS)
    assert [row[0] for row in rows[2:]] == ["01/QĐ-UBND", "02/QĐ-UBND", "03/QĐ-UBND"]


def test_the_page_links_the_xlsx_of_what_it_shows(client, clerk, commune):
    add_register_entries(commune, 1)
    client.force_login(clerk)
    page = client.get(url("decisions:register"), {"year": DAY.year}).content.decode()
    assert f"{url('decisions:register_xlsx')}?commune={commune.pk}&amp;year=2022" in page


def test_any_year_parameter_answers(client, clerk, commune):
    add_register_entries(commune, 1)
    client.force_login(clerk)
    for year in ("", "abc", "-1", "99999", "2022.5", "<script>"):
        assert client.get(url("decisions:register"), {"year": year}).status_code == 200
        assert client.get(url("decisions:register_xlsx"), {"year": year}).status_code == 200
