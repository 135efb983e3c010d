"""The rollout tables' cells written in Python are the HTML the template wrote, in both languages."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from reports import indicators
from reports.selectors import IndicatorTotal
from reports.templatetags.rollout_tags import indicator_cells, rollout_cells

# The markup the tables had, with the phone layout's headings (data-label) on each cell.
REFERENCE = Template(
    '{% load i18n %}<td data-label="{% translate "Commune team" %}">'
    '\n          {% if row.team_status == "active" %}{% translate "set up" %}'
    '{% if row.established_on %}<span class="d-block small">'
    '{% blocktranslate with date=row.established_on|date:"d/m/Y" trimmed %}'
    "since {{ date }}{% endblocktranslate %}</span>{% endif %}{% if row.decision %}"
    '<span class="d-block small text-body-secondary">'
    "{% blocktranslate with number=row.decision trimmed %}"
    "decision {{ number }}{% endblocktranslate %}</span>{% endif %}"
    '\n          {% elif row.team_status == "forming" %}{% translate "being set up" %}'
    '\n          {% else %}<span class="text-body-secondary">{% translate "not set up" %}</span>'
    "{% endif %}\n        </td>"
    '<td class="text-end" data-label="{% translate "Villages covered" %}">'
    "{{ row.villages_covered }}/{{ row.villages }}</td>"
    '<td class="text-end" data-label="{% translate "Members" %}">{{ row.members }}</td>'
    '<td class="text-end" data-label="{% translate "Collaborators" %}">'
    '{{ row.collaborators }}</td><td data-label="{% translate "Reports of the latest period" %}'
    '">{% if row.period %}'
    "{% blocktranslate with month=row.period.month_label on_time=row.on_time late=row.late"
    " missing=row.missing trimmed %}"
    "{{ month }}: {{ on_time }} on time, {{ late }} late, {{ missing }} missing{% endblocktranslate %}"
    '{% else %}<span class="text-body-secondary">{% translate "no period" %}</span>{% endif %}'
    '</td><td data-label="{% translate "Months of the year" %}">'
    "{% blocktranslate with accepted=row.months_accepted pending=row.months_pending returned=row.months_returned"
    " missing=row.months_missing trimmed %}{{ accepted }} accepted, {{ pending }} waiting, {{ returned }} sent back,"
    " {{ missing }} missing{% endblocktranslate %}"
    '</td><td data-label="{% translate "Plan" %}">{% if row.phase %}'
    "{{ row.plan.number_symbol }} · {{ row.phase.phase.label }} <span class=\"badge {% if row.phase.status == 'done' %}"
    "text-bg-success{% elif row.phase.status == 'late' %}"
    "text-bg-danger{% elif row.phase.status == 'on_track' %}text-bg-primary{% else %}"
    'text-bg-secondary{% endif %}">{{ row.phase.status_label }}</span>{% elif row.plan %}'
    '{{ row.plan.number_symbol }}{% else %}<span class="text-body-secondary">'
    '{% translate "no plan" %}</span>{% endif %}</td>'
)
INDICATORS = Template(
    """{% for t in totals %}<td class="text-end" data-label="{{ t.indicator.label }}">"""
    """{% if t.reported %}{{ t.total }}{% else %}—{% endif %}</td>{% endfor %}"""
)


def squeezed(html: str) -> str:
    """The template's own line breaks and indentation inside the first cell are not content."""
    return " ".join(html.split()).replace("> <", "><").replace("> ", ">").replace(" <", "<")


def row(**overrides):
    fields = {
        "team_status": "active",
        "established_on": datetime.date(2022, 10, 4),
        "decision": "170/QĐ-UBND",
        "villages": 7,
        "villages_covered": 3,
        "members": 21,
        "collaborators": 2,
        "period": SimpleNamespace(month_label="09/2025"),
        "on_time": 4,
        "late": 1,
        "missing": 2,
        "months_accepted": 5,
        "months_pending": 1,
        "months_returned": 0,
        "months_missing": 3,
        "plan": SimpleNamespace(number_symbol="246/KH-UBND <b>"),
        "phase": SimpleNamespace(phase=SimpleNamespace(label="Giai đoạn 1 & 2"), status="late", status_label="chậm"),
    }
    return SimpleNamespace(**{**fields, **overrides})


ROWS = [
    row(),
    row(established_on=None, decision=""),
    row(team_status="forming", period=None, phase=None),
    row(team_status=None, phase=None, plan=None),
    row(phase=SimpleNamespace(phase=SimpleNamespace(label="x"), status="planned", status_label="chưa đến")),
    row(phase=SimpleNamespace(phase=SimpleNamespace(label="x"), status="done", status_label="xong")),
    row(phase=SimpleNamespace(phase=SimpleNamespace(label="x"), status="on_track", status_label="đúng hạn")),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("one", ROWS)
def test_the_cells_are_the_templates(one, language):
    with translation.override(language):
        assert squeezed(rollout_cells(one)) == squeezed(REFERENCE.render(Context({"row": one})))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_indicator_cells_are_the_templates(language):
    # Every other indicator without a figure (a dash), the others with one, 0 included.
    totals = [IndicatorTotal(indicator=i, total=n * 1000, reported=n % 2) for n, i in enumerate(indicators.INDICATORS)]
    with translation.override(language):
        assert indicator_cells(totals) == INDICATORS.render(Context({"totals": totals}))
