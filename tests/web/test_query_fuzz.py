"""Whatever a query string, a posted id or an address carries: never a server error.

Every page whose view reads ``request.GET`` (``grep -rn "request.GET" */views.py
*/*_views.py``, the admin's list filters of ``*/admin.py``, and ``?page=`` of every
paginated list) gets hostile values for each parameter, from the user who may see it, and
answers 200, 302 or 404.

The project's own addresses take numbers through ``<int:...>`` only: Django's converter
matches ``[0-9]+`` (ASCII), so "²" or "٣" in a path is a 404 before any view runs, and
the tests below check it for every such address. The admin's ``<path:object_id>`` is a
string: it is checked with the same values.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from documents.models import RegisterEntry
from lib.text import ascii_int
from teams.models import Role
from teams.services import membership_add
from tests import factories
from tests.web import district_officer_of, url

pytestmark = pytest.mark.django_db

BACKEND = "accounts.backends.OfficialBackend"
ANSWERS = {200, 302, 400, 404}  # 400: a NUL in the query string (RefuseNulMiddleware)

UNICODE_DIGITS = ["²", "٣", "१", "１２", "٢٠٢٢", "２０２２", "۱۲", "߂", "①", "Ⅻ"]
HOSTILE = [
    *UNICODE_DIGITS,
    "",
    "0",
    "-1",
    "+1",
    " 1",
    "1 ",
    "1_000",
    "1.5",
    "1e3",
    "0x1f",
    "2022\n",
    "9" * 18,
    "9" * 19,
    "9" * 30,
    "9" * 5000,
    "-" + "9" * 30,
    "\x00",
    "1\x00",
    "x" * 10_000,
    "' OR 1=1 --",
    "1; DROP TABLE teams_person",
    "1 UNION SELECT password FROM auth_user",
    "%",
    "%_\\",
    "<script>alert(1)</script>",
    "{{ request }}",
    "\ud7ff\ufffd",
]

# (address name, who reads it, the parameters its view reads).
ADMIN_FILTERS = ("province", "district", "commune", "q", "p")
PAGES = [
    ("decisions:list", "clerk", ("status", "kind", "year", "page")),
    ("decisions:inbox", "chairman", ("page",)),
    ("decisions:create", "clerk", ("team", "kind")),
    ("decisions:register", "clerk", ("commune", "year", "page")),
    ("decisions:register", "district", ("commune", "year", "page")),
    ("decisions:register_xlsx", "clerk", ("commune", "year")),
    ("decisions:register_xlsx", "district", ("commune", "year")),
    ("admin:documents_registerentry_changelist", "admin", (*ADMIN_FILTERS, "year", "doc_type__exact")),
    ("admin:decisions_decision_changelist", "admin", (*ADMIN_FILTERS, "year", "status__exact")),
    ("admin:teams_membership_changelist", "admin", (*ADMIN_FILTERS, "state")),
    ("reports:period_list", "clerk", ("page",)),
    ("joining:list", "clerk", ("kind", "page")),
    ("joining:leave_request_create", "clerk", ("membership",)),
    ("teams:village_list", "clerk", ("page",)),
    ("teams:village_list", "district", ("commune", "page")),
    ("teams:person_list", "clerk", ("q", "village", "page")),
    ("teams:person_list", "district", ("q", "commune", "village", "page")),
    ("dashboard:district", "district", ("year",)),
    ("dashboard:district_xlsx", "district", ("year",)),
    ("dashboard:district_csv", "district", ("year",)),
    ("dashboard:commune", "district", ("year",)),
]


@pytest.fixture
def world(commune, clerk, chairman, village_team, village_people):
    """A commune with a team of three, a register line, a reporting period, and its readers."""
    for person, role in zip(village_people, (Role.LEADER, Role.DEPUTY, Role.MEMBER), strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=factories.DAY)
    RegisterEntry.objects.create(
        commune=commune,
        doc_type="QĐ",
        year=2022,
        number=1,
        symbol="QĐ-UBND",
        issued_on=factories.DAY,
        subject="Quyết định số 1",
        signer_name="Phan Tiến Dũng",
        signer_position="CHỦ TỊCH",
        recipients="Như Điều 3; Lưu: VT",
    )
    factories.ReportingPeriodFactory(commune=commune)
    administrator = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    return {
        "clerk": clerk,
        "chairman": chairman,
        "district": district_officer_of(commune),
        "admin": administrator,
        "commune": commune,
    }


def address(name: str, world) -> str:
    if name == "dashboard:commune":
        return url(name, world["commune"].pk)
    return reverse(name)


def answers(client, path: str, data: dict, *, method: str = "get") -> int:
    response = getattr(client, method)(path, data)
    assert response.status_code in ANSWERS, (path, data, response.status_code)
    return response.status_code


def hostile_values(name: str) -> list[str]:
    return HOSTILE


@pytest.mark.parametrize(("name", "reader", "params"), PAGES, ids=[f"{n}-{r}" for n, r, _ in PAGES])
def test_every_query_parameter_answers_any_value(client, world, name, reader, params):
    client.force_login(world[reader], backend=BACKEND)
    path = address(name, world)
    assert answers(client, path, {}) == 200
    for param in params:
        for value in hostile_values(name):
            answers(client, path, {param: value})
    for value in hostile_values(name):
        answers(client, path, dict.fromkeys(params, value))


def test_a_nul_in_a_query_string_is_a_400_before_any_view(client, world):
    """PostgreSQL refuses NUL in text: the admin's list filters would otherwise answer 500."""
    client.force_login(world["admin"], backend=BACKEND)
    changelist = reverse("admin:documents_registerentry_changelist")
    for query in ({"doc_type__exact": "\x00"}, {"q": "a\x00b"}, {"\x00": "1"}):
        assert client.get(changelist, query).status_code == 400


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)


def test_random_query_strings_never_break_a_page(client, world):
    @FUZZ
    @given(page=st.sampled_from(PAGES), values=st.lists(st.text(), min_size=4, max_size=4))
    @example(page=PAGES[3], values=["²", "٣", "１２", "\x00"])
    def get(page, values):
        name, reader, params = page
        client.force_login(world[reader], backend=BACKEND)
        answers(client, address(name, world), dict(zip(params, values, strict=False)))

    get()


def test_the_team_a_clerk_sets_up_is_for_a_village_named_by_ascii_digits(client, world):
    client.force_login(world["clerk"])
    for value in HOSTILE:
        if value:
            assert answers(client, url("teams:team_create"), {"village": value}, method="post") == 404, repr(value)


def test_the_leave_form_is_offered_whatever_membership_is_asked_for(client, world):
    client.force_login(world["clerk"])
    for value in HOSTILE:
        response = client.get(url("joining:leave_request_create"), {"membership": value})
        assert response.status_code == (400 if "\x00" in value else 200), repr(value)
        if response.status_code == 400:
            continue
        if value in UNICODE_DIGITS:
            assert "membership" not in response.context["form"].initial, value


def test_the_register_reads_a_commune_or_year_only_in_ascii_digits(client, world):
    commune = world["commune"]
    client.force_login(world["district"])
    for value in UNICODE_DIGITS:
        assert client.get(url("decisions:register"), {"commune": value}).status_code == 404, value
        response = client.get(url("decisions:register"), {"commune": commune.pk, "year": value})
        assert response.status_code == 200 and response.context["year"] is None, value
    assert client.get(url("decisions:register"), {"commune": f"０{commune.pk}"}).status_code == 404


def test_the_dashboard_reads_a_year_only_in_ascii_digits(client, world):
    client.force_login(world["district"])
    assert client.get(url("dashboard:district"), {"year": "2022"}).context["year"] == 2022
    this_year = client.get(url("dashboard:district")).context["year"]
    for value in ("٢٠٢٢", "２０２２", " 2022", "2_022", "+2022"):
        assert client.get(url("dashboard:district"), {"year": value}).context["year"] == this_year, value


# Addresses ----------------------------------------------------------------------------------------


def project_routes(patterns=None, prefix: str = "") -> list[tuple[str, object]]:
    """Every address of the project but the admin's, with its pattern."""
    found = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith("admin/"):
            continue
        found.append((route, pattern.pattern))
        if isinstance(pattern, URLResolver):
            found += project_routes(pattern.url_patterns, route)
    return found


def int_routes() -> list[str]:
    return [route for route, _pattern in project_routes() if "<int:" in route]


def with_value(route: str, value: str) -> str:
    """``route`` with ``value`` in place of each ``<int:...>`` ("signature/<int:pk>.png" keeps its ".png")."""
    return "/" + re.sub(r"<int:[^>]+>", lambda _match: value, route)


WORDS_IN_ADDRESSES = {"slug", "size", "fmt"}


def test_the_projects_addresses_take_numbers_only_through_int():
    routes = project_routes()
    assert len(int_routes()) > 30
    for route, pattern in routes:
        assert isinstance(pattern, RoutePattern), route
        for name, converter in pattern.converters.items():
            # A word, not a number, may pass as a string: a public page's random address, a
            # poster's paper size, an export's format. Each view answers 404 to any other.
            assert isinstance(converter, IntConverter) or name in WORDS_IN_ADDRESSES, (route, name)


@pytest.mark.parametrize("value", [*UNICODE_DIGITS, "-1", "1.5", "1e3", "%00", "%C2%B2"])
def test_a_number_in_an_address_that_is_not_ascii_digits_is_a_404(client, world, value):
    client.force_login(world["clerk"])
    for route in int_routes():
        assert client.get(with_value(route, value)).status_code == 404, with_value(route, value)
        assert client.post(with_value(route, value)).status_code == 404, with_value(route, value)


def test_an_oversized_number_in_an_address_is_a_404(client, world):
    """``<int:...>`` takes any count of ASCII digits: the lookup must still find nothing, not fail.
    A 405 is the method the address does not take (GET-only or POST-only), answered before any
    lookup; the other method reaches the lookup."""
    client.force_login(world["clerk"])
    for route in int_routes():
        path = with_value(route, "9" * 30)
        answered = {client.get(path).status_code, client.post(path).status_code}
        assert answered in ({404}, {404, 405}), (path, answered)


ADMIN_CHANGES = [
    "admin:decisions_decision_change",
    "admin:documents_registerentry_change",
    "admin:teams_person_change",
    "admin:teams_team_change",
    "admin:teams_village_change",
]


@pytest.mark.parametrize("value", [*UNICODE_DIGITS, "9" * 30, "-1", "x" * 1000])
def test_the_admins_object_addresses_answer_any_value(client, admin_user, value):
    client.force_login(admin_user, backend=BACKEND)
    for name in ADMIN_CHANGES:
        path = reverse(name, args=["0"]).replace("/0/", f"/{value}/")
        assert client.get(path).status_code in ANSWERS, path


# The helper every view parses with ----------------------------------------------------------------


@settings(max_examples=300, database=None)
@given(st.text())
@example("²")
@example("٣")
@example("１２")
@example("9" * 5000)
@example("2022\n")
def test_ascii_int_reads_only_ascii_digits(text):
    number = ascii_int(text)
    if number is None:
        assert not (text.isascii() and text.isdigit() and len(text) <= 18)
    else:
        assert text.isascii() and text.isdigit() and number == int(text) < 10**18


def test_ascii_int_reads_what_a_form_or_address_holds():
    assert ascii_int("2022") == 2022
    assert ascii_int("007") == 7
    assert ascii_int("9" * 18) == 10**18 - 1
    for text in (None, "", "9" * 19, "-1", "+1", " 1", "1_000", "1.0", "²", "٣", "１２"):
        assert ascii_int(text) is None, repr(text)
