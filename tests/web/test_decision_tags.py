"""The decisions list's row tags: a decision's number and its status badge."""

from django.template import Context, Template
from django.utils.translation import override

from decisions.models import Decision
from teams.models import Commune


def render(tag: str, decision: Decision) -> str:
    with override("en"):
        return Template("{% load decision_tags %}" + tag).render(Context({"decision": decision}))


def decision(**fields) -> Decision:
    return Decision(commune=Commune(name="Tùng Ảnh", type_word="xã", body_abbreviation="UBND"), **fields)


def test_an_issued_decision_shows_its_number_and_symbol():
    assert render("{% decision_number decision %}", decision(number=12)) == "12/QĐ-UBND\n"


def test_a_decision_not_yet_issued_shows_draft():
    html = render("{% decision_number decision %}", decision(number=None))
    assert html == '<span class="text-body-secondary">draft</span>\n'


def test_the_status_badge_has_the_colour_of_the_status():
    for status, css in (
        ("draft", "text-bg-secondary"),
        ("submitted", "text-bg-primary"),
        ("issued", "text-bg-success"),
    ):
        label = Decision.Status(status).label
        html = render("{% decision_status decision %}", decision(status=status))
        assert html == f'<span class="badge {css}">{label}</span>\n'
