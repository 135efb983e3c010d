"""The clerk's legal bases page: the bases in force and cited by default, and adding the commune's own."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Official
from decisions import workflow
from decisions.models import LegalBasis
from tests import factories

pytestmark = pytest.mark.django_db
URL = reverse("decisions:bases")
LAW_2025 = "Luật Tổ chức chính quyền địa phương ngày 16/6/2025"


def test_the_clerk_sees_which_bases_a_new_draft_cites(client, clerk, commune):
    old_law = factories.LegalBasisFactory()
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân", district=commune.district)
    factories.LegalBasisFactory(rank=LegalBasis.Rank.COMMUNE, citation="Kế hoạch của xã khác", commune=other)
    client.force_login(clerk)
    html = client.get(URL).content.decode()
    assert LAW_2025 in html and old_law.citation in html
    assert "until 01/07/2025" in html and "from 01/07/2025" in html
    assert "Kế hoạch của xã khác" not in html
    rows = {basis.citation: basis.pk for basis in LegalBasis.objects.all()}
    assert set(workflow.default_bases(commune)) == {LegalBasis.objects.get(pk=rows[LAW_2025])}


def test_the_clerk_adds_the_provinces_plan_and_a_new_draft_cites_it(client, clerk, commune, village_team):
    client.force_login(clerk)
    citation = "Kế hoạch số 12/KH-UBND ngày 15/7/2025 của Ủy ban nhân dân tỉnh Hà Tĩnh"
    response = client.post(
        URL,
        {"rank": LegalBasis.Rank.PROVINCE, "citation": citation, "in_force_from": "2025-07-15", "is_default": "on"},
    )
    assert response.status_code == 302
    basis = LegalBasis.objects.get(citation=citation)
    assert (basis.commune, basis.in_force_from, basis.is_default) == (commune, datetime.date(2025, 7, 15), True)
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    assert [b.basis.citation for b in decision.bases.all()] == [LAW_2025, citation]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"in_force_from": "2025-07-01", "in_force_until": "2025-06-01"}, "ceases to apply after it comes into force"),
        ({"citation": "Kế hoạch \u202esố 12"}, "U+202E"),
        ({"citation": ""}, "This field is required"),
        ({"in_force_from": "2025-13-01"}, "Enter a valid date"),
    ],
)
def test_a_bad_basis_is_refused_next_to_its_field_and_nothing_is_saved(client, clerk, data, message):
    client.force_login(clerk)
    before = LegalBasis.objects.count()
    response = client.post(URL, {"rank": LegalBasis.Rank.COMMUNE, "citation": "Kế hoạch số 1", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert LegalBasis.objects.count() == before


@pytest.mark.parametrize("role", ["chairman", "vice_chairman", "district_officer", "team_leader"])
def test_only_the_clerk_keeps_the_legal_bases(client, commune, role):
    if role == "district_officer":
        official = factories.OfficialFactory(commune=None, district=commune.district, role=role)
    else:
        official = factories.OfficialFactory(
            commune=commune, role=role, person=factories.PersonFactory(commune=commune)
        )
    client.force_login(official.user)
    before = LegalBasis.objects.count()
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"rank": 4, "citation": "X"}).status_code == 403
    assert LegalBasis.objects.count() == before
    assert Official.objects.filter(pk=official.pk).exists()


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
