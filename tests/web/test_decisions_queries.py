"""Each decisions list page costs the same number of queries for 5 rows as for 50."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Official
from decisions.models import Decision, DecisionEvent
from documents.models import RegisterEntry
from tests import factories
from tests.decisions.helpers import submitted
from tests.web import url

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 4)
STATUSES = (Decision.Status.DRAFT, Decision.Status.SUBMITTED, Decision.Status.ISSUED)


def add_decisions(commune, count, *, by, signer, status=None):
    """``count`` decisions, each for its own village team, stored directly (the pages only read them).

    Without ``status`` they cycle through draft, submitted and issued.
    """
    for index in range(count):
        team = factories.TeamFactory(commune=commune, village=factories.VillageFactory(commune=commune))
        state = status or STATUSES[index % len(STATUSES)]
        fields = {}
        if state == Decision.Status.ISSUED:
            number = Decision.objects.filter(commune=commune, number__isnull=False).count() + 1
            fields = {"number": number, "year": DAY.year, "issued_on": DAY, "signer": signer}
        decision = Decision.objects.create(
            commune=commune,
            team=team,
            kind=Decision.Kind.ESTABLISH,
            status=state,
            subject=f"Về việc thành lập {team.name}",
            proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
            article1="Điều 1.",
            article2="Điều 2.",
            article3="Điều 3.",
            recipients="Như Điều 3",
            created_by=by,
            **fields,
        )
        DecisionEvent.objects.create(decision=decision, action=DecisionEvent.Action.CREATED, by=by)
        if state != Decision.Status.DRAFT:
            DecisionEvent.objects.create(decision=decision, action=DecisionEvent.Action.SUBMITTED, by=by)


def add_register_entries(commune, count):
    start = RegisterEntry.objects.filter(commune=commune).count() + 1
    for number in range(start, start + count):
        RegisterEntry.objects.create(
            commune=commune,
            doc_type="QĐ",
            year=DAY.year,
            number=number,
            symbol="QĐ-UBND",
            issued_on=DAY,
            subject=f"Quyết định số {number}",
            signer_name="Phan Tiến Dũng",
            signer_position="CHỦ TỊCH",
            recipients="Như Điều 3; Lưu: VT",
            copies=8,
        )


def queries(client, address) -> int:
    client.get(address)  # warm the caches (content types, sessions) that later requests skip
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def district(commune):
    factories.CommuneFactory(code=18260, name="Tùng Lộc", district=commune.district)
    return factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=commune.district, commune=None).user


@pytest.mark.parametrize("who", ["clerk", "district"])
@pytest.mark.parametrize("filters", ["", "?status=issued&year=2022", "?kind=establish&page=2"])
def test_the_decision_list_costs_the_same_for_5_or_50_decisions(
    client, clerk, chairman, commune, district, who, filters, django_assert_num_queries
):
    client.force_login(clerk if who == "clerk" else district)
    address = url("decisions:list") + filters
    add_decisions(commune, 5, by=clerk, signer=chairman.official.person)
    five = queries(client, address)
    add_decisions(commune, 45, by=clerk, signer=chairman.official.person)
    with django_assert_num_queries(five):
        response = client.get(address)
    assert len(response.context["page_obj"]) > (5 if "page=2" not in filters else 0)
    print(f"decision list ({who}, {filters or 'no filter'}): {five} queries")


def test_the_inbox_costs_the_same_for_5_or_50_decisions(client, clerk, chairman, commune, django_assert_num_queries):
    client.force_login(chairman)
    address = url("decisions:inbox")
    add_decisions(commune, 5, by=clerk, signer=None, status=Decision.Status.SUBMITTED)
    five = queries(client, address)
    add_decisions(commune, 45, by=clerk, signer=None, status=Decision.Status.SUBMITTED)
    with django_assert_num_queries(five):
        response = client.get(address)
    assert len(response.context["page_obj"]) == 25
    print(f"inbox: {five} queries")


@pytest.mark.parametrize("who", ["clerk", "district"])
def test_the_register_costs_the_same_for_5_or_50_entries(
    client, clerk, commune, district, who, django_assert_num_queries
):
    client.force_login(clerk if who == "clerk" else district)
    address = url("decisions:register") + f"?commune={commune.pk}&year=2022"
    add_register_entries(commune, 5)
    five = queries(client, address)
    add_register_entries(commune, 45)
    with django_assert_num_queries(five):
        response = client.get(address)
    assert len(response.context["page_obj"]) == 25
    print(f"register ({who}): {five} queries")


def test_the_detail_page_costs_a_fixed_number_of_queries(
    client, clerk, chairman, commune, village_team, village_people
):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(chairman)
    count = queries(client, url("decisions:detail", decision.pk))
    assert count <= 20
    print(f"detail (chairman, submitted): {count} queries")
