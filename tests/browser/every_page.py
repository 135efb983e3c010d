"""Every page of tungAnh for every demo login: the walk the phone-width and accessibility tests share.

Stable interface (other test modules import these names; keep them as they are):

``LOGINS``
    The demo's usernames (``demo.content.LOGINS``: administrator, clerk, chairman, team
    leader, district officer, province officer), then ``None`` for a visitor who is not logged in.
``PASSWORD``
    The demo logins' password.
``load_demo()``
    Loads the demo (``manage.py load_demo``) into the test database, plus the few objects the
    demo does not have but pages need (``add_extras``: an amending draft decision, this
    month's reporting period and its draft commune report, a joining application, a request to
    leave, the village teams' public pages, a consent). Call it inside a test marked
    ``django_db(transaction=True)`` (the live server must see the rows).
``pages_of(login) -> list[str]``
    The addresses ``login`` opens with an HTML page (status 200), in a stable order: every GET
    address of ``CANDIDATES`` filled with demo objects, asked through Django's test client; an
    address that answers 500 raises. PDFs, spreadsheets, images, POST-only addresses and the
    admin are left out. The A4 previews (``decisions:preview``, ``commune_reports:preview``)
    are in: they are the documents a page shows in its frame.
``every_page() -> list[tuple[str | None, str]]``
    ``(login, address)`` for every login of ``LOGINS`` and every address of ``pages_of(login)``.
``log_in(page, username)``
    Logs a Playwright page in through the login form (``page`` must have the live server as
    its ``base_url``); with ``None`` it stays anonymous.
``demo_pages`` (pytest fixture)
    Loads the demo and returns ``every_page()``; import it into the test module
    (``from tests.browser.every_page import demo_pages``).

``CANDIDATES`` names, for each URL pattern, how to fill it from the demo; ``EXCLUDED`` names
every other pattern and why it is not a page to walk. ``test_phone_width`` checks that the two
together cover the whole urlconf, so a new page joins the walk or is excluded on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from demo import content

LOGINS: tuple[str | None, ...] = tuple(login.username for login in content.LOGINS) + (None,)
PASSWORD = content.PASSWORD

# Why each URL pattern that is not walked is left out.
EXCLUDED: dict[str, str] = {
    "healthz": "a health check for the load balancer, not a page",
    "logout": "POST only",
    "set_language": "POST only (the footer's form)",
    "password_change_done": "shown once after a password change",
    "teams:collaborator_end": "POST only",
    "decisions:register_xlsx": "a spreadsheet",
    "decisions:draft_pdf": "a PDF",
    "decisions:pdf": "a PDF",
    "documents:attachment_pdf": "a PDF (a filed attachment)",
    "decisions:submit": "POST only",
    "decisions:return": "POST only",
    "decisions:issue": "POST only",
    "documents:signature_png": "an image",
    "documents:seal_png": "an image",
    "reports:period_close": "POST only",
    "reports:report_accept": "POST only",
    "reports:report_return": "POST only",
    "reports:period_approve": "POST only",
    "reports:period_accept": "POST only",
    "reports:period_send_back": "POST only",
    "reports:period_reopen": "POST only",
    "reports:stipend_xlsx": "a spreadsheet",
    "reports:stipend_pdf": "a PDF (the stipend list's draft)",
    "commune_reports:pdf": "a PDF",
    "decisions:page_image": "an image (a page of the PDF)",
    "commune_reports:page_image": "an image (a page of the PDF)",
    "commune_reports:submit": "POST only",
    "commune_reports:return": "POST only",
    "commune_reports:issue": "POST only",
    "dashboard:district_xlsx": "a spreadsheet",
    "dashboard:district_csv": "a CSV file",
    "dashboard:province_xlsx": "a spreadsheet",
    "dashboard:province_csv": "a CSV file",
    "accounts:login_disable": "POST only",
    "accounts:login_enable": "POST only",
    "residents:page_publish": "POST only",
    "residents:page_regenerate": "POST only",
    "residents:poster": "a PDF",
    "residents:consent_export": "a CSV or spreadsheet file",
    "residents:help_request_handle": "POST only",
    "residents:consent_scan": "the scanned form (an image or PDF)",
    "public:help_sent": "shown once after a help request is sent",
    "reports:my_report": "redirects to the team's report or the periods",
    "commune_reports:create": "redirects to the month's draft once drafted (commune_reports:edit is its form)",
    "dashboard:provinces": "a national officer's list of provinces: the demo has no national officer",
    "dashboard:village_assign": "POST only (its form is on another page)",
    "reports:period_open": "POST only (its form is on another page)",
    "joining:leave_request_draft": "POST only (its form is on another page)",
    "joining:leave_request_decide": "POST only (its form is on another page)",
    "joining:leave_request_propose": "POST only (its form is on another page)",
    "joining:application_draft": "POST only (its form is on another page)",
    "joining:application_decide": "POST only (its form is on another page)",
    "joining:application_recommend": "POST only (its form is on another page)",
    "documents:seal_upload": "POST only (its form is on another page)",
    "documents:signature_upload": "POST only (its form is on another page)",
    "decisions:rule_check": "POST only (its form is on another page)",
    "teams:collaborator_add": "POST only (its form is on another page)",
    "teams:team_create": "POST only (its form is on another page)",
    "teams:village_merge": "POST only (its form is on another page)",
    "teams:village_rename": "POST only (its form is on another page)",
}


class Demo:
    """The demo's objects the addresses are filled with, found once."""

    def __init__(self):
        from accounts.models import Official
        from decisions.models import Decision
        from joining.models import JoinApplication, LeaveRequest
        from reports.models import CommuneReport, ReportingPeriod
        from residents.models import PublicPage
        from teams.models import Commune, Person, Plan, Province, Succession, Team, Village, VillageMove

        self.villages = list(Village.objects.order_by("pk"))
        self.people = list(Person.objects.order_by("pk"))
        self.teams = list(Team.objects.order_by("pk"))
        self.decisions = list(Decision.objects.order_by("pk"))
        self.officials = list(Official.objects.order_by("pk"))
        self.managed = [official for official in self.officials if official.role == Official.Role.TEAM_LEADER]
        self.plans = list(Plan.objects.order_by("pk"))
        self.moves = list(VillageMove.objects.order_by("pk"))
        clerk = Official.objects.select_related("commune").get(user__username=content.CLERK_USERNAME)
        self.home = clerk.commune
        self.communes = [
            self.home,
            *Commune.objects.filter(pk__in=Succession.objects.filter(successor=self.home).values("predecessor"))[:1],
        ]
        self.provinces = list(Province.objects.filter(pk=self.home.province_id))
        self.periods = list(ReportingPeriod.objects.order_by("pk"))
        self.commune_reports = list(CommuneReport.objects.order_by("pk"))
        self.applications = list(JoinApplication.objects.order_by("pk"))
        self.leave_requests = list(LeaveRequest.objects.order_by("pk"))
        self.public_pages = list(PublicPage.objects.order_by("pk"))
        self.editable_decisions = [d for d in self.decisions if d.status == Decision.Status.DRAFT]


def _pks(objects: Iterable) -> list[dict]:
    return [{"pk": obj.pk} for obj in objects]


# For each walked URL pattern: the keyword arguments of its addresses, from the demo.
CANDIDATES: dict[str, Callable[[Demo], list[dict]]] = {
    "home": lambda d: [{}],
    "login": lambda d: [{}],
    "password_change": lambda d: [{}],
    "documents:check": lambda d: [{}],
    "teams:village_list": lambda d: [{}],
    "teams:village_create": lambda d: [{}],
    "teams:village_update": lambda d: _pks(d.villages[:1]),
    "teams:person_list": lambda d: [{}],
    "teams:person_create": lambda d: [{}],
    "teams:person_detail": lambda d: _pks(d.people[:2]),
    "teams:person_update": lambda d: _pks(d.people[:1]),
    "teams:team_detail": lambda d: _pks(d.teams),
    "teams:team_update": lambda d: _pks(d.teams[:1]),
    "decisions:list": lambda d: [{}],
    "decisions:create": lambda d: [{}],
    "decisions:inbox": lambda d: [{}],
    "decisions:register": lambda d: [{}],
    "decisions:bases": lambda d: [{}],
    "decisions:detail": lambda d: _pks(d.decisions),
    "decisions:edit": lambda d: _pks(d.editable_decisions[:1]),
    "decisions:compose": lambda d: _pks(d.editable_decisions[:1]),
    "decisions:preview": lambda d: _pks(d.decisions[-1:]),
    "documents:signing_images": lambda d: [{}],
    "joining:list": lambda d: [{}],
    "joining:application_create": lambda d: [{}],
    "joining:application_detail": lambda d: _pks(d.applications[:1]),
    "joining:leave_request_create": lambda d: [{}],
    "joining:leave_request_detail": lambda d: _pks(d.leave_requests[:1]),
    "reports:period_list": lambda d: [{}],
    "reports:waiting": lambda d: [{}],
    "reports:period_detail": lambda d: _pks(d.periods[:1]),
    "reports:stipend_list": lambda d: _pks(d.periods[:1]),
    "reports:report_file": lambda d: [
        {"period_pk": period.pk, "team_pk": team.pk} for period in d.periods[:1] for team in d.teams
    ],
    "reports:plan_detail": lambda d: _pks(d.plans),
    "commune_reports:detail": lambda d: _pks(d.commune_reports[:1]),
    "commune_reports:edit": lambda d: _pks(d.commune_reports[:1]),
    "commune_reports:preview": lambda d: _pks(d.commune_reports[:1]),
    "dashboard:district": lambda d: [{}],
    "dashboard:commune": lambda d: _pks(d.communes),
    "dashboard:province": lambda d: _pks(d.provinces),
    "dashboard:village_moves": lambda d: [{}],
    "accounts:login_list": lambda d: [{}],
    "accounts:login_create": lambda d: [{}],
    "accounts:login_detail": lambda d: _pks(d.officials),
    "accounts:login_password": lambda d: _pks(d.managed[:1]),
    "residents:index": lambda d: [{}],
    "residents:consent_record": lambda d: _pks(d.people[:1]),
    "public:page": lambda d: [{"slug": page.slug} for page in d.public_pages],
    "public:help": lambda d: [{"slug": page.slug} for page in d.public_pages],
}


def addresses() -> list[tuple[str, str]]:
    """(URL pattern name, address) of every candidate page, filled from the demo."""
    from django.urls import reverse

    demo = Demo()
    return [(name, reverse(name, kwargs=kwargs)) for name, fill in CANDIDATES.items() for kwargs in fill(demo)]


def add_extras() -> None:
    """What the demo lacks and a walk needs, made through the services as the clerk would: a
    public page for each active village team, an amending draft decision, this month's reporting period (with a
    plan paying a stipend from it, as the superuser records one in the admin), a joining
    application and a member's request to leave, a consent given in person, and the draft of
    the month's commune report."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from decisions import workflow
    from decisions.models import Decision
    from joining import services as joining
    from reports import commune_reports
    from reports import services as reports
    from reports.models import StipendRule
    from residents import services as residents
    from residents.models import Method, Subject
    from teams.models import Membership, Person, Plan, Team

    clerk = get_user_model().objects.select_related("official__commune").get(username=content.CLERK_USERNAME)
    home = clerk.official.commune
    today = timezone.localdate()
    teams = list(Team.objects.filter(commune=home, level=Team.Level.VILLAGE, status=Team.Status.ACTIVE).order_by("pk"))
    for team in teams:
        residents.public_page_publish(team=team, by=clerk)
    workflow.decision_create(team=teams[-1], kind=Decision.Kind.AMEND, by=clerk)
    period = reports.period_open(commune=home, year=today.year, month=today.month, by=clerk)
    # A plan of the new commune paying a stipend from this month: the stipend list has its
    # table (the demo's rule is on Tùng Ảnh's plan of 2022, whose months the demo lacks).
    plan = Plan.objects.create(
        commune=home, number_symbol="15/KH-UBND", issued_on=period.first_day, subject="Triển khai Tổ công nghệ số"
    )
    StipendRule.objects.create(
        plan=plan, valid_from=period.first_day, amount=content.STIPEND_AMOUNT, basis=content.STIPEND_BASIS
    )
    commune_reports.commune_report_create(period=period, by=clerk)
    team = teams[0]
    joining.application_create(
        commune=home,
        by=clerk,
        village=team.village,
        full_name="Nguyễn Thị Minh Nguyệt",
        gender=Person.Gender.FEMALE,
        birth_year=1998,
        phone="0912345678",
        phone_consent=True,
        motivation="Em muốn giúp bà con trong thôn dùng điện thoại để làm thủ tục trực tuyến.",
    )
    membership = Membership.objects.filter(team=team, end_date=None, role="member").order_by("pk").first()
    joining.leave_request_create(membership=membership, reason="Chuyển công tác sang xã khác.", by=clerk)
    person = membership.person
    residents.consent_give(
        person=person, subject=Subject.NAME_ROLE, on=today, method=Method.IN_PERSON, scan=None, by=clerk
    )


def load_demo() -> None:
    """The demo (DEBUG on, as ``load_demo`` demands), then ``add_extras``."""
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
    add_extras()


def _client_for(login: str | None) -> Client:
    from django.contrib.auth import get_user_model

    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    if login is not None:
        client.force_login(get_user_model().objects.get(username=login))
    return client


def pages_of(login: str | None) -> list[str]:
    """The addresses ``login`` opens as HTML pages (200), asked through Django's test client."""
    client = _client_for(login)
    found = []
    for name, address in addresses():
        response = client.get(address)
        if response.status_code >= 500:
            raise AssertionError(f"{address} ({name}) answered {response.status_code} to {login or 'a visitor'}")
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            found.append(address)
    return found


def every_page() -> list[tuple[str | None, str]]:
    return [(login, address) for login in LOGINS for address in pages_of(login)]


def log_in(page, username: str | None) -> None:
    """Through the login form, as a person would (``page``'s context has the live server as base_url)."""
    if username is None:
        return
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert not page.url.rstrip("/").endswith("/login"), f"{username} was not logged in: {page.url}"


@pytest.fixture
def demo_pages(transactional_db, settings) -> list[tuple[str | None, str]]:
    """The demo loaded, and every (login, address) of it."""
    settings.ROOT_URLCONF = "tungAnh.urls"
    load_demo()
    return every_page()
