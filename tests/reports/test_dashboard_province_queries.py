"""The province dashboard and the national list cost the same number of queries for 3 communes as for 12."""

import datetime
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Official
from reports import province_dashboard
from reports.dashboard import TOTALLED
from teams.models import Commune, PlaceList, Province, Reform, Succession
from tests import factories
from tests.reports import url
from tests.reports.dashboard_helpers import build_commune

pytestmark = pytest.mark.django_db
REFORM_DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def two_tiers(commune):
    """Hà Tĩnh in the two-tier list, and its reform from the three-tier list of ``commune``."""
    new_list = PlaceList.objects.create(
        key="2025-07-01", name="Danh mục hai cấp", in_force_from=REFORM_DAY, has_districts=False
    )
    province = Province.objects.create(place_list=new_list, code=42, name="Hà Tĩnh", type_word="tỉnh")
    reform = Reform.objects.create(
        province=province,
        from_list=commune.place_list,
        to_list=new_list,
        effective_on=REFORM_DAY,
        legal_basis="Nghị quyết số 1665/NQ-UBTVQH15",
    )
    return reform


def grow(reform, count: int, *, start: int, rng) -> None:
    """``count`` old communes with their 2022 figures, each taken over whole by a new commune,
    and every third one split between two new communes."""
    for i in range(start, start + count):
        old = factories.CommuneFactory(code=19000 + i, name=f"Xã thử {i:02d}")
        build_commune(old, rng=rng, villages=2 + i % 3, decision=i + 1)
        heirs = [
            Commune.objects.create(
                place_list=reform.to_list, province=reform.province, code=30000 + 2 * i + k, name=f"Xã mới {i:02d}.{k}"
            )
            for k in range(2 if i % 3 == 0 else 1)
        ]
        for heir in heirs:
            Succession.objects.create(reform=reform, successor=heir, predecessor=old, whole=len(heirs) == 1)
        Commune.objects.filter(pk=old.pk).update(ceased_on=REFORM_DAY)


def queries(client, address, year) -> int:
    client.get(address, {"year": year})  # warm the caches (sessions, content types)
    cache.clear()  # but count a page's totals afresh: the worst case
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, {"year": year})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("year", [2022, 2025])
@pytest.mark.parametrize("name", ["dashboard:province", "dashboard:province_xlsx", "dashboard:province_csv"])
def test_a_province_page_costs_the_same_for_3_or_12_communes(client, two_tiers, name, year, django_assert_num_queries):
    rng = random.Random(5)
    grow(two_tiers, 3, start=0, rng=rng)
    officer = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=two_tiers.province, commune=None)
    client.force_login(officer.user)
    address = url(name, two_tiers.province.pk)
    three = queries(client, address, year)
    grow(two_tiers, 9, start=3, rng=rng)
    assert Commune.objects.filter(place_list=two_tiers.from_list, code__gte=19000).count() == 12
    cache.clear()
    with django_assert_num_queries(three):
        client.get(address, {"year": year})
    print(f"{name} {year}: {three} queries")


def test_the_selector_costs_thirteen_queries_and_a_page_seven_more(two_tiers, django_assert_num_queries):
    grow(two_tiers, 6, start=0, rng=random.Random(6))
    officer = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=two_tiers.province, commune=None)
    officer.user.official  # noqa: B018 - the login's Official row is read once per request, before the selector
    # The communes of the year, the successions of those that ceased in it, their order, the
    # merged predecessors, then the nine of reports.dashboard.commune_rows (one for the
    # indicators of the year's reports; one for the periods of the year, one for the days of
    # the merged predecessors: the state of the months).
    with django_assert_num_queries(13):
        board = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2025)
    assert len([row for row in board.rows if row.merged]) == 4
    assert len([row for row in board.rows if row.split]) == 2
    # A page: the same for its rows, and the totals of the whole table (province_figures).
    with django_assert_num_queries(20):
        page = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2025, page=1)
    assert page.rows == board.rows
    assert {field: page.total(field) for field in TOTALLED} == {field: board.total(field) for field in TOTALLED}
    assert page.totals == board.totals
    # The next request within FIGURES_SECONDS reuses the totals, and says when they were counted.
    with django_assert_num_queries(13):
        again = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2025, page=1)
    assert (again.totals, again.figures, again.counted_at) == (page.totals, page.figures, page.counted_at)


def test_the_national_list_costs_the_same_for_1_or_3_provinces(client, two_tiers, django_assert_num_queries):
    rng = random.Random(7)
    grow(two_tiers, 3, start=0, rng=rng)
    client.force_login(factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user)
    one = queries(client, url("dashboard:provinces"), 2025)
    for code in (40, 44):
        province = Province.objects.create(place_list=two_tiers.to_list, code=code, name=f"Tỉnh {code}")
        Commune.objects.create(place_list=two_tiers.to_list, province=province, code=31000 + code, name=f"Xã {code}")
    cache.clear()  # counted afresh, not the list kept from the first request
    with django_assert_num_queries(one):
        response = client.get(url("dashboard:provinces"), {"year": 2025})
    assert len(response.context["rows"]) == 3


# Edge cases of the history ----------------------------------------------------------------------


def test_an_old_commune_named_whole_by_two_new_ones_stands_apart_and_counts_once(two_tiers):
    grow(two_tiers, 1, start=1, rng=random.Random(8))
    old = Commune.objects.get(code=19001)
    other = Commune.objects.create(place_list=two_tiers.to_list, province=two_tiers.province, code=39999, name="Khác")
    Succession.objects.create(reform=two_tiers, successor=other, predecessor=old, whole=True)
    officer = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=two_tiers.province, commune=None)
    board = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2022)
    assert [row.commune for row in board.rows if row.commune.code >= 19000] == [old]
    board = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2025)
    assert [row.commune for row in board.rows if row.split] == [old]
    assert not any(row.merged for row in board.rows)


def test_a_commune_that_ceased_before_the_year_is_no_row_even_if_its_list_has_no_end(two_tiers):
    grow(two_tiers, 2, start=0, rng=random.Random(9))
    PlaceList.objects.filter(pk=two_tiers.from_list_id).update(in_force_until=None)
    officer = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=two_tiers.province, commune=None)
    board = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2026)
    # Tùng Ảnh (the ``commune`` fixture) never ceased; Xã thử 00 and 01 did, on 1 July 2025.
    assert {row.commune.code for row in board.rows if row.commune.place_list_id == two_tiers.from_list_id} == {18259}
    assert len([row for row in board.rows if row.commune.place_list_id == two_tiers.to_list_id]) == 3
    # In the reform's year the ceased date, not the list, says that Xã thử 01 lives on in its heir.
    board = province_dashboard.province_dashboard(officer.user, province=two_tiers.province, year=2025)
    assert [old.code for row in board.rows for old in row.merged] == [19001]


def test_the_selector_gives_nothing_of_a_province_the_user_does_not_read(two_tiers):
    grow(two_tiers, 2, start=0, rng=random.Random(10))
    other = Province.objects.create(place_list=two_tiers.to_list, code=40, name="Nghệ An")
    outsider = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=other, commune=None)
    district_officer = factories.OfficialFactory(
        role=Official.Role.DISTRICT_OFFICER, district=Commune.objects.get(code=19000).district, commune=None
    )
    for user in (outsider.user, district_officer.user, factories.UserFactory()):
        assert province_dashboard.province_dashboard(user, province=two_tiers.province, year=2022).rows == []
