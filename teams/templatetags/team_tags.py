"""Bits of HTML repeated on every row of the lists, written in Python.

A row of the district officer's villages page included two partial templates (a team's
status, its members): 40 rows spent ~10 ms there, the whole page's budget. These tags
write the same HTML (``tests/teams/test_team_tags.py``), with the same translations.
"""

import functools

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@functools.cache
def _labels(field) -> dict:
    return dict(field.flatchoices)


@register.filter
def display(obj, name: str):
    """``obj.get_<name>_display()``. Django's rebuilds (and translates) the field's whole
    choices dict at each call: ~40 µs, a hundred times on a list page."""
    value = getattr(obj, name)
    return _labels(obj._meta.get_field(name)).get(value, value)


def _badge(css: str, text: str) -> str:
    return f'<span class="badge {css}">{text}</span>'


@register.simple_tag
def team_status(team) -> str:
    """A badge: no team, being set up, active since a date, or dissolved (on a date)."""
    if not team:
        html = _badge("text-bg-light border", escape(_("no team")))
    elif team.status == "forming":
        html = _badge("text-bg-warning", escape(_("being set up")))
    elif team.status == "active":
        if team.established_on:
            text = _("active since %(date)s") % {"date": escape(date_format(team.established_on, "d/m/Y"))}
        else:
            text = escape(_("active"))
        html = _badge("text-bg-success", text)
    else:
        on = f" {escape(date_format(team.dissolved_on, 'd/m/Y'))}" if team.dissolved_on else ""
        html = _badge("text-bg-secondary", f"{escape(_('dissolved'))}{on}")
    return mark_safe(html + "\n")


@register.simple_tag
def seats(memberships) -> str:
    """The members, each with their role; "no members yet" when there is none."""
    if not memberships:
        label = _("no members yet")  # outside the f-string, where xgettext finds it
        return mark_safe(f'<span class="text-body-secondary">{escape(label)}</span>\n')
    items = "".join(
        f"<li>{conditional_escape(m.person.full_name)} "
        f'<span class="text-body-secondary small">({conditional_escape(display(m, "role"))})</span></li>'
        for m in memberships
    )
    return mark_safe(f'<ul class="list-unstyled mb-0">{items}</ul>\n')
