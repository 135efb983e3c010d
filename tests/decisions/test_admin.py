"""The decision admin is a read-only window: the workflow lives in the pages only.

The administrator (a superuser) reads decisions, their members, legal bases and trail,
the number sequences and the outgoing register, and follows a link to each one's page;
every former workflow address of the admin is refused and changes nothing. Legal bases
are reference data: the administrator adds and changes them here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import workflow
from decisions.models import Decision, DecisionEvent, DecisionMember, LegalBasis
from documents.models import NumberSequence, RegisterEntry
from tests import factories
from tests.decisions.helpers import draft, issued, submitted

pytestmark = pytest.mark.django_db
SUBJECT = "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"
REFUSED = {403, 404, 405}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def admin_url(name, *args):
    app = "documents" if name.startswith(("registerentry", "numbersequence")) else "decisions"
    return reverse(f"admin:{app}_{name}", args=args)


def stored_state():
    """Everything a workflow step or an admin form could have written."""
    return {
        "decisions": list(
            Decision.objects.order_by("pk").values_list("pk", "status", "number", "subject", "copies", "updated_at")
        ),
        "members": list(DecisionMember.objects.order_by("pk").values_list("pk", "decision", "person", "role")),
        "events": list(DecisionEvent.objects.order_by("pk").values_list("pk", "action", "comment")),
        "register": list(RegisterEntry.objects.order_by("pk").values_list("pk", "number", "subject")),
        "sequences": list(NumberSequence.objects.order_by("pk").values_list("pk", "last_number")),
    }


@pytest.fixture
def decisions(village_team, village_people, clerk, chairman):
    """A draft, a submitted and an issued decision, each on its own team."""
    second = factories.TeamFactory(commune=village_team.commune)
    third = factories.TeamFactory(commune=village_team.commune)
    people = {"people": village_people, "clerk": clerk}
    return {
        "draft": draft(team=village_team, people=village_people, by=clerk),
        "submitted": submitted(team=second, **people),
        "issued": issued(team=third, chairman=chairman, **people),
    }


# The former workflow of the admin is refused and changes nothing -------------------------------------

# The addresses decisions/admin.py served under a decision until the workflow moved to the pages.
OLD_DECISION_ACTIONS = ("preview", "draft-pdf", "pdf", "submit", "return", "issue")


@pytest.mark.parametrize("state", ["draft", "submitted", "issued"])
@pytest.mark.parametrize("action", OLD_DECISION_ACTIONS)
def test_a_former_workflow_address_is_refused_to_the_superuser(admin_client, decisions, state, action):
    decision = decisions[state]
    before = stored_state()
    path = f"/admin/decisions/decision/{decision.pk}/{action}/"

    for response in (admin_client.post(path, {"comment": "Sửa lại."}), admin_client.get(path)):
        assert response.status_code in REFUSED, (path, response.status_code)

    assert stored_state() == before


def test_the_superuser_cannot_draft_a_decision_in_the_admin(admin_client, village_team):
    before = stored_state()
    assert admin_client.get(admin_url("decision_add")).status_code == 403
    response = admin_client.post(admin_url("decision_add"), {"team": village_team.pk, "kind": "establish"})
    assert response.status_code == 403
    assert stored_state() == before


def test_the_superuser_cannot_edit_or_compose_a_draft(admin_client, decisions, village_people):
    decision = decisions["draft"]
    before = stored_state()
    data = {
        "subject": "Về việc khác",
        "copies": 10,
        "members-TOTAL_FORMS": 1,
        "members-INITIAL_FORMS": 0,
        "members-0-person": village_people[0].pk,
        "members-0-role": "member",
        "_save": "Save",
    }
    assert admin_client.post(admin_url("decision_change", decision.pk), data).status_code == 403
    assert stored_state() == before


@pytest.mark.parametrize("state", ["draft", "issued"])
def test_the_superuser_cannot_delete_a_decision(admin_client, decisions, state):
    decision = decisions[state]
    before = stored_state()
    assert admin_client.post(admin_url("decision_delete", decision.pk), {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"}
    admin_client.post(admin_url("decision_changelist"), bulk)
    assert stored_state() == before


def test_the_former_register_export_is_gone(admin_client, decisions, commune):
    response = admin_client.get("/admin/decisions/registerentry/export/", {"commune__id__exact": commune.pk})
    assert response.status_code == 404


def test_the_register_and_the_sequences_are_read_only(admin_client, decisions):
    entry = RegisterEntry.objects.get()
    sequence = NumberSequence.objects.get()
    before = stored_state()
    for name, row in (("registerentry", entry), ("numbersequence", sequence)):
        assert admin_client.get(admin_url(f"{name}_add")).status_code == 403
        assert admin_client.post(admin_url(f"{name}_change", row.pk), {"number": 99}).status_code == 403
        assert admin_client.post(admin_url(f"{name}_delete", row.pk), {"post": "yes"}).status_code == 403
    assert stored_state() == before


# What the administrator reads ------------------------------------------------------------------------


def test_a_decision_reads_with_its_members_trail_and_a_link_to_its_page(admin_client, decisions):
    decision = decisions["issued"]

    response = admin_client.get(admin_url("decision_change", decision.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("decisions:detail", args=[decision.pk])}"' in html
    assert "Open in the application" in html
    assert decision.number_symbol in html and "Phạm Hồng Chương" in html
    assert "issued" in html and "submitted" in html
    assert 'name="_save"' not in html and "deletelink" not in html


def test_the_list_links_every_decision_to_its_page(admin_client, decisions):
    html = admin_client.get(admin_url("decision_changelist")).content.decode()
    for decision in decisions.values():
        assert f'href="{reverse("decisions:detail", args=[decision.pk])}"' in html
    assert 'name="action"' not in html, "no bulk action on read-only rows"
    assert "/admin/decisions/decision/add/" not in html


def test_the_register_links_an_entry_to_its_decision(admin_client, decisions):
    entry = RegisterEntry.objects.get()
    html = admin_client.get(admin_url("registerentry_change", entry.pk)).content.decode()
    assert f'href="{reverse("decisions:detail", args=[decisions["issued"].pk])}"' in html


def test_a_sequence_links_to_the_register_of_its_commune_and_year(admin_client, decisions, commune):
    sequence = NumberSequence.objects.get()
    html = admin_client.get(admin_url("numbersequence_changelist")).content.decode()
    assert f"{reverse('decisions:register')}?commune={commune.pk}&amp;year={sequence.year}" in html


def test_the_lists_filter_by_year_and_commune(admin_client, decisions, commune):
    issued_year = decisions["issued"].year
    listed = admin_client.get(admin_url("decision_changelist"), {"year": issued_year, "commune": commune.pk})
    assert list(listed.context["cl"].result_list) == [decisions["issued"]]
    register = admin_client.get(admin_url("registerentry_changelist"), {"year": issued_year})
    assert register.context["cl"].result_count == 1


@pytest.mark.parametrize("value", ["²", "-1", "x", "9" * 30])
def test_a_filter_value_that_is_not_a_number_is_not_an_error(admin_client, decisions, value):
    for param in ("year", "commune", "district", "province"):
        response = admin_client.get(admin_url("decision_changelist"), {param: value})
        assert response.status_code in {200, 302}, (param, value)


def test_the_list_does_not_query_per_row(admin_client, commune, clerk):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(admin_url("decision_changelist")).status_code == 200
        return len(queries)

    workflow.decision_create(team=factories.TeamFactory(commune=commune), kind="establish", by=clerk)
    one = count()
    for _ in range(3):
        workflow.decision_create(team=factories.TeamFactory(commune=commune), kind="establish", by=clerk)
    assert count() == one


def test_the_list_leaves_the_issued_text_in_the_database(admin_client, decisions):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(admin_url("decision_changelist"))
    listing = next(q["sql"] for q in queries if 'FROM "decisions_decision"' in q["sql"] and "ORDER BY" in q["sql"])
    assert '"snapshot"' not in listing


# Legal bases are reference data ------------------------------------------------------------------


def test_the_superuser_adds_and_changes_a_legal_basis(admin_client, commune):
    added = admin_client.post(
        admin_url("legalbasis_add"),
        {"rank": LegalBasis.Rank.COMMUNE, "citation": "Kế hoạch số 246/KH-UBND", "commune": commune.pk},
    )
    assert added.status_code == 302
    basis = LegalBasis.objects.get(citation="Kế hoạch số 246/KH-UBND")
    assert (basis.commune, basis.is_default) == (commune, False)

    changed = admin_client.post(
        admin_url("legalbasis_change", basis.pk),
        {"rank": LegalBasis.Rank.COMMUNE, "citation": "Kế hoạch số 246/KH-UBND ngày 03/10/2022", "is_default": "on"},
    )

    assert changed.status_code == 302
    basis.refresh_from_db()
    assert basis.citation.endswith("03/10/2022") and basis.commune is None and basis.is_default


def test_legal_bases_are_listed(admin_client, commune):
    factories.LegalBasisFactory()
    response = admin_client.get(admin_url("legalbasis_changelist"))
    assert response.status_code == 200 and "Luật Tổ chức chính quyền địa phương" in response.content.decode()
