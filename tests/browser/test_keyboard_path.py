"""A decision's whole path with the keyboard alone: Tab, Shift+Tab, Enter, Space and the arrows.

The clerk logs in, sets up a village's team, drafts its decision, chooses its three
members and submits it; the chairman logs in, returns it with a comment; the clerk finds
it on the home page and submits it again; the chairman issues it. Nothing is clicked:
focus moves with Tab (``tab_to`` fails if an element cannot be reached that way, within
a page's worth of stops), a link or button is followed with Enter, a checkbox ticked with
Space, a choice made with the arrow keys. Only the address of a page may be typed, as a
person types it in the address bar. On the way, axe-core checks the compose page with a
complete composition, a state the walk of every page does not reach.
"""

import pytest
from django.utils import timezone

from decisions.models import Decision, DecisionEvent
from teams.models import Role, Team

from . import PASSWORD, Visitor, path_of
from .axe import report, violations
from .test_decision_path import rules_settled, vietnamese

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# More stops than any page has before its last control (menu, filters, a table's links).
MAX_STOPS = 150
COMMENT = "Đề nghị ghi rõ họ tên tổ trưởng."


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab backwards) until the element matching ``selector`` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with {key} on {page.url}")


def press_and_wait(page, key: str, path: str = "") -> str:
    """Press ``key`` on the focused element and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
    assert path_of(page).endswith(path), f"{path_of(page)} is not {path}"
    return path_of(page)


def choose(page, selector: str, value: str) -> None:
    """Focus a closed <select> and move its choice with the arrow keys to ``value``."""
    tab_to(page, selector)
    values = page.eval_on_selector(selector, "s => [...s.options].map(o => o.value)")
    steps = values.index(value) - page.eval_on_selector(selector, "s => s.selectedIndex")
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.input_value(selector) == value, f"{selector} shows {page.input_value(selector)}, not {value}"


def log_in(visitor: Visitor, username: str) -> None:
    page = visitor.page
    page.goto("/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type(username)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    press_and_wait(page, "Enter", "/")


def draft_and_submit(clerk: Visitor, village, people) -> Decision:
    page = clerk.page
    page.goto("/villages/")
    tab_to(page, f"form[action='/teams/add/']:has(input[name=village][value='{village.pk}']) button")
    press_and_wait(page, "Enter")
    team = Team.objects.get(village=village)
    assert path_of(page) == f"/teams/{team.pk}/"
    tab_to(page, "a[href^='/decisions/new/?']")
    press_and_wait(page, "Enter", "/decisions/new/")
    tab_to(page, "main form button[type=submit]")
    press_and_wait(page, "Enter", "/compose/")
    decision = Decision.objects.get(team=team)

    for row, (person, role) in enumerate(zip(people, (Role.LEADER, Role.DEPUTY, Role.MEMBER), strict=True)):
        choose(page, f"select[name='members-{row}-person']", str(person.pk))
        choose(page, f"select[name='members-{row}-role']", role)
    page.wait_for_function(
        "text => document.querySelector('#rules-panel').innerText.includes(text)",
        arg=vietnamese("The composition is complete and follows the recommendation."),
    )
    rules_settled(page)
    # The state the walk of every page does not reach: a complete composition, said in green.
    broken = violations(page)
    assert not broken, report({"the compose page, complete": broken})
    tab_to(page, "button[name=action][value=save]")
    press_and_wait(page, "Enter", f"/decisions/{decision.pk}/")
    assert set(decision.members.values_list("person_id", flat=True)) == {p.pk for p in people}

    submit(clerk, decision)
    return decision


def submit(clerk: Visitor, decision: Decision) -> None:
    page = clerk.page
    tab_to(page, f"form[action='/decisions/{decision.pk}/submit/'] button")
    press_and_wait(page, "Space", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.SUBMITTED


def open_from_home(visitor: Visitor, decision: Decision) -> None:
    """The home page lists what waits for this person; its link is reached with Tab."""
    page = visitor.page
    page.goto("/")
    tab_to(page, f"main a[href='/decisions/{decision.pk}/']")
    press_and_wait(page, "Enter", f"/decisions/{decision.pk}/")


def return_with_comment(chairman: Visitor, decision: Decision) -> None:
    open_from_home(chairman, decision)
    page = chairman.page
    tab_to(page, "textarea[name=comment]")
    page.keyboard.type(COMMENT)
    tab_to(page, f"form[action='/decisions/{decision.pk}/return/'] button")
    press_and_wait(page, "Enter", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert decision.events.filter(action=DecisionEvent.Action.RETURNED, comment=COMMENT).exists()


def issue(chairman: Visitor, decision: Decision) -> None:
    open_from_home(chairman, decision)
    page = chairman.page
    # The sign controls may come after the document: go past them, then back with Shift+Tab.
    tab_to(page, f"form[action='/decisions/{decision.pk}/return/'] button")
    tab_to(page, "input[name=confirm]", backwards=True)
    page.keyboard.press("Space")
    assert page.is_checked("input[name=confirm]")
    tab_to(page, f"form[action='/decisions/{decision.pk}/issue/'] button")
    press_and_wait(page, "Enter", f"/decisions/{decision.pk}/")
    decision.refresh_from_db()
    assert decision.status == Decision.Status.ISSUED
    assert (decision.number, decision.year) == (1, timezone.localdate().year)


def test_the_decision_path_works_with_the_keyboard_alone(browse, village, village_people, clerk, chairman):
    clerk_view = browse()
    log_in(clerk_view, clerk.username)
    decision = draft_and_submit(clerk_view, village, village_people)

    chairman_view = browse()
    log_in(chairman_view, chairman.username)
    return_with_comment(chairman_view, decision)

    open_from_home(clerk_view, decision)
    submit(clerk_view, decision)

    issue(chairman_view, decision)
