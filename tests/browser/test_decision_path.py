"""A decision's whole life in a real browser, one person after another.

The clerk sets up a village team and drafts its decision; a fourth member is refused on
the page; the clerk submits; the chairman returns it with a comment; the clerk reads it,
fixes the subject and resubmits; the chairman issues it; the PDF downloads with its
number; the district officer reads it and can change nothing; another commune's clerk
gets a 404. Elements are found by address, field name and id, which do not change with
the language.
"""

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from decisions.models import Decision, DecisionEvent
from teams.models import Role, Team
from teams.rules import PLAN_246
from tests import factories, pdfs
from tests.web import district_officer_of, other_commune

from . import Visitor, path_of

SEATS = PLAN_246[Team.Level.VILLAGE].members_max  # plan 246: exactly 3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Đề nghị ghi rõ tên thôn Đông Thái trong trích yếu."
FIXED_SUBJECT = "Về việc thành lập Tổ chuyển đổi số cộng đồng thôn Đông Thái, xã Tùng Ảnh"
# What a district officer's page may still post: the language and logging out.
READER_FORMS = {"/i18n/setlang/", "/logout/"}


def vietnamese(message: str, **params) -> str:
    with translation.override("vi"):
        return gettext(message) % params if params else gettext(message)


def rules_settled(page) -> None:
    """Wait until the live rule check (htmx) has answered every change. The live server's
    threads share one in-memory SQLite connection: a save overlapping it finds a table locked."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def choose_member(page, row: int, person, role: str) -> None:
    page.select_option(f"select[name='members-{row}-person']", str(person.pk))
    page.select_option(f"select[name='members-{row}-role']", role)


def click_and_wait(page, selector: str, path: str = "") -> str:
    """Click and wait for the page it leads to (through any redirect); the path reached."""
    with page.expect_navigation():
        page.locator(selector).click()
    assert path_of(page).endswith(path), f"{path_of(page)} is not {path}"
    return path_of(page)


def draft_for_the_village(clerk: Visitor, village) -> Decision:
    """Villages page > set up a team > its page > "Draft a decision" > create > compose."""
    page = clerk.page
    page.goto("/villages/")
    click_and_wait(page, f"form[action='/teams/add/']:has(input[name=village][value='{village.pk}']) button")
    team = Team.objects.get(village=village)
    assert path_of(page) == f"/teams/{team.pk}/"
    click_and_wait(page, "a[href^='/decisions/new/?']", "/decisions/new/")
    assert page.input_value("select[name=team]") == str(team.pk)
    assert page.input_value("select[name=kind]") == Decision.Kind.ESTABLISH
    click_and_wait(page, "main form button[type=submit]", "/compose/")
    return Decision.objects.get(team=team)


def compose(clerk: Visitor, decision: Decision, people) -> None:
    page = clerk.page
    for row, (person, role) in enumerate(zip(people, (Role.LEADER, Role.DEPUTY, Role.MEMBER), strict=True)):
        choose_member(page, row, person, role)
    expect(page.locator("#rules-panel")).to_contain_text(
        vietnamese("The composition is complete and follows the recommendation.")
    )
    rules_settled(page)
    click_and_wait(page, "button[name=action][value=save]", f"/decisions/{decision.pk}/")
    assert set(decision.members.values_list("person_id", flat=True)) == {p.pk for p in people}


def refuse_a_fourth_member(clerk: Visitor, decision: Decision, fourth) -> None:
    page = clerk.page
    click_and_wait(page, f"a[href='/decisions/{decision.pk}/compose/']", "/compose/")
    refusal = vietnamese(
        "A team has exactly %(seats)d active members; this composition has %(count)d.", seats=SEATS, count=SEATS + 1
    )
    choose_member(page, SEATS, fourth, Role.MEMBER)
    expect(page.locator("#rules-panel")).to_contain_text(refusal)
    rules_settled(page)
    click_and_wait(page, "button[name=action][value=save]", f"/decisions/{decision.pk}/compose/")
    errors = page.locator("#composition-errors")
    assert errors.is_visible()
    assert refusal in errors.inner_text()
    assert decision.members.count() == SEATS
    assert not decision.members.filter(person=fourth).exists()


def submit(clerk: Visitor, decision: Decision) -> None:
    page = clerk.page
    page.goto(f"/decisions/{decision.pk}/")
    click_and_wait(page, f"form[action='/decisions/{decision.pk}/submit/'] button", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED


def return_with_comment(chairman: Visitor, decision: Decision) -> None:
    page = chairman.page
    page.wait_for_load_state("load")  # Bootstrap's script, which opens the menu, loads deferred
    page.locator("#menu-work").click()  # "To issue" is in the menu's "Work to do" group
    click_and_wait(page, "#main-nav a[href='/decisions/inbox/']", "/decisions/inbox/")
    click_and_wait(page, f"main a[href='/decisions/{decision.pk}/']", f"/decisions/{decision.pk}/")
    page.fill("textarea[name=comment]", COMMENT)
    click_and_wait(page, f"form[action='/decisions/{decision.pk}/return/'] button", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert decision.events.filter(action=DecisionEvent.Action.RETURNED, comment=COMMENT).exists()


def fix_and_resubmit(clerk: Visitor, decision: Decision) -> None:
    """The returned draft waits on the clerk's home page, the comment on its own page."""
    page = clerk.page
    click_and_wait(page, f"main a[href='/decisions/{decision.pk}/']", f"/decisions/{decision.pk}/")
    returned = page.locator("section[aria-labelledby=returned-h]")
    assert returned.is_visible()
    assert COMMENT in returned.inner_text()
    click_and_wait(page, f"a[href='/decisions/{decision.pk}/edit/']", "/edit/")
    page.fill("textarea[name=subject]", FIXED_SUBJECT)
    click_and_wait(page, "main form button[type=submit]", f"/decisions/{decision.pk}/")
    assert FIXED_SUBJECT in page.locator("main .lead").inner_text()
    submit(clerk, decision)
    assert decision.subject == FIXED_SUBJECT


def issue(chairman: Visitor, decision: Decision) -> None:
    page = chairman.page
    page.goto(f"/decisions/{decision.pk}/")
    page.check("input[name=confirm]")
    click_and_wait(page, f"form[action='/decisions/{decision.pk}/issue/'] button", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED
    assert (decision.number, decision.year) == (1, timezone.localdate().year)
    assert "01/QĐ-UBND" in page.locator("main h1").inner_text()


def download_the_pdf(chairman: Visitor, decision: Decision, folder) -> None:
    page = chairman.page
    with page.expect_download() as info:
        page.locator(f"a[href='/decisions/{decision.pk}/pdf/']").click()
    download = info.value
    assert download.suggested_filename == f"{decision.year}-001-QD-UBND.pdf"
    saved = folder / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert "Số: 01/QĐ-UBND" in pdfs.text(saved)


def read_without_controls(district: Visitor, decision: Decision) -> None:
    page = district.page
    district.expect_status(f"/decisions/{decision.pk}/", 200)
    assert "01/QĐ-UBND" in page.locator("main h1").inner_text()
    actions = page.eval_on_selector_all("form", "forms => forms.map(form => form.getAttribute('action'))")
    assert set(actions) <= READER_FORMS, actions
    for control in ("edit", "compose", "submit", "issue", "return"):
        assert page.locator(f"[href$='/{control}/'], [action$='/{control}/']").count() == 0, control
    assert page.locator("textarea, input[name=confirm]").count() == 0


def test_a_decision_goes_from_draft_to_issued_in_the_browser(
    browse, tmp_path, commune, village, village_people, clerk, chairman
):
    fourth = factories.PersonFactory(commune=commune, village=village, full_name="Hồ Văn Tư")
    district_officer = district_officer_of(commune)
    stranger = other_commune()["clerk"]

    clerk_view = browse(clerk.username)
    decision = draft_for_the_village(clerk_view, village)
    compose(clerk_view, decision, village_people)
    refuse_a_fourth_member(clerk_view, decision, fourth)
    submit(clerk_view, decision)
    clerk_view.log_out()

    chairman_view = browse(chairman.username)
    return_with_comment(chairman_view, decision)

    fix_and_resubmit(browse(clerk.username), decision)

    issue(chairman_view, decision)
    download_the_pdf(chairman_view, decision, tmp_path)

    read_without_controls(browse(district_officer.username), decision)

    stranger_view = browse(stranger.username)
    stranger_view.expect_status(f"/decisions/{decision.pk}/", 404)
    stranger_view.expect_status(f"/decisions/{decision.pk}/pdf/", 404)
