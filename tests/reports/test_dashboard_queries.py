"""The dashboard costs the same number of queries for 3 communes as for 12."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import dashboard
from teams.models import Commune
from tests.reports import district_officer_of, url
from tests.reports.dashboard_helpers import YEAR, build_commune, neighbours

pytestmark = pytest.mark.django_db

PAGES = {
    "district": lambda commune: url("dashboard:district"),
    "district_xlsx": lambda commune: url("dashboard:district_xlsx"),
    "district_csv": lambda commune: url("dashboard:district_csv"),
    "commune": lambda commune: url("dashboard:commune", commune.pk),
}


def grow(communes, rng):
    for i, commune in enumerate(communes):
        build_commune(commune, rng=rng, villages=2 + i % 3, decision=i + 1)


def queries(client, address) -> int:
    client.get(address, {"year": YEAR})  # warm the caches (sessions, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, {"year": YEAR})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_dashboard_page_costs_the_same_for_3_or_12_communes(client, commune, name, django_assert_num_queries):
    rng = random.Random(3)
    grow([commune, *neighbours(2)], rng)
    client.force_login(district_officer_of(commune))
    address = PAGES[name](commune)
    three = queries(client, address)
    grow(neighbours(9, start=2), rng)
    assert Commune.objects.filter(district=commune.district).count() == 12
    with django_assert_num_queries(three):
        client.get(address, {"year": YEAR})
    print(f"{name}: {three} queries")


def test_the_selector_costs_eight_queries(commune, django_assert_num_queries):
    rng = random.Random(4)
    grow([commune, *neighbours(4)], rng)
    officer = district_officer_of(commune)
    officer.official  # noqa: B018 - the login's Official row is read once per request, before the selector
    # Eight: one of them reads the indicators of the year's reports (their sets), one the
    # periods of the year (the state of its months).
    with django_assert_num_queries(8):
        board = dashboard.district_dashboard(officer, year=YEAR)
    assert len(board.rows) == 5
