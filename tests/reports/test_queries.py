"""Each reports page costs the same number of queries for 5 teams as for 30."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import indicators, services
from tests import factories
from tests.reports import active_team, district_officer_of, leader_of, url

pytestmark = pytest.mark.django_db


def add_teams(commune, periods, clerk, count, rng):
    """``count`` more teams, each filing a report for every period but the last."""
    for _ in range(count):
        team = active_team(commune)
        for period in periods[:-1]:
            given = {i.code: rng.randint(0, min(i.maximum, 50)) for i in indicators.INDICATORS}
            services.report_file(team=team, period=period, values=given, by=clerk)


def queries(client, address) -> int:
    client.get(address)  # warm the caches (content types, sessions) that later requests skip
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def setting(commune, clerk):
    periods = [factories.ReportingPeriodFactory(commune=commune, year=2022, month=m) for m in (10, 11, 12)]
    neighbour = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    factories.ReportingPeriodFactory(commune=neighbour, year=2022, month=10)
    own = active_team(commune, name="Đông Thái")
    services.report_file(team=own, period=periods[0], values={"outreach_sessions": 2}, by=clerk)
    return {"periods": periods, "leader": leader_of(own), "team": own, "rng": random.Random(5)}


PAGES = {
    "period_list": lambda s: url("reports:period_list"),
    "period_detail": lambda s: url("reports:period_detail", s["periods"][0].pk),
    "report_file": lambda s: url("reports:report_file", s["periods"][0].pk, s["team"].pk),
}


@pytest.mark.parametrize("who", ["clerk", "district", "leader"])
@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_costs_the_same_for_5_or_30_teams(client, commune, clerk, setting, who, name, django_assert_num_queries):
    user = {"clerk": clerk, "district": district_officer_of(commune), "leader": setting["leader"]}[who]
    client.force_login(user)
    address = PAGES[name](setting)
    add_teams(commune, setting["periods"], clerk, 4, setting["rng"])
    five = queries(client, address)
    add_teams(commune, setting["periods"], clerk, 25, setting["rng"])
    with django_assert_num_queries(five):
        client.get(address)
    print(f"{name} ({who}): {five} queries")
