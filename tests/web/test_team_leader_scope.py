"""What a team leader reads, page by page, beside the clerk of the same commune.

A team leader reads their own team, its issued decisions and its reports. The commune's
other teams, its drafts, its report to the district, its outgoing register and its rollout
are not theirs (``accounts.scoping.reads_whole_commune``, ``teams.selectors.readable_teams``
and the selectors built on them). Each row of ``MATRIX`` is one address: what the leader
gets (a status and, for a page, what it shows and what it must not show), and the same
address is a 200 for the clerk, whose page shows what the leader's hides (so a hidden text
is proved to be there for someone). A refusal is a 404 where the object is not theirs (its
existence does not leak) and a 403 for a page every login has but this role may not read
(the menu does not offer it).

The world: Tùng Ảnh with the commune team (decision 170), the team of thôn Đông Thái led
by Phạm Hồng Chương (171) and the team of thôn Bắc Sơn (172); Mai Thị Hằng sits on Đông
Thái's team and helps Bắc Sơn's as a collaborator; October 2022's reports are filed by both
village teams, not by the commune team; the commune's report on October is issued.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from accounts.models import Official
from decisions.models import Decision
from documents import storage
from reports import dashboard, selectors
from reports.models import CommuneReport
from teams import services as team_services
from teams.models import Role, Team
from tests import factories
from tests.conftest import _ascii_id
from tests.reports import HANOI, file
from tests.web import url

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 4)
FILED_AT = datetime.datetime(2022, 10, 25, 9, 0)  # before October's due date: on time
PDF = b"%PDF-1.7\n% a stored document\n%%EOF\n"


@dataclass
class World:
    commune: object
    clerk: object
    leader: object
    teams: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    decisions: dict = field(default_factory=dict)
    period: object = None
    commune_report: object = None


def _issued(team, *, number: int, signer, subject: str) -> Decision:
    """An issued decision stored as issuance leaves it, its PDF in the document store."""
    return Decision.objects.create(
        commune=team.commune,
        team=team,
        kind=Decision.Kind.ESTABLISH,
        status=Decision.Status.ISSUED,
        subject=subject,
        proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
        article1="Điều 1.",
        article2="Điều 2.",
        article3="Điều 3.",
        recipients="Như Điều 3;",
        number=number,
        year=DAY.year,
        issued_on=DAY,
        signer=signer,
        pdf_sha256=storage.store(PDF),
    )


def _seat(team, decision, names: list[str]) -> list:
    people = []
    for name, role in zip(names, (Role.LEADER, Role.DEPUTY, Role.MEMBER), strict=True):
        person = factories.PersonFactory(commune=team.commune, village=team.village, full_name=name)
        team_services.membership_add(team=team, person=person, role=role, start_date=DAY, started_by=decision)
        people.append(person)
    return people


@pytest.fixture
def world(commune, clerk, chairman) -> World:
    signer = chairman.official.person
    teams = {
        "commune": factories.CommuneTeamFactory(commune=commune, status=Team.Status.ACTIVE, established_on=DAY),
        "dong_thai": factories.TeamFactory(
            commune=commune,
            village=factories.VillageFactory(commune=commune, name="Đông Thái"),
            status=Team.Status.ACTIVE,
            established_on=DAY,
        ),
        "bac_son": factories.TeamFactory(
            commune=commune,
            village=factories.VillageFactory(commune=commune, name="Bắc Sơn"),
            status=Team.Status.ACTIVE,
            established_on=DAY,
        ),
    }
    decisions = {
        "commune": _issued(teams["commune"], number=170, signer=signer, subject="Về việc thành lập Tổ xã"),
        "dong_thai": _issued(teams["dong_thai"], number=171, signer=signer, subject="Về việc thành lập Tổ Đông Thái"),
        "bac_son": _issued(teams["bac_son"], number=172, signer=signer, subject="Về việc thành lập Tổ Bắc Sơn"),
    }
    decisions["draft"] = Decision.objects.create(
        commune=commune,
        team=teams["dong_thai"],
        kind=Decision.Kind.AMEND,
        subject="Về việc kiện toàn Tổ Đông Thái",
        proposer="Xét đề nghị của Công chức Văn hóa - Xã hội",
        article1="Điều 1.",
        article2="Điều 2.",
        article3="Điều 3.",
        recipients="Như Điều 3;",
    )
    chuong, vinh, hang = _seat(
        teams["dong_thai"], decisions["dong_thai"], ["Phạm Hồng Chương", "Nguyễn Xuân Vinh", "Mai Thị Hằng"]
    )
    bac, *_others = _seat(teams["bac_son"], decisions["bac_son"], ["Trần Văn Bắc", "Lê Thị Hoa", "Hoàng Văn Nam"])
    team_services.collaborator_add(team=teams["bac_son"], person=hang, joined_on=DAY)
    leader = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=chuong).user

    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    for team in (teams["dong_thai"], teams["bac_son"]):
        file(team, period, clerk, at=FILED_AT.replace(tzinfo=HANOI), digital_addresses=12)
    commune_report = CommuneReport.objects.create(
        commune=commune,
        period=period,
        subject="Kết quả hoạt động của các Tổ chuyển đổi số cộng đồng tháng 10/2022",
        intro="Thực hiện Kế hoạch số 246/KH-UBND.",
        recipients="- Phòng VH - TT;",
        status=CommuneReport.Status.ISSUED,
        number=1,
        year=2022,
        issued_on=datetime.date(2022, 11, 3),
        signer=signer,
        pdf_sha256=storage.store(PDF),
    )
    return World(
        commune=commune,
        clerk=clerk,
        leader=leader,
        teams=teams,
        people={"chuong": chuong, "vinh": vinh, "hang": hang, "bac": bac},
        decisions=decisions,
        period=period,
        commune_report=commune_report,
    )


def _counts(response) -> tuple[int, int, int]:
    period = response.context["page_obj"][0]
    return period.filed_count, period.late_count, period.missing_count


@dataclass(frozen=True)
class Row:
    """One address; ``leader`` is the status the team leader gets. For a 200 page, ``shows``
    are on the leader's page, ``hides`` are not (and are on the clerk's); ``counts`` reads
    figures from the response, as (the leader's, the clerk's)."""

    name: str
    address: Callable[[World], str]
    leader: int
    shows: tuple[str, ...] = ()
    hides: tuple[str, ...] = ()
    counts: tuple[Callable, tuple, tuple] | None = None
    pdf: bool = False


def _commune_report(w: World, name: str) -> str:
    return url(f"commune_reports:{name}", w.commune_report.pk)


ROLLOUT_MENU = f'href="{url("dashboard:district")}"'
REGISTER_MENU = f'href="{url("decisions:register")}"'

MATRIX = [
    # The home page lists only what the leader may open: their team's issued decision.
    Row(
        "home",
        lambda w: url("home"),
        200,
        shows=("171/QĐ-UBND", "Tổ chuyển đổi số cộng đồng thôn Đông Thái"),
        hides=("172/QĐ-UBND", "170/QĐ-UBND", "at a glance", ROLLOUT_MENU, REGISTER_MENU),
    ),
    Row("villages", lambda w: url("teams:village_list"), 200, shows=("Đông Thái",), hides=("Bắc Sơn",)),
    Row(
        "people",
        lambda w: url("teams:person_list"),
        200,
        shows=("Phạm Hồng Chương", "Nguyễn Xuân Vinh", "Mai Thị Hằng"),
        hides=("Trần Văn Bắc", "Lê Thị Hoa", "Bắc Sơn"),
    ),
    # Mai Thị Hằng also helps Bắc Sơn's team: her page does not tell the leader so.
    Row(
        "a person of their team",
        lambda w: url("teams:person_detail", w.people["hang"].pk),
        200,
        shows=("Mai Thị Hằng", "Tổ chuyển đổi số cộng đồng thôn Đông Thái"),
        hides=("Bắc Sơn",),
    ),
    Row("a person of another team", lambda w: url("teams:person_detail", w.people["bac"].pk), 404),
    Row(
        "their team",
        lambda w: url("teams:team_detail", w.teams["dong_thai"].pk),
        200,
        shows=("Phạm Hồng Chương", "Nguyễn Xuân Vinh", "Mai Thị Hằng", "171/QĐ-UBND"),
    ),
    Row("another village's team", lambda w: url("teams:team_detail", w.teams["bac_son"].pk), 404),
    Row("the commune team", lambda w: url("teams:team_detail", w.teams["commune"].pk), 404),
    Row(
        "decisions",
        lambda w: url("decisions:list"),
        200,
        shows=("171/QĐ-UBND",),
        hides=("172/QĐ-UBND", "170/QĐ-UBND", "kiện toàn Tổ Đông Thái"),
    ),
    Row(
        "their team's decision",
        lambda w: url("decisions:detail", w.decisions["dong_thai"].pk),
        200,
        shows=("171/QĐ-UBND", "Về việc thành lập Tổ Đông Thái"),
    ),
    Row("their team's decision, PDF", lambda w: url("decisions:pdf", w.decisions["dong_thai"].pk), 200, pdf=True),
    Row("another team's decision", lambda w: url("decisions:detail", w.decisions["bac_son"].pk), 404),
    Row("another team's decision, PDF", lambda w: url("decisions:pdf", w.decisions["bac_son"].pk), 404),
    Row("the commune team's decision", lambda w: url("decisions:detail", w.decisions["commune"].pk), 404),
    # A draft is the commune's working paper, even one about their own team.
    Row("a draft about their team", lambda w: url("decisions:detail", w.decisions["draft"].pk), 404),
    Row("the outgoing register", lambda w: url("decisions:register"), 403),
    # Each month's figures count their team only: filed, late, missing.
    Row("monthly reports", lambda w: url("reports:period_list"), 200, counts=(_counts, (1, 0, 0), (2, 0, 1))),
    Row(
        "a month's reports",
        lambda w: url("reports:period_detail", w.period.pk),
        200,
        shows=("Tổ chuyển đổi số cộng đồng thôn Đông Thái",),
        hides=("Bắc Sơn", "Commune report", "Commune totals"),
    ),
    Row(
        "their team's report",
        lambda w: url("reports:report_file", w.period.pk, w.teams["dong_thai"].pk),
        200,
        shows=("Tổ chuyển đổi số cộng đồng thôn Đông Thái", 'name="digital_addresses"'),
    ),
    Row(
        "another team's report",
        lambda w: url("reports:report_file", w.period.pk, w.teams["bac_son"].pk),
        404,
    ),
    Row("the commune's report", lambda w: _commune_report(w, "detail"), 404),
    Row("the commune's report, preview", lambda w: _commune_report(w, "preview"), 404),
    Row("the commune's report, PDF", lambda w: _commune_report(w, "pdf"), 404, pdf=True),
    Row("the rollout", lambda w: url("dashboard:district"), 403),
    Row("the rollout, spreadsheet", lambda w: url("dashboard:district_xlsx"), 403),
    Row("the rollout, CSV", lambda w: url("dashboard:district_csv"), 403),
    Row("the commune's rollout", lambda w: url("dashboard:commune", w.commune.pk), 404),
]


@pytest.mark.parametrize("row", MATRIX, ids=[_ascii_id(row.name) for row in MATRIX])
def test_a_team_leader_reads_their_team_and_the_clerk_the_commune(client, world, row):
    address = row.address(world)

    client.force_login(world.leader)
    response = client.get(address)
    assert response.status_code == row.leader, address
    if row.leader == 200:
        _check(response, row, shows=row.shows, hides=row.hides, counts=row.counts and row.counts[1])

    client.force_login(world.clerk)
    response = client.get(address)
    assert response.status_code == 200, address
    _check(response, row, shows=row.hides, hides=(), counts=row.counts and row.counts[2])


def _check(response, row: Row, *, shows, hides, counts) -> None:
    if row.pdf:
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response) == PDF
        return
    if response.get("Content-Type", "").startswith("text/html"):
        page = response.content.decode()
        for text in shows:
            assert text in page, text
        for text in hides:
            assert text not in page, text
    if counts:
        assert row.counts[0](response) == counts


def test_the_selectors_give_a_team_leader_no_commune_report_and_no_rollout(world):
    """The rule behind the commune report's pages and the rollout's, read without a page."""
    assert list(selectors.readable_commune_reports(world.clerk)) == [world.commune_report]
    assert not selectors.readable_commune_reports(world.leader).exists()
    assert [row.commune for row in dashboard.district_dashboard(world.clerk, year=2022).rows] == [world.commune]
    assert dashboard.district_dashboard(world.leader, year=2022).rows == []
