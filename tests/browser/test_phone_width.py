"""Every page, for every demo login, fits a 360 px phone (nothing wider than its box, no word
broken in two); the menu fits one line at 1280 px; no page ships more than 120 KB of CSS and
JavaScript, compressed.

With TUNGANH_SCREENSHOTS=1 the walk also photographs every page at both widths, into
``screenshots/every-page/<login>/<width>-<address>.png`` (the folder is ignored by git).
"""

import gzip
import os
import re
import time
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from .every_page import CANDIDATES, EXCLUDED, LOGINS, addresses, demo_pages, load_demo, pages_of  # noqa: F401 (a fixture)


def url_names(resolver=None, namespace=None) -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver("tungAnh.urls")).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_pattern_is_walked_or_excluded():
    names = url_names()
    assert not (set(CANDIDATES) & set(EXCLUDED)), "a pattern is both walked and excluded"
    assert names == set(CANDIDATES) | set(EXCLUDED), (
        f"not walked nor excluded: {sorted(names - set(CANDIDATES) - set(EXCLUDED))}; "
        f"no such pattern: {sorted((set(CANDIDATES) | set(EXCLUDED)) - names)}"
    )


@pytest.mark.django_db(transaction=True)
def test_every_walked_pattern_opens_for_some_login(settings):
    settings.ROOT_URLCONF = "tungAnh.urls"
    started = time.monotonic()
    load_demo()
    opened = {login: set(pages_of(login)) for login in LOGINS}
    everything = set().union(*opened.values())
    by_name = {}
    for name, address in addresses():
        by_name.setdefault(name, set()).add(address)
    never = sorted(name for name, found in by_name.items() if not found & everything)
    empty = sorted(name for name in CANDIDATES if name not in by_name)
    print({login: len(found) for login, found in opened.items()}, f"{time.monotonic() - started:.1f} s")
    assert not empty, f"the demo has no object for: {empty}"
    assert not never, f"no login opens: {never}"


# Every element of the page that is wider inside than its box, as "selector: inner > box".
# Left out: elements without a box (display none or contents, inline boxes: their widths read 0)
# and what is hidden on purpose but kept for screen readers or robots (Bootstrap's
# .visually-hidden, the header row of a stacked table, a 1-px honeypot field), with everything
# inside it.
OVERFLOWS = """() => {
  const hidden = (el, style) => style.clipPath === 'inset(50%)' || style.clip === 'rect(0px, 0px, 0px, 0px)'
    || (style.overflow === 'hidden' && el.clientWidth <= 1 && el.clientHeight <= 1);
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 5; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + '#' + node.id); break; }
      const classes = [...node.classList].slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      const parent = node.parentElement;
      if (parent) {
        const same = [...parent.children].filter((child) => child.tagName === node.tagName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(node) + 1})`;
      }
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
  // A text field scrolls its own long value by design; its box is checked in its parent.
  const typing = (el) => el.tagName === 'TEXTAREA'
    || (el.tagName === 'INPUT' && ['text', 'search', 'email', 'tel', 'url', 'number', 'password'].includes(el.type));
  const walk = (el) => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || hidden(el, style)) return;
    const boxed = style.display !== 'contents' && style.display !== 'inline' && !style.display.startsWith('inline ');
    if (boxed && !typing(el) && el.scrollWidth > el.clientWidth) {
      const text = (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      found.push(`${describe(el)}: ${el.scrollWidth} > ${el.clientWidth} px ("${text}")`);
    }
    for (const child of el.children) walk(child);
  };
  walk(document.body);
  return found;
}"""

# Words a person must read whole, broken across two lines: a page that "fits" by squeezing a
# table until names wrap letter by letter is not readable. A word here is up to 16 letters
# between spaces, hyphens and slashes (Vietnamese syllables, names, numbers like 170/QĐ-UBND);
# longer strings (codes), web addresses and e-mails may break anywhere. Hidden text is left out.
BROKEN_WORDS = r"""() => {
  const found = [];
  const skip = 'script, style, select, option, textarea, .visually-hidden, .visually-hidden-focusable, .hp';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode() && found.length < 3) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.getClientRects().length) continue;
    const head = parent.closest('.table-stack > thead');
    if (head && getComputedStyle(head).position === 'absolute') continue;
    // A web address or an e-mail (its random keys hold short runs of letters between
    // dashes) is one long string, which may break anywhere.
    const long = [];
    const chunks = /\S+/g;
    let chunk;
    while ((chunk = chunks.exec(node.textContent))) {
      if (/:\/\/|@/.test(chunk[0])) long.push([chunk.index, chunk.index + chunk[0].length]);
    }
    const words = /[^\s\-\/]+/g;
    let word;
    while ((word = words.exec(node.textContent))) {
      if (word[0].length < 2 || word[0].length > 16) continue;
      if (long.some(([start, end]) => start <= word.index && word.index < end)) continue;
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (lines.size > 1) {
        found.push(`"${word[0]}" broken across ${lines.size} lines in <${parent.tagName.toLowerCase()}>`);
        break;
      }
    }
  }
  return found;
}"""

# The top-level items of the main menu, each with its distance from the top of the menu.
# (null on a page without the menu: a public page, a document).
MENU_TOPS = """() => document.getElementById('main-nav')
  && [...document.querySelectorAll('#main-nav > .navbar-nav > li')].map((li) => li.offsetTop)"""
# The A4 documents shown in a frame of their page (a decision's, a commune report's draft):
# the frame is sized by its page (decisions/decision_detail.html), the document keeps A4's width.
A4_DOCUMENTS = {"decisions:preview", "commune_reports:preview"}


SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots" / "every-page"


def screenshot_path(login: str | None, width: int, address: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", address).strip("-") or "home"
    return SCREENSHOTS / (login or "visitor") / f"{width}-{slug}.png"


# No page ships more than this much CSS and JavaScript, gzip-compressed (issue 11, Speed).
MAX_CSS_JS_BYTES = 120 * 1024
# The stylesheets and scripts a page loads, and its own <style> and <script> text.
ASSETS = """() => [...document.querySelectorAll('link[rel=stylesheet], script[src]')].map((el) => el.href || el.src)"""
INLINE_CSS_JS = (
    """() => [...document.querySelectorAll('style, script:not([src])')].map((el) => el.textContent).join('')"""
)


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def by_login(pages: list[tuple[str | None, str]]) -> dict[str | None, list[str]]:
    grouped: dict[str | None, list[str]] = {}
    for login, address in pages:
        grouped.setdefault(login, []).append(address)
    return grouped


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_and_the_menu_one_line_on_a_desktop(browser, live_server, demo_pages):  # noqa: F811
    from . import DESKTOP, PHONE
    from .conftest import LOCALE, TIMEOUT_MS
    from .every_page import log_in

    photograph = bool(os.environ.get("TUNGANH_SCREENSHOTS"))
    sizes: dict[str, int] = {}  # compressed size of each stylesheet and script, by address
    heaviest = (0, "")

    started = time.monotonic()
    problems: list[str] = []
    for login, pages in by_login(demo_pages).items():
        context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale=LOCALE)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        log_in(page, login)
        who = login or "visitor"
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            for address in pages:
                if resolve(address).view_name in A4_DOCUMENTS:
                    continue
                response = page.goto(address)
                assert response is not None and response.status == 200, f"{address} for {who}: {response}"
                if viewport is PHONE:
                    assets = set(page.evaluate(ASSETS))
                    for asset in assets - sizes.keys():
                        sizes[asset] = compressed(context.request.get(asset).body())
                    weight = sum(sizes[asset] for asset in assets) + compressed(page.evaluate(INLINE_CSS_JS).encode())
                    heaviest = max(heaviest, (weight, address))
                    if weight > MAX_CSS_JS_BYTES:
                        problems.append(f"{who} {address}: {weight / 1024:.1f} KB of CSS and JS (compressed)")
                for problem in page.evaluate(OVERFLOWS) + page.evaluate(BROKEN_WORDS):
                    problems.append(f"{who} {viewport['width']} px {address}: {problem}")
                if photograph:
                    shot = screenshot_path(login, viewport["width"], address)
                    shot.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=shot, full_page=True)
                if viewport is DESKTOP and login is not None:
                    tops = page.evaluate(MENU_TOPS)
                    if tops is not None and (len(tops) < 2 or len(set(tops)) != 1):
                        problems.append(f"{who} 1280 px {address}: the menu is not one line: {tops}")
        context.close()
    elapsed = time.monotonic() - started
    print(f"{len(demo_pages)} pages, {len(by_login(demo_pages))} logins, 2 widths: {elapsed:.0f} s")
    print(f"heaviest page: {heaviest[1]}, {heaviest[0] / 1024:.1f} KB of CSS and JS (gzip)")
    assert not problems, f"{len(problems)} overflows:\n" + "\n".join(problems)
