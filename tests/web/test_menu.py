"""The main menu: five groups, each role sees exactly the links it may open, the current page is
marked, and the header says who is logged in, in which role and for which place."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from accounts.backends import OfficialBackend
from accounts.models import Official
from tests import factories
from tests.web import district_officer_of, team_leader_of, url
from tungAnh import menu

pytestmark = pytest.mark.django_db

WORK = ("Work to do", ["home", "joining:list"])
LINK = re.compile(r'<a class="dropdown-item[^"]*" href="([^"]+)"( aria-current="page")?>')
GROUP = re.compile(
    r'<button class="nav-link dropdown-toggle( active)?" type="button" id="menu-(\w+)"[^>]*>([^<]+)</button>'
)


@pytest.fixture
def team_leader(village_team, village_people):
    return team_leader_of(village_team, village_people[0])


@pytest.fixture
def province_officer(commune):
    return factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=commune.province, commune=None).user


@pytest.fixture
def national_officer(db):
    return factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user


@pytest.fixture
def administrator(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def users(clerk, chairman, vice_chairman, team_leader, commune, province_officer, national_officer, administrator):
    return {
        "clerk": clerk,
        "chairman": chairman,
        "vice_chairman": vice_chairman,
        "team_leader": team_leader,
        "district": district_officer_of(commune),
        "province": province_officer,
        "national": national_officer,
        "administrator": administrator,
    }


SUPERVISION = ["dashboard:district"]
EXPECTED = {
    "clerk": {
        "work": ["home", "reports:waiting", "joining:list"],
        "teams": ["teams:village_list", "teams:person_list", "residents:index", "accounts:login_list"],
        "documents": ["decisions:list", "decisions:register", "decisions:bases", "documents:check"],
        "reports": ["reports:period_list"],
        "supervision": SUPERVISION,
    },
    "chairman": {
        "work": ["home", "decisions:inbox", "reports:waiting", "joining:list"],
        "teams": ["teams:village_list", "teams:person_list"],
        "documents": ["decisions:list", "decisions:register", "documents:check"],
        "reports": ["reports:period_list"],
        "supervision": SUPERVISION,
    },
    "team_leader": {
        "work": ["home", "joining:list"],
        "teams": ["teams:village_list", "teams:person_list"],
        "documents": ["decisions:list", "documents:check"],
        "reports": ["reports:period_list"],
    },
    "district": {
        "work": ["home", "reports:waiting", "joining:list"],
        "teams": ["teams:village_list", "teams:person_list"],
        "documents": ["decisions:list", "decisions:register", "documents:check"],
        "reports": ["reports:period_list"],
        "supervision": SUPERVISION,
    },
    "province": {
        "work": ["home", "reports:waiting", "joining:list", "dashboard:village_moves"],
        "teams": ["teams:village_list", "teams:person_list"],
        "documents": ["decisions:list", "decisions:register", "documents:check"],
        "reports": ["reports:period_list"],
        "supervision": SUPERVISION,
    },
    "administrator": {
        "work": ["home", "joining:list"],
        "teams": ["teams:village_list", "teams:person_list"],
        "documents": ["decisions:list", "documents:check"],
        "reports": ["reports:period_list"],
        "supervision": ["admin:index"],
    },
}
EXPECTED["vice_chairman"] = EXPECTED["chairman"]
# The national officer reads; the approval's steps are the district's or the province's.
EXPECTED["national"] = {**EXPECTED["district"], "work": ["home", "joining:list"]}
GROUP_LABELS = {
    "work": "Work to do",
    "teams": "Teams and people",
    "documents": "Documents",
    "reports": "Reports",
    "supervision": "Supervision",
}


def the_menu(html: str) -> dict[str, list[str]]:
    """The menu of a page: each group's key, with the URL names of its links, in order."""
    nav = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    groups: dict[str, list[str]] = {}
    for chunk in nav.split('<li class="nav-item dropdown"')[1:]:
        key = GROUP.search(chunk).group(2)
        groups[key] = [resolve(href).view_name for href, _current in LINK.findall(chunk)]
    return groups


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_exactly_its_links_and_each_opens(client, users, role, settings):
    settings.DOCUMENT_SIGNING_BACKEND = "none"
    client.force_login(users[role])
    html = client.get(url("home")).content.decode()
    shown = the_menu(html)
    assert shown == EXPECTED[role]
    labels = [match[2].strip() for match in GROUP.findall(html)]
    assert labels == [GROUP_LABELS[key] for key in EXPECTED[role]]
    for names in shown.values():
        for name in names:
            # (a national officer's "Rollout" leads on to the provinces: followed)
            response = client.get(url(name), follow=True)
            assert response.status_code == 200, f"{role} is offered {name}, which refuses them"


def test_the_clerk_sees_signature_and_seal_when_documents_are_signed(client, clerk, settings):
    settings.DOCUMENT_SIGNING_BACKEND = "pkcs12"
    client.force_login(clerk)
    documents = the_menu(client.get(url("home")).content.decode())["documents"]
    assert documents == [
        "decisions:list",
        "decisions:register",
        "decisions:bases",
        "documents:signing_images",
        "documents:check",
    ]


def test_a_visitor_has_no_menu(client):
    html = client.get(url("login")).content.decode()
    assert 'id="main-nav"' not in html
    assert "Community digital technology team" in html


def test_the_current_page_is_marked_and_its_group_highlighted(client, clerk, village_people):
    client.force_login(clerk)
    html = client.get(url("teams:person_list")).content.decode()
    current = [href for href, mark in LINK.findall(html) if mark]
    assert current == [url("teams:person_list")]
    assert [key for active, key, _label in GROUP.findall(html) if active] == ["teams"]
    # A person's page is reached from the list: the list is highlighted, not called the current page.
    html = client.get(url("teams:person_detail", village_people[0].pk)).content.decode()
    assert not [href for href, mark in LINK.findall(html) if mark]
    people = re.escape(url("teams:person_list"))
    assert re.search(f'class="dropdown-item active" href="{people}"', html)
    assert [key for active, key, _label in GROUP.findall(html) if active] == ["teams"]


@pytest.mark.parametrize(
    ("role", "place", "role_name"),
    [
        ("clerk", "Xã Tùng Ảnh", "Commune clerk"),
        ("team_leader", "Xã Tùng Ảnh", "Team leader"),
        ("district", "Huyện Đức Thọ", "District officer"),
        ("province", "Tỉnh Hà Tĩnh", "Province officer"),
        ("national", "Nationwide", "National officer"),
    ],
)
def test_the_header_names_the_login_its_role_and_place(client, users, role, place, role_name):
    user = users[role]
    user.first_name = "Nguyễn Thị Hoà"
    user.save()
    client.force_login(user)
    html = client.get(url("home")).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert "<strong>Nguyễn Thị Hoà</strong>" in header
    assert f'<span class="identity-role">{role_name}</span>' in header
    assert f'<span class="identity-place">{place}</span>' in header
    assert f'<span class="brand-place">{place}</span>' in header
    assert '<span class="brand-name">Community digital technology team</span>' in header


def test_the_page_has_a_skip_link_and_landmarks(client, clerk):
    client.force_login(clerk)
    html = client.get(url("home")).content.decode()
    assert html.index('href="#main"') < html.index("<header")
    assert '<main id="main"' in html
    assert re.search(r'<nav class="navbar[^"]*" aria-label="Main menu">', html)


@pytest.mark.parametrize("role", ["clerk", "district", "province", "national", "team_leader"])
def test_the_menu_and_header_ask_the_database_nothing(users, role, rf):
    """The official comes with the user (accounts.backends); a province's name is kept a while."""
    user = OfficialBackend().get_user(users[role].pk)
    menu.identity_of(user)  # a province officer's province, read once and kept
    user = OfficialBackend().get_user(users[role].pk)
    with CaptureQueriesContext(connection) as queries:
        menu.menu_for(user, "home")
        menu.identity_of(user)
    assert len(queries) == 0, [query["sql"] for query in queries]
