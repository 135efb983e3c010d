"""axe-core finds no WCAG 2.0/2.1 A or AA violation, of any impact, on any page, for anyone.

Every page of the demo for every demo login and for a visitor (``every_page``), at 1280 and
at 360 px, the decision's preview frame included. Then the forms as they come back refused:
axe again, and every refused field says so to a screen reader (``aria-invalid``, its
message tied to it by ``aria-describedby``), and a refusal of the whole form is an alert.
"""

import re

import pytest

from . import DESKTOP, PHONE
from .axe import Violation, report, violations
from .every_page import demo_pages, log_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (DESKTOP, PHONE)


def test_no_page_breaks_a_wcag_rule_for_any_login_at_either_width(browse, demo_pages):  # noqa: F811
    found: dict[str, list[Violation]] = {}
    checked = 0
    logins = list(dict.fromkeys(login for login, _address in demo_pages))
    for login in logins:
        visitor = browse()
        log_in(visitor.page, login)
        for address in [address for owner, address in demo_pages if owner == login]:
            visitor.page.set_viewport_size(DESKTOP)
            visitor.expect_status(address, 200)
            for viewport in WIDTHS:
                # The same page, narrowed: the phone layout is the stylesheet's, not another page.
                visitor.page.set_viewport_size(viewport)
                broken = violations(visitor.page)
                checked += 1
                if broken:
                    found[f"{login or 'visitor'} {address} at {viewport['width']} px"] = broken
    print(f"axe: {checked} page-widths checked for {len(logins)} logins, {len(found)} with violations")
    assert checked >= 2 * len(logins) * 5, "the walk opened too few pages"
    assert not found, "axe-core found WCAG violations:\n" + report(found)


# Forms sent back refused: (login, address pattern, the form). The form's fields are emptied
# and it is sent without the browser's own checks. Two are filled wrongly instead: the login
# form (a name and password that do not match: a refusal of the whole form) and the team's
# report, where a figure left empty is allowed (figures over the maximum).
CLERK = "vanthu.tunganh"
MAIN_FORM = "main form[method=post]"
REFUSED_FORMS = (
    (None, r"/login/", MAIN_FORM),
    (None, r"/p/[^/]+/help/", MAIN_FORM),
    (None, r"/documents/check/", "main form:has(input[name=by][value=number])"),
    (CLERK, r"/people/add/", MAIN_FORM),
    (CLERK, r"/people/\d+/edit/", MAIN_FORM),
    (CLERK, r"/villages/add/", MAIN_FORM),
    (CLERK, r"/villages/\d+/edit/", f"{MAIN_FORM}:not([action])"),
    (CLERK, r"/decisions/new/", MAIN_FORM),
    (CLERK, r"/decisions/\d+/edit/", MAIN_FORM),
    (CLERK, r"/decisions/bases/", MAIN_FORM),
    (CLERK, r"/joining/applications/add/", MAIN_FORM),
    (CLERK, r"/joining/leaving/add/", MAIN_FORM),
    (CLERK, r"/logins/add/", MAIN_FORM),
    (CLERK, r"/password/", MAIN_FORM),
    (CLERK, r"/residents/people/\d+/consent/", f"{MAIN_FORM}:has(input[name=action][value=give])"),
    (CLERK, r"/reports/\d+/teams/\d+/file/", MAIN_FORM),  # filled wrongly
    (CLERK, r"/commune-reports/\d+/edit/", MAIN_FORM),
)

EMPTY_AND_SEND = """([form, wrong]) => {
    const target = document.querySelector(form);
    target.noValidate = true;
    for (const field of target.querySelectorAll('input:not([type=hidden]):not([type=submit]), textarea, select')) {
        if (field.type === 'checkbox' || field.type === 'radio') field.checked = false;
        else if (field.tagName === 'SELECT') field.selectedIndex = [...field.options].findIndex(o => !o.value);
        else if (!wrong) field.value = '';
        else field.value = field.type === 'number' || field.inputMode === 'numeric' ? '999999' : 'sai-' + field.name;
    }
    target.requestSubmit(target.querySelector('button[type=submit]'));
}"""

# Each refused field is marked and its message tied to it; each message is tied to a field
# or is an alert; a refusal is shown at all.
SPOKEN = """() => {
    const problems = [];
    const named = el => el.name || el.id;
    const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const idsOf = el => (el.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
    const described = new Set();
    for (const field of document.querySelectorAll('[aria-invalid="true"], fieldset[aria-describedby]')) {
        // A radio or checkbox of a group is described through its fieldset, as Django writes it.
        const group = field.closest('fieldset[aria-describedby]');
        const texts = [field, group].filter(Boolean).flatMap(idsOf).map(id => document.getElementById(id));
        texts.filter(Boolean).forEach(el => described.add(el));
        if (field.matches('[aria-invalid="true"]') && !texts.some(el => el && el.textContent.trim())) {
            problems.push(`${named(field)} is aria-invalid without a message it is described by`);
        }
    }
    for (const field of document.querySelectorAll('main .is-invalid')) {
        if (field.getAttribute('aria-invalid') !== 'true') {
            problems.push(`${named(field)} looks refused but is not aria-invalid`);
        }
    }
    const shown = 'main .invalid-feedback, main .errorlist, main p.error, main .alert-danger, main .text-danger';
    const messages = [...document.querySelectorAll(shown)].filter(visible);
    for (const message of messages) {
        const tied = [...described].some(el => el === message || el.contains(message) || message.contains(el));
        if (!tied && !message.closest('[role=alert]')) {
            problems.push(`"${message.textContent.trim().slice(0, 60)}" is tied to no field and is no alert`);
        }
    }
    return {problems, refusals: messages.length};
}"""


def test_refused_forms_say_so_to_a_screen_reader(browse, demo_pages):  # noqa: F811
    found: dict[str, list[Violation]] = {}
    unspoken: dict[str, list[str]] = {}
    accepted = []
    visitors = {}
    for login, pattern, form in REFUSED_FORMS:
        address = next(a for owner, a in demo_pages if owner == login and re.fullmatch(pattern, a.split("?")[0]))
        if login not in visitors:
            visitors[login] = browse()
            log_in(visitors[login].page, login)
        page = visitors[login].page
        page.set_viewport_size(DESKTOP)
        visitors[login].expect_status(address, 200)
        with page.expect_navigation():
            page.evaluate(EMPTY_AND_SEND, [form, address == "/login/" or "/file/" in address])
        where = f"{login or 'visitor'} {address} (refused)"
        spoken = page.evaluate(SPOKEN)
        if not spoken["refusals"]:
            accepted.append(f"{where}: the emptied form was not refused ({page.url})")
        if spoken["problems"]:
            unspoken[where] = spoken["problems"]
        for viewport in WIDTHS:
            page.set_viewport_size(viewport)
            broken = violations(page)
            if broken:
                found[f"{where} at {viewport['width']} px"] = broken
    assert not accepted, "\n".join(accepted)
    assert not unspoken, "Refusals a screen reader does not hear:\n" + "\n".join(
        f"{where}: {'; '.join(problems)}" for where, problems in unspoken.items()
    )
    assert not found, "axe-core found WCAG violations on refused forms:\n" + report(found)
