"""axe-core in the browser tests: the WCAG 2.0 and 2.1 A and AA checks run on an open page.

axe-core comes from the npm registry at the version package-lock.json pins (``make test``
runs ``npm ci``); its script is put into the page under test and run there. A missing
script fails the test and says how to install it, unless the machine has no browser.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from . import NO_BROWSER

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The rules of WCAG 2.0 and 2.1 at levels A and AA; nothing else (no best practices).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Violation:
    """One rule broken on one page: where, by which elements, and how badly."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summary: str

    def describe(self) -> str:
        shown = ", ".join(self.targets[:5]) + (f" and {len(self.targets) - 5} more" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}): {self.help} — {shown}\n      {self.summary}"


def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"{AXE_SCRIPT} is missing: run `npm ci` (make test does) to install axe-core "
            f"(set {NO_BROWSER}=1 to run without a browser)."
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


def violations(page: Page) -> list[Violation]:
    """The WCAG 2.0/2.1 A and AA violations on ``page`` as it is now, of any impact, its
    frames included (the decision's preview). The script is evaluated through the browser's
    protocol, which a page's Content-Security-Policy does not stop, into every frame."""
    source = None
    for frame in page.frames:
        if not frame.evaluate("() => typeof window.axe === 'object'"):
            source = source or axe_source()
            frame.evaluate(source)
    result = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                rule: v.id, impact: v.impact || 'unknown', help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
                summary: (v.nodes[0] && v.nodes[0].failureSummary || '').replace(/\\s+/g, ' '),
            }));
        }""",
        WCAG_TAGS,
    )
    return [
        Violation(rule=v["rule"], impact=v["impact"], help=v["help"], targets=tuple(v["targets"]), summary=v["summary"])
        for v in result
    ]


def report(found: dict[str, list[Violation]]) -> str:
    """A failure message: each page, then each rule it breaks with the elements that break it."""
    lines = []
    for where, page_violations in found.items():
        lines.append(f"{where}:")
        lines.extend(f"  - {violation.describe()}" for violation in page_violations)
    return "\n".join(lines)


def as_json(found: dict[str, list[Violation]]) -> str:
    return json.dumps({where: [v.rule for v in vs] for where, vs in found.items()}, ensure_ascii=False)
