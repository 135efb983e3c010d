"""The cells of a rollout table's row, written in Python.

A province's page has 50 rows of 7 cells and 50 rows of 8 indicators: as template markup
(a translation, a date and a badge per cell) they cost more than the database. These tags
write the same HTML (``tests/reports/test_rollout_tags.py`` renders both and compares),
with the same translations; each cell carries its column's heading as ``data-label`` for
the tables a phone reads one row at a time (``table-stack`` in static/css/app.css).
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

PHASE_BADGES = {"done": "text-bg-success", "late": "text-bg-danger", "on_track": "text-bg-primary"}


def _team(row) -> str:
    if row.team_status == "active":
        html = escape(_("set up"))
        if row.established_on:
            since = _("since %(date)s") % {"date": date_format(row.established_on, "d/m/Y")}
            html += f'<span class="d-block small">{escape(since)}</span>'
        if row.decision:
            decision = _("decision %(number)s") % {"number": row.decision}
            html += f'<span class="d-block small text-body-secondary">{escape(decision)}</span>'
        return html
    if row.team_status == "forming":
        return escape(_("being set up"))
    # gettext outside the f-string: xgettext does not look inside one.
    label = _("not set up")
    return f'<span class="text-body-secondary">{escape(label)}</span>'


def _reports(row) -> str:
    if not row.period:
        label = _("no period")
        return f'<span class="text-body-secondary">{escape(label)}</span>'
    counts = {"month": row.period.month_label, "on_time": row.on_time, "late": row.late, "missing": row.missing}
    return escape(_("%(month)s: %(on_time)s on time, %(late)s late, %(missing)s missing") % counts)


def _months(row) -> str:
    counts = {
        "accepted": row.months_accepted,
        "pending": row.months_pending,
        "returned": row.months_returned,
        "missing": row.months_missing,
    }
    return escape(_("%(accepted)s accepted, %(pending)s waiting, %(returned)s sent back, %(missing)s missing") % counts)


def _plan(row) -> str:
    if row.phase:
        badge = PHASE_BADGES.get(row.phase.status, "text-bg-secondary")
        return (
            f"{escape(row.plan.number_symbol)} · {escape(row.phase.phase.label)} "
            f'<span class="badge {badge}">{escape(row.phase.status_label)}</span>'
        )
    if row.plan:
        return escape(row.plan.number_symbol)
    return f'<span class="text-body-secondary">{escape(_("no plan"))}</span>'


def _cell(html: str, *, label: str, css: str = "") -> str:
    attributes = f' class="{css}"' if css else ""
    return f'<td{attributes} data-label="{escape(label)}">{html}</td>'


@register.simple_tag
def rollout_cells(row) -> str:
    """Every cell of a commune's row after its name: its team, villages covered, members,
    collaborators, the latest period's reports, the year's months as the supervisor sees
    them and the plan."""
    cells = (
        ("", _("Commune team"), _team(row)),
        ("text-end", _("Villages covered"), f"{row.villages_covered}/{row.villages}"),
        ("text-end", _("Members"), str(row.members)),
        ("text-end", _("Collaborators"), str(row.collaborators)),
        ("", _("Reports of the latest period"), _reports(row)),
        ("", _("Months of the year"), _months(row)),
        ("", _("Plan"), _plan(row)),
    )
    return mark_safe("".join(_cell(html, label=label, css=css) for css, label, html in cells))


@register.simple_tag
def indicator_cells(totals) -> str:
    """One right-aligned cell per indicator's total, headed by the indicator's label; a dash
    where no report gave the indicator a figure (not a 0)."""
    return mark_safe(
        "".join(_cell(str(t.total) if t.reported else "—", label=t.indicator.label, css="text-end") for t in totals)
    )
