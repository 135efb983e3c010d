"""The decision admin: the clerk drafts and submits, the chairman returns or issues, through the workflow."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisions import storage, workflow
from decisions.models import Decision, DecisionEvent
from teams.models import Person, Role
from tests import factories
from tests.decisions.helpers import draft, issued, submitted

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"
SUBJECT = "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái"


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are checked by their English msgids, whatever catalogue is installed."""
    settings.LANGUAGE_CODE = "en"


def make_staff(user):
    """The admin needs is_staff and the model permissions; the workflow still decides who acts."""
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="decisions"))
    return user


@pytest.fixture
def as_clerk(client, clerk):
    client.force_login(make_staff(clerk), backend=BACKEND)
    return client


@pytest.fixture
def as_chairman(client, chairman):
    client.force_login(make_staff(chairman), backend=BACKEND)
    return client


def url(name, decision=None):
    return reverse(f"admin:decisions_decision_{name}", args=[decision.pk] if decision else None)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def change_data(decision, **fields):
    """What the change form posts for ``decision`` as stored, with ``fields`` changed."""
    data = {name: getattr(decision, name) for name in workflow.EDITABLE_FIELDS}
    data.update(fields)
    if not data.pop("signs_for_committee"):
        data.pop("signs_for_committee", None)
    else:
        data["signs_for_committee"] = "on"
    for prefix, rows in (("members", decision.members.all()), ("bases", decision.bases.all())):
        rows = list(rows)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-decision"] = decision.pk
            if prefix == "members":
                data.update(
                    {
                        f"{prefix}-{index}-person": row.person_id,
                        f"{prefix}-{index}-role": row.role,
                        f"{prefix}-{index}-position": row.position,
                    }
                )
            else:
                data.update({f"{prefix}-{index}-basis": row.basis_id, f"{prefix}-{index}-order": row.order})
    data["_save"] = "Save"
    return data


def test_the_clerk_creates_a_draft_from_a_team_and_a_kind(as_clerk, village_team):
    factories.LegalBasisFactory()
    assert as_clerk.get(url("add")).status_code == 200
    response = as_clerk.post(url("add"), {"team": village_team.pk, "kind": "establish"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == url("change", decision)
    assert decision.subject == SUBJECT
    assert decision.bases.count() == 1
    assert decision.events.get().action == DecisionEvent.Action.CREATED


def test_only_the_clerk_creates_a_draft(as_chairman, village_team):
    response = as_chairman.post(url("add"), {"team": village_team.pk, "kind": "establish"})
    assert response.status_code == 200
    assert any("Only the clerk" in m for m in messages_of(response))
    assert not Decision.objects.exists()


def test_the_clerk_edits_a_draft_and_its_members(as_clerk, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people[:2], roles=[Role.LEADER, Role.DEPUTY], by=clerk)
    assert as_clerk.get(url("change", decision)).status_code == 200
    data = change_data(decision, subject="Về việc thành lập Tổ CĐS thôn Đông Thái", copies=10)
    data.update({"members-TOTAL_FORMS": 3, "members-2-person": village_people[2].pk, "members-2-role": "member"})
    response = as_clerk.post(url("change", decision), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    decision.refresh_from_db()
    assert decision.subject == "Về việc thành lập Tổ CĐS thôn Đông Thái" and decision.copies == 10
    assert sorted(decision.members.values_list("role", flat=True)) == ["deputy", "leader", "member"]
    assert decision.members.get(person=village_people[2]).position == "Giáo viên"


def test_a_ten_thousand_character_subject_is_a_form_error_and_changes_nothing(as_clerk, village_team, clerk):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    response = as_clerk.post(url("change", decision), change_data(decision, subject="x" * 10_000, copies=3))
    assert response.status_code == 200
    assert "subject" in response.context["adminform"].form.errors
    decision.refresh_from_db()
    assert decision.subject == SUBJECT and decision.copies == 8


def test_a_person_of_another_commune_is_refused_in_article_1(as_clerk, village_team, clerk):
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    stranger = factories.PersonFactory(commune=other)
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    data = change_data(decision)
    data.update({"members-TOTAL_FORMS": 1, "members-0-person": stranger.pk, "members-0-role": "leader"})
    response = as_clerk.post(url("change", decision), data)
    assert response.status_code == 200
    assert not decision.members.exists()


def test_the_preview_is_the_document_as_printed_with_names_escaped(as_clerk, village_team, village_people, clerk):
    tricky = factories.PersonFactory(
        commune=village_team.commune, full_name="Lê <b>Văn</b> Tám", position="Giáo viên", office=Person.Office.TEACHER
    )
    decision = draft(team=village_team, people=[*village_people[:2], tricky], by=clerk)
    response = as_clerk.post(url("preview", decision))
    assert response.status_code == 200
    html = response.content.decode()
    assert SUBJECT in html and "DỰ THẢO" in html
    assert "Lê &lt;b&gt;Văn&lt;/b&gt; Tám" in html and "<b>Văn</b>" not in html


def test_the_draft_pdf_is_rendered_on_the_fly(as_clerk, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    response = as_clerk.post(url("draft_pdf", decision))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_two_member_team_is_not_submitted(as_clerk, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people[:2], roles=[Role.LEADER, Role.DEPUTY], by=clerk)
    response = as_clerk.post(url("submit", decision))
    assert response.status_code == 302
    assert any("3" in m and "not submitted" in m for m in messages_of(response))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_the_clerk_submits_and_the_decision_becomes_read_only(as_clerk, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    page = as_clerk.get(url("change", decision)).content.decode()
    assert url("submit", decision) in page and 'name="_save"' in page
    response = as_clerk.post(url("submit", decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED
    page = as_clerk.get(url("change", decision)).content.decode()
    assert 'name="_save"' not in page and url("submit", decision) not in page


def test_submitting_is_a_post(as_clerk, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    assert as_clerk.get(url("submit", decision)).status_code == 405
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_the_chairman_returns_with_a_comment(client, village_team, village_people, clerk, chairman):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(make_staff(chairman), backend=BACKEND)
    page = client.get(url("change", decision)).content.decode()
    assert url("return", decision) in page and url("issue", decision) in page
    refused = client.post(url("return", decision), {"comment": "  "})
    assert any("comment" in m for m in messages_of(refused))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED
    client.post(url("return", decision), {"comment": "Ghi rõ chức danh Tổ viên."})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    event = decision.events.get(action=DecisionEvent.Action.RETURNED)
    assert event.comment == "Ghi rõ chức danh Tổ viên." and event.by == chairman
    assert "Ghi rõ chức danh Tổ viên." in client.get(url("change", decision)).content.decode()


def test_the_chairman_issues_and_downloads_the_stored_pdf(client, village_team, village_people, clerk, chairman):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(make_staff(chairman), backend=BACKEND)
    response = client.post(url("issue", decision))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED and decision.number == 1
    assert "01/QĐ-UBND" in client.get(url("change", decision)).content.decode()
    download = client.post(url("pdf", decision))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content == storage.read(decision.pdf_sha256)
    assert download["Content-Disposition"] == f'attachment; filename="{decision.year}-001-QD-UBND.pdf"'


def test_a_clerk_cannot_issue(as_clerk, village_team, village_people, clerk):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    response = as_clerk.post(url("issue", decision))
    assert any("Only the chairman" in m for m in messages_of(response))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED and decision.number is None


def test_an_issued_decision_cannot_be_changed_in_the_admin(as_clerk, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    page = as_clerk.get(url("change", decision)).content.decode()
    assert 'name="_save"' not in page and url("pdf", decision) in page
    response = as_clerk.post(url("change", decision), change_data(decision, subject="Về việc khác"))
    assert response.status_code == 302
    assert messages_of(response)
    decision.refresh_from_db()
    assert decision.subject == SUBJECT
    assert as_clerk.post(url("delete", decision), {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_bulk_delete_refuses_issued_decisions_and_deletes_drafts(
    as_clerk, village_team, village_people, clerk, chairman
):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    other_team = factories.TeamFactory(commune=village_team.commune)
    spare = workflow.decision_create(team=other_team, kind="establish", by=clerk)
    selection = {"action": "delete_selected", "_selected_action": [decision.pk, spare.pk]}
    confirm = as_clerk.post(url("changelist"), selection)
    assert confirm.status_code == 200
    assert any("cannot be deleted" in m for m in messages_of(confirm))
    response = as_clerk.post(url("changelist"), {**selection, "post": "yes"})
    assert response.status_code == 302
    assert list(Decision.objects.all()) == [decision]


def test_bulk_delete_of_only_issued_decisions_is_a_message(as_clerk, village_team, village_people, clerk, chairman):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    selection = {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"}
    response = as_clerk.post(url("changelist"), selection)
    assert response.status_code == 302
    assert any("cannot be deleted" in m for m in messages_of(response))
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_a_clerk_of_another_commune_cannot_see_submit_or_issue(client, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    client.force_login(make_staff(factories.OfficialFactory(commune=other).user), backend=BACKEND)
    assert client.get(url("change", decision)).status_code == 302
    assert SUBJECT not in client.get(url("changelist")).content.decode()
    for action in ("submit", "issue"):
        response = client.post(url(action, decision))
        assert response.status_code == 302 and messages_of(response)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_the_chairman_cannot_submit_for_the_clerk(as_chairman, village_team, village_people, clerk):
    decision = draft(team=village_team, people=village_people, by=clerk)
    response = as_chairman.post(url("submit", decision))
    assert any("Only the clerk" in m for m in messages_of(response))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_the_change_page_shows_the_rule_check_and_the_events(as_clerk, village_team, village_people, clerk):
    swapped = [village_people[2], village_people[1], village_people[0]]
    decision = draft(team=village_team, people=swapped, by=clerk)
    page = as_clerk.get(url("change", decision)).content.decode()
    assert "Recommended: the leader of a village team is the village or residential group head." in page
    assert "drafted" in page


def test_the_list_does_not_query_per_row(as_clerk, commune, clerk):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert as_clerk.get(url("changelist")).status_code == 200
        return len(queries)

    workflow.decision_create(team=factories.TeamFactory(commune=commune), kind="establish", by=clerk)
    one = count()
    for _ in range(3):
        workflow.decision_create(team=factories.TeamFactory(commune=commune), kind="establish", by=clerk)
    assert count() == one


def test_number_sequences_are_read_only(as_clerk, village_team, village_people, clerk, chairman):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    assert as_clerk.get(reverse("admin:decisions_numbersequence_changelist")).status_code == 200
    assert as_clerk.get(reverse("admin:decisions_numbersequence_add")).status_code == 403


def test_legal_bases_are_listed(as_clerk, commune):
    factories.LegalBasisFactory()
    response = as_clerk.get(reverse("admin:decisions_legalbasis_changelist"))
    assert response.status_code == 200 and "Luật Tổ chức chính quyền địa phương" in response.content.decode()


def test_the_chairman_cannot_bulk_delete_a_draft(as_chairman, village_team, clerk):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    selection = {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"}
    response = as_chairman.post(url("changelist"), selection)
    assert response.status_code == 302
    assert any("cannot be deleted" in m for m in messages_of(response))
    assert Decision.objects.filter(pk=decision.pk).exists()
