"""The villages list's row tags write what the partial templates they replace wrote."""

import datetime
from types import SimpleNamespace

from django.template import Context, Template
from django.utils.translation import override

from teams.models import Membership, Person, Role


def render(source: str, **context) -> str:
    with override("en"):
        return Template("{% load team_tags %}" + source).render(Context(context))


def team(status: str, established_on=None, dissolved_on=None):
    return SimpleNamespace(status=status, established_on=established_on, dissolved_on=dissolved_on)


def test_it_says_when_there_is_no_team():
    assert render("{% team_status t %}", t=None) == '<span class="badge text-bg-light border">no team</span>\n'


def test_it_shows_a_team_being_set_up():
    html = render("{% team_status t %}", t=team("forming"))
    assert html == '<span class="badge text-bg-warning">being set up</span>\n'


def test_it_dates_an_active_team_from_its_establishment():
    html = render("{% team_status t %}", t=team("active", established_on=datetime.date(2024, 3, 5)))
    assert html == '<span class="badge text-bg-success">active since 05/03/2024</span>\n'
    assert render("{% team_status t %}", t=team("active")) == '<span class="badge text-bg-success">active</span>\n'


def test_it_dates_a_dissolved_team_when_known():
    html = render("{% team_status t %}", t=team("dissolved", dissolved_on=datetime.date(2025, 1, 31)))
    assert html == '<span class="badge text-bg-secondary">dissolved 31/01/2025</span>\n'
    assert (
        render("{% team_status t %}", t=team("dissolved")) == '<span class="badge text-bg-secondary">dissolved</span>\n'
    )


def seat(name: str, role: str) -> Membership:
    return Membership(person=Person(full_name=name), role=role)


def test_it_lists_the_members_with_their_role_escaped():
    html = render("{% seats s %}", s=[seat("Lê <Văn> An", Role.LEADER), seat("Trần Thị Bình", Role.MEMBER)])
    assert html == (
        '<ul class="list-unstyled mb-0">'
        '<li>Lê &lt;Văn&gt; An <span class="text-body-secondary small">(leader (Tổ trưởng))</span></li>'
        '<li>Trần Thị Bình <span class="text-body-secondary small">(member (Tổ viên))</span></li></ul>\n'
    )


def test_it_says_when_a_team_has_no_member_yet():
    assert render("{% seats s %}", s=[]) == '<span class="text-body-secondary">no members yet</span>\n'


def test_display_reads_a_choice_label_like_get_display():
    membership = Membership(role=Role.DEPUTY)
    assert render('{{ m|display:"role" }}', m=membership) == "deputy (Tổ phó)"
    membership.role = "unknown"
    assert render('{{ m|display:"role" }}', m=membership) == "unknown" == membership.get_role_display()
