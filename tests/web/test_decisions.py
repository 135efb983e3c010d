"""The decision pages end to end: draft, compose, submit, return, fix, issue, download; and who sees what."""

import hashlib

import pytest
from django.contrib.messages import get_messages

from accounts.models import Official
from decisions import workflow
from decisions.models import Decision, DecisionEvent, LegalBasis
from documents import storage
from teams.models import Team
from tests import factories
from tests.decisions.helpers import draft, issued, submitted
from tests.web import url
from tests.web.test_compose import compose_data, three

pytestmark = pytest.mark.django_db

EDIT_CONTROLS = ("/edit/", "/compose/", "/submit/", "/issue/", "/return/")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text_data(decision: Decision, **changes) -> dict:
    """What the edit form posts for ``decision`` as stored, with ``changes``."""
    data = {
        name: getattr(decision, name)
        for name in ("subject", "proposer", "article1", "article2", "article3", "recipients", "copies", "authority")
    }
    if decision.signs_for_committee:
        data["signs_for_committee"] = "on"
    data["bases"] = [cited.basis_id for cited in decision.bases.all()]
    data.update(changes)
    return data


def page(client, name, *decision) -> str:
    response = client.get(url(name, *(d.pk for d in decision)))
    assert response.status_code == 200
    return response.content.decode()


def district_officer(commune):
    return factories.OfficialFactory(role=Official.Role.DISTRICT_OFFICER, district=commune.district, commune=None).user


def other_clerk():
    commune = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    return factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user


# The whole path ---------------------------------------------------------------------------------


def test_a_decision_goes_from_draft_to_issued_through_the_pages(
    client, clerk, chairman, village_team, village_people, commune
):
    client.force_login(clerk)

    # The team page's link opens a confirm form; posting it drafts the standard text.
    address = url("decisions:create") + f"?team={village_team.pk}&kind=establish"
    assert client.get(address).status_code == 200
    response = client.post(url("decisions:create"), {"team": village_team.pk, "kind": "establish"})
    decision = Decision.objects.get()
    assert response["Location"] == url("decisions:compose", decision.pk)
    assert decision.created_by == clerk

    # A fourth member is refused on the compose page, nothing saved; three are saved.
    fourth = factories.PersonFactory(commune=commune, full_name="Hồ Văn Tư")
    rows = [*three(village_people), (fourth, "member")]
    response = client.post(url("decisions:compose", decision.pk), compose_data(rows))
    assert response.status_code == 200
    assert decision.members.count() == 0
    response = client.post(url("decisions:compose", decision.pk), compose_data(three(village_people)))
    assert response.status_code == 302
    assert decision.members.count() == 3

    response = client.post(url("decisions:submit", decision.pk))
    assert response["Location"] == url("decisions:detail", decision.pk)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED

    # The chairman finds it in the inbox; a return needs a comment.
    client.force_login(chairman)
    assert url("decisions:detail", decision.pk) in page(client, "decisions:inbox")
    detail = page(client, "decisions:detail", decision)
    assert url("decisions:issue", decision.pk) in detail and url("decisions:return", decision.pk) in detail
    response = client.post(url("decisions:return", decision.pk), {"comment": "   "})
    assert response.status_code == 200
    assert response.context["return_form"].errors["comment"]
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED
    client.post(url("decisions:return", decision.pk), {"comment": "Sửa trích yếu: ghi rõ tên thôn."})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT

    # The clerk sees the comment at the top of the page, fixes the text and resubmits.
    client.force_login(clerk)
    response = client.get(url("decisions:detail", decision.pk))
    assert response.context["returned"].comment == "Sửa trích yếu: ghi rõ tên thôn."
    assert "Sửa trích yếu: ghi rõ tên thôn." in response.content.decode()
    subject = "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái, xã Tùng Ảnh"
    response = client.post(url("decisions:edit", decision.pk), text_data(decision, subject=subject))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.subject == subject
    client.post(url("decisions:submit", decision.pk))
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED
    assert client.get(url("decisions:detail", decision.pk)).context["returned"] is None

    # Issuing needs the confirmation; then the number 01 of the year is given.
    client.force_login(chairman)
    response = client.post(url("decisions:issue", decision.pk), {})
    assert response.status_code == 200
    assert response.context["issue_form"].errors["confirm"]
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED
    response = client.post(url("decisions:issue", decision.pk), {"confirm": "on"})
    assert response["Location"] == url("decisions:detail", decision.pk)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED and decision.number == 1
    assert any("Issued as 01/QĐ-UBND" in message for message in messages_of(response))
    assert "01/QĐ-UBND" in page(client, "decisions:detail", decision)
    assert Team.objects.get(pk=village_team.pk).status == Team.Status.ACTIVE

    # The PDF is the stored one, named with its number.
    response = client.get(url("decisions:pdf", decision.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{decision.year}-001-QD-UBND.pdf"'
    assert response.content == storage.read(decision.pdf_sha256)
    assert hashlib.sha256(response.content).hexdigest() == decision.pdf_sha256


def test_a_dissolution_is_drafted_straight_to_its_page(client, clerk, chairman, village_team, village_people, day):
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    client.force_login(clerk)
    response = client.post(url("decisions:create"), {"team": village_team.pk, "kind": "dissolve"})
    decision = Decision.objects.get(kind="dissolve")
    assert response["Location"] == url("decisions:detail", decision.pk)
    detail = page(client, "decisions:detail", decision)
    assert url("decisions:compose", decision.pk) not in detail


def test_only_a_clerk_drafts(client, chairman, village_team):
    client.force_login(chairman)
    assert client.get(url("decisions:create")).status_code == 403
    assert client.post(url("decisions:create"), {"team": village_team.pk, "kind": "establish"}).status_code == 403
    assert not Decision.objects.exists()


def test_a_clerk_cannot_draft_for_another_communes_team(client, village_team):
    client.force_login(other_clerk())
    response = client.post(url("decisions:create"), {"team": village_team.pk, "kind": "establish"})
    assert response.status_code == 200
    assert response.context["form"].errors["team"]
    assert not Decision.objects.exists()


def test_a_refused_submission_lists_the_reasons(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people[:2], by=clerk, roles=("leader", "deputy"))
    client.force_login(clerk)
    response = client.post(url("decisions:submit", decision.pk), follow=True)
    assert "A team has exactly 3 active members; this composition has 2." in response.content.decode()
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_a_departure_without_a_reason_is_refused_with_what_to_write(client, clerk, village_team, village_people):
    # The teacher leads and the village head is a mere member: not what the plan recommends.
    swapped = [village_people[2], village_people[1], village_people[0]]
    decision = draft(team=village_team, people=swapped, by=clerk)
    client.force_login(clerk)
    page = client.post(url("decisions:submit", decision.pk), follow=True).content.decode()
    assert "The composition departs from the recommended one; write the reason before submitting:" in page
    assert "Recommended by the plan: the leader is the Village head / residential group head." in page
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT


def test_the_edit_page_saves_the_text_and_the_legal_bases_in_rank_order(client, clerk, village_team, commune):
    commune_plan = LegalBasis.objects.create(rank=LegalBasis.Rank.COMMUNE, citation="Kế hoạch số 246", commune=commune)
    law = factories.LegalBasisFactory(is_default=False)
    foreign = LegalBasis.objects.create(
        rank=LegalBasis.Rank.COMMUNE, citation="Kế hoạch của xã khác", commune=factories.CommuneFactory(code=18260)
    )
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    client.force_login(clerk)
    edit = page(client, "decisions:edit", decision)
    assert "Kế hoạch số 246" in edit and "Kế hoạch của xã khác" not in edit
    response = client.post(url("decisions:edit", decision.pk), text_data(decision, bases=[commune_plan.pk, law.pk]))
    assert response.status_code == 302
    assert list(decision.bases.values_list("basis", flat=True)) == [law.pk, commune_plan.pk]
    response = client.post(url("decisions:edit", decision.pk), text_data(decision, bases=[foreign.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["bases"]
    assert list(decision.bases.values_list("basis", flat=True)) == [law.pk, commune_plan.pk]


def test_a_ten_thousand_character_subject_is_a_field_error(client, clerk, village_team):
    decision = workflow.decision_create(team=village_team, kind="establish", by=clerk)
    before = Decision.objects.values().get(pk=decision.pk)
    client.force_login(clerk)
    response = client.post(url("decisions:edit", decision.pk), text_data(decision, subject="x" * 10_000))
    assert response.status_code == 200
    assert response.context["form"].errors["subject"]
    assert Decision.objects.values().get(pk=decision.pk) == before


# Who sees what ---------------------------------------------------------------------------------


def test_the_district_officer_reads_everything_and_changes_nothing(
    client, clerk, chairman, village_team, village_people, commune, day
):
    done = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    other_team = factories.TeamFactory(commune=commune, village=factories.VillageFactory(commune=commune))
    pending = submitted(team=other_team, people=village_people, clerk=clerk)
    client.force_login(district_officer(commune))

    listing = page(client, "decisions:list")
    assert url("decisions:detail", done.pk) in listing and url("decisions:detail", pending.pk) in listing
    for decision in (done, pending):
        detail = page(client, "decisions:detail", decision)
        assert not any(control in detail for control in EDIT_CONTROLS)
        assert page(client, "decisions:preview", decision)
    assert page(client, "decisions:detail", done).count(url("decisions:pdf", done.pk)) == 1
    assert client.get(url("decisions:pdf", done.pk)).content == storage.read(done.pdf_sha256)

    assert client.post(url("decisions:issue", pending.pk), {"confirm": "on"}).status_code == 403
    assert client.post(url("decisions:return", pending.pk), {"comment": "Không"}).status_code == 403
    assert client.post(url("decisions:submit", pending.pk)).status_code == 403
    assert client.get(url("decisions:edit", pending.pk)).status_code == 403
    assert client.get(url("decisions:compose", pending.pk)).status_code == 403
    assert client.get(url("decisions:inbox")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Decision.Status.SUBMITTED
    assert not DecisionEvent.objects.filter(decision=pending, action="returned").exists()


def test_a_clerk_of_another_commune_cannot_learn_a_decision_exists(
    client, clerk, chairman, village_team, village_people, day
):
    done = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    other_team = factories.TeamFactory(commune=village_team.commune, village=factories.VillageFactory())
    pending = draft(team=other_team, people=village_people, by=clerk)
    client.force_login(other_clerk())
    for decision in (done, pending):
        for name in ("detail", "preview", "pdf", "draft_pdf", "compose", "edit"):
            assert client.get(url(f"decisions:{name}", decision.pk)).status_code == 404, name
        for name in ("submit", "return", "issue", "rule_check"):
            assert client.post(url(f"decisions:{name}", decision.pk), {"comment": "x"}).status_code == 404, name
    listing = client.get(url("decisions:list")).content.decode()
    assert "Đông Thái" not in listing and done.number_symbol not in listing


def test_a_team_leader_reads_only_the_issued_decisions_of_their_team(
    client, clerk, chairman, village_team, village_people, commune, day
):
    done = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    amendment = draft(team=village_team, people=village_people, by=clerk, kind="amend")
    leader = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=village_people[0]).user
    client.force_login(leader)
    assert client.get(url("decisions:detail", done.pk)).status_code == 200
    assert client.get(url("decisions:detail", amendment.pk)).status_code == 404
    assert list(client.get(url("decisions:list")).context["page_obj"]) == [done]


@pytest.mark.parametrize("name", ["submit", "return", "issue"])
def test_the_workflow_steps_answer_only_post(client, clerk, village_team, village_people, name):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(clerk)
    assert client.get(url(f"decisions:{name}", decision.pk)).status_code == 405


def test_the_clerk_cannot_issue_or_return(client, clerk, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(clerk)
    assert url("decisions:issue", decision.pk) not in page(client, "decisions:detail", decision)
    refused = client.post(url("decisions:issue", decision.pk), {"confirm": "on"})
    assert refused.status_code == 403
    # The refusal says who may issue, not only that the clerk may not.
    reason = f"Only the chairman or a vice-chairman of {village_team.commune.full_name} may do this."
    assert reason in refused.content.decode()
    assert client.post(url("decisions:return", decision.pk), {"comment": "x"}).status_code == 403
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED


def test_issuing_twice_says_so_without_a_second_number(client, clerk, chairman, village_team, village_people, day):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    client.force_login(chairman)
    response = client.post(url("decisions:issue", decision.pk), {"confirm": "on"})
    assert response.status_code == 302
    assert any("already been issued as 01/QĐ-UBND" in message for message in messages_of(response))
    assert Decision.objects.filter(number__isnull=False).count() == 1


def test_a_vice_chairman_issues_for_the_chairman(client, clerk, vice_chairman, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(vice_chairman)
    client.post(url("decisions:issue", decision.pk), {"confirm": "on"})
    decision.refresh_from_db()
    assert decision.signer_is_vice and decision.number == 1


# Documents --------------------------------------------------------------------------------------


def test_the_detail_page_shows_the_pages_and_links_the_preview(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    detail = page(client, "decisions:detail", decision)
    assert f'<img src="{url("decisions:page_image", decision.pk, 1)}"' in detail
    assert f'<a href="{url("decisions:preview", decision.pk)}" target="_blank"' in detail
    preview = client.get(url("decisions:preview", decision.pk))
    assert preview["Content-Security-Policy"].startswith("default-src 'none'")
    html = preview.content.decode()
    assert "DỰ THẢO" in html and "Nguyễn Xuân Vinh" in html and "documents/document.css" in html


def test_the_draft_pdf_is_rendered_on_the_fly(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    response = client.get(url("decisions:draft_pdf", decision.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    decision.refresh_from_db()
    assert decision.pdf_sha256 == ""


def test_a_draft_has_no_stored_pdf(client, clerk, village_team, village_people):
    decision = draft(team=village_team, people=village_people, by=clerk)
    client.force_login(clerk)
    response = client.get(url("decisions:pdf", decision.pk))
    assert response.status_code == 302
    assert response["Location"] == url("decisions:detail", decision.pk)


def test_an_issued_decision_previews_its_snapshot(client, clerk, chairman, village_team, village_people, day):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    village_people[0].full_name = "Tên Đã Đổi"
    village_people[0].save()
    client.force_login(clerk)
    html = page(client, "decisions:preview", decision)
    assert "Nguyễn Xuân Vinh" in html and "Tên Đã Đổi" not in html
    assert "DỰ THẢO" not in html
    response = client.get(url("decisions:draft_pdf", decision.pk))
    assert response["Location"] == url("decisions:pdf", decision.pk)
