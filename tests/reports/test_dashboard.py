"""The rollout dashboard: its figures against the stored data, who reads which commune, the charts."""

import datetime
import random
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from accounts.models import Official
from reports import charts, dashboard, indicators, selectors
from reports.models import ReportValue
from teams.models import Collaborator, Membership, Team, Village
from tests import factories
from tests.reports import district_officer_of, url
from tests.reports.dashboard_helpers import YEAR, build_commune, latest, neighbours

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(commune):
    """Two communes of the district, each built, and a commune of another district."""
    rng = random.Random(7)
    second = neighbours(1)[0]
    elsewhere = factories.CommuneFactory(
        code=20001, name="Xa Lạ", district=factories.DistrictFactory(code=441, name="Can Lộc")
    )
    return {
        "built": {commune.pk: build_commune(commune, rng=rng), second.pk: build_commune(second, rng=rng, villages=4)},
        "second": second,
        "elsewhere": elsewhere,
        "other_built": build_commune(elsewhere, rng=rng),
    }


def python_sums(commune, year=YEAR) -> dict[str, int]:
    sums = Counter(dict.fromkeys(indicators.CODES, 0))
    for value in ReportValue.objects.filter(report__period__commune=commune, report__period__year=year):
        sums[value.indicator] += value.value
    return dict(sums)


def _team_values(team, year) -> dict[str, int]:
    sums: Counter = Counter()
    for value in ReportValue.objects.filter(report__team=team, report__period__year=year):
        sums[value.indicator] += value.value
    return dict(sums)


# Roll-ups -------------------------------------------------------------------------------------


def test_each_row_matches_the_stored_teams_members_and_collaborators(commune, district):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR)
    assert [row.commune for row in board.rows] == sorted([commune, district["second"]], key=lambda c: c.name)
    for row in board.rows:
        live = Team.objects.filter(commune=row.commune, status=Team.Status.ACTIVE)
        assert row.villages == Village.objects.filter(commune=row.commune).count()
        assert row.villages_covered == len({t.village_id for t in live if t.level == Team.Level.VILLAGE})
        assert row.members == sum(Membership.objects.filter(team=t, end_date=None).count() for t in live)
        assert row.collaborators == sum(Collaborator.objects.filter(team=t, left_on=None).count() for t in live)
        built = district["built"][row.commune.pk]
        assert row.team_status == Team.Status.ACTIVE
        assert row.established_on == built["commune_team"].established_on
        assert row.decision == "12/QĐ-UBND"


def test_commune_totals_are_the_sum_of_its_teams_and_the_district_the_sum_of_its_communes(commune, district):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR)
    for row in board.rows:
        built = district["built"][row.commune.pk]
        by_teams: Counter = Counter()
        for team in [built["commune_team"], *built["teams"]]:
            by_teams.update(_team_values(team, YEAR))
        got = {t.indicator.code: t.total for t in row.totals}
        assert got == python_sums(row.commune)
        assert got == {code: by_teams.get(code, 0) for code in indicators.CODES}
    district_sums = {t.indicator.code: t.total for t in board.totals}
    assert district_sums == {
        code: sum(python_sums(c)[code] for c in (commune, district["second"])) for code in district_sums
    }
    assert sum(district_sums.values()) > 0


def test_the_latest_period_counts_match_the_period_rows(commune, district):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR)
    for row in board.rows:
        period = latest(row.commune)
        assert row.period == period
        counts = selectors.status_counts(selectors.period_rows(period))
        assert (row.on_time, row.late, row.missing) == (counts["filed"], counts["late"], counts["missing"])
    first = next(row for row in board.rows if row.commune == commune)
    assert (first.on_time, first.late, first.missing) == (1, 1, 1)


def test_the_plan_status_is_that_of_plan_progress(commune, district):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR)
    for row in board.rows:
        expected = selectors.plan_progress(row.plan, on=datetime.date(YEAR, 12, 31))
        assert row.phase == expected[-1]  # 31 December: the second phase, the last begun
        assert row.phase.status == selectors.PhaseStatus.LATE  # five villages were never reached


def test_the_current_phase_is_the_one_under_way_else_the_last_begun_else_the_first(commune, district):
    plan = district["built"][commune.pk]["plan"]
    progress = selectors.plan_progress(plan, on=datetime.date(YEAR, 10, 15))
    assert dashboard.current_phase(progress, on=datetime.date(YEAR, 10, 15)).phase.order == 1
    assert dashboard.current_phase(progress, on=datetime.date(YEAR, 9, 1)).phase.order == 1
    assert dashboard.current_phase(progress, on=datetime.date(YEAR, 12, 10)).phase.order == 2
    assert dashboard.current_phase(progress, on=datetime.date(2023, 3, 1)).phase.order == 2


def test_another_year_has_no_period_and_no_totals(commune, district):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR + 1)
    assert all(row.period is None and row.on_time == row.late == row.missing == 0 for row in board.rows)
    assert all(t.total == 0 for t in board.totals)
    assert all(row.villages_covered == 2 or row.villages_covered == 3 for row in board.rows)


def test_a_commune_without_teams_or_plan_has_an_empty_row(commune):
    board = dashboard.district_dashboard(district_officer_of(commune), year=YEAR)
    (row,) = board.rows
    assert (row.team_status, row.decision, row.villages, row.members, row.plan, row.phase) == (
        None,
        "",
        0,
        0,
        None,
        None,
    )


def test_monthly_totals_sum_to_the_commune_row(commune, district):
    monthly = dashboard.monthly_totals(commune, year=YEAR)
    assert {m.indicator.code: m.total for m in monthly} == python_sums(commune)
    october = {m.indicator.code: m.months[9] for m in monthly}
    assert october == {
        code: sum(
            v.value
            for v in ReportValue.objects.filter(
                report__period=district["built"][commune.pk]["periods"][0], indicator=code
            )
        )
        for code in indicators.CODES
    }


# Scope ----------------------------------------------------------------------------------------


def test_a_district_officer_sees_every_commune_of_the_district_and_no_other(client, commune, district):
    client.force_login(district_officer_of(commune))
    response = client.get(url("dashboard:district"), {"year": YEAR})
    assert response.status_code == 200
    assert [row.commune for row in response.context["board"].rows] == [commune, district["second"]]
    assert district["elsewhere"].name not in response.content.decode()
    assert client.get(url("dashboard:commune", district["second"].pk)).status_code == 200
    assert client.get(url("dashboard:commune", district["elsewhere"].pk)).status_code == 404


@pytest.mark.parametrize("role", [Official.Role.CLERK, Official.Role.CHAIRMAN])
def test_a_commune_official_sees_only_their_commune(client, commune, district, role):
    client.force_login(factories.OfficialFactory(commune=commune, role=role).user)
    response = client.get(url("dashboard:district"), {"year": YEAR})
    assert [row.commune for row in response.context["board"].rows] == [commune]
    assert district["second"].name not in response.content.decode()
    assert client.get(url("dashboard:commune", commune.pk)).status_code == 200
    assert client.get(url("dashboard:commune", district["second"].pk)).status_code == 404


def test_a_user_without_an_official_row_follows_no_commune(client, commune, district):
    """As for the outgoing register: the menu does not offer the page, and it refuses."""
    user = factories.UserFactory()
    assert dashboard.district_dashboard(user, year=YEAR).rows == []
    client.force_login(user)
    assert url("dashboard:district") not in client.get(url("home")).content.decode()
    assert client.get(url("dashboard:district")).status_code == 403
    assert client.get(url("dashboard:commune", commune.pk)).status_code == 404


@pytest.mark.parametrize("name", ["dashboard:district", "dashboard:district_xlsx", "dashboard:district_csv"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, commune, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(url("login"))
    assert client.get(url("dashboard:commune", commune.pk)).status_code == 302


def test_the_pages_are_read_only(client, commune, clerk):
    client.force_login(clerk)
    assert client.post(url("dashboard:district")).status_code == 405
    assert client.post(url("dashboard:commune", commune.pk)).status_code == 405


# Pages ----------------------------------------------------------------------------------------


def test_the_district_page_shows_each_row_and_links_to_the_commune(client, commune, district):
    client.force_login(district_officer_of(commune))
    page = client.get(url("dashboard:district"), {"year": YEAR}).content.decode()
    assert "Rollout in huyện Đức Thọ" in page
    assert "since 04/10/2022" in page and "decision 12/QĐ-UBND" in page
    assert "2/3" in page and "3/4" in page
    assert "11/2022: 1 on time, 1 late, 1 missing" in page
    assert f'href="{url("dashboard:commune", commune.pk)}?year={YEAR}"' in page
    assert page.count('role="img"') == 2


def test_the_commune_page_shows_teams_phases_and_months(client, commune, district):
    client.force_login(district_officer_of(commune))
    response = client.get(url("dashboard:commune", commune.pk), {"year": YEAR})
    page = response.content.decode()
    teams = response.context["teams"]
    assert len(teams) == 4  # the commune team, two village teams, one being set up
    commune_team = next(t for t in teams if t.level == Team.Level.COMMUNE)
    assert (commune_team.decision, commune_team.member_count) == ("12/QĐ-UBND", 3)
    assert [t.collaborator_count for t in teams if t.level == Team.Level.VILLAGE] == [2, 2, 0]
    assert "Giai đoạn 1" in page and "Giai đoạn 2" in page
    assert [p.status for p in response.context["progress"]] == [selectors.PhaseStatus.DONE, selectors.PhaseStatus.LATE]
    assert "being set up" in page


def test_a_bad_year_falls_back_to_the_current_year(client, commune, clerk):
    client.force_login(clerk)
    response = client.get(url("dashboard:district"), {"year": "abc"})
    assert response.context["year"] == datetime.date.today().year
    assert client.get(url("dashboard:district"), {"year": "99999"}).context["year"] == datetime.date.today().year


# Charts ---------------------------------------------------------------------------------------


def test_a_chart_is_an_accessible_well_formed_svg():
    svg = charts.bar_chart(title="Villages", bars=[charts.Bar("Xã A", 2, 5), charts.Bar("Xã B", 0, 0)], chart_id="c")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert (root.get("role"), root.get("aria-label")) == ("img", "Villages")
    assert root.find(f"{ns}title").text == "Villages"
    assert [g.find(f"{ns}title").text for g in root.findall(f"{ns}g")] == ["Xã A: 2/5", "Xã B: 0/0"]


def test_a_chart_escapes_names_with_markup():
    svg = charts.bar_chart(title='<b>"x"</b>', bars=[charts.Bar("<script>alert(1)</script> & co", 3)], chart_id="c")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == '<b>"x"</b>'


def test_the_pages_escape_a_commune_or_village_name_with_markup(client, commune):
    commune.name = "<script>alert(1)</script>"
    commune.save()
    village = factories.VillageFactory(commune=commune, name='<img src=x onerror="alert(2)">')
    factories.TeamFactory(
        commune=commune, village=village, status=Team.Status.ACTIVE, established_on=datetime.date(2022, 10, 4)
    )
    client.force_login(district_officer_of(commune))
    for address in (url("dashboard:district"), url("dashboard:commune", commune.pk)):
        page = client.get(address).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_a_chart_draws_the_bars_with_data_largest_share_first_and_leaves_out_the_empty_ones():
    chart = charts.with_data_first(
        title="Villages",
        bars=[charts.Bar("Xã A", 1, 4), charts.Bar("Xã B", 0, 6), charts.Bar("Xã C", 3, 4), charts.Bar("Xã D", 0, 0)],
        chart_id="c",
    )
    titles = [g.find("{http://www.w3.org/2000/svg}title").text for g in ET.fromstring(chart.svg).findall(".//{*}g")]
    assert titles == ["Xã C: 3/4", "Xã A: 1/4"]
    assert (chart.drawn, [bar.label for bar in chart.left_out]) == (2, ["Xã B", "Xã D"])
    empty = charts.with_data_first(title="Villages", bars=[charts.Bar("Xã B", 0, 6)], chart_id="c")
    assert (empty.svg, empty.drawn, len(empty.left_out)) == ("", 0, 1)


def test_the_district_page_charts_the_communes_with_teams_and_counts_the_others(client, commune, district, settings):
    settings.LANGUAGE_CODE = "en"
    for code in (20002, 20003):  # two communes of the district without a team
        factories.CommuneFactory(code=code, name=f"Xã trống {code}", district=commune.district)
    client.force_login(district_officer_of(commune))
    page = client.get(url("dashboard:district"), {"year": YEAR}).content.decode()
    chart = page[page.index('id="chart-coverage"') : page.index("</svg>", page.index('id="chart-coverage"'))]
    assert commune.title_name in chart and "Xã trống" not in chart
    assert "2 communes have no active village team yet." in page
    for code in (20002, 20003):  # still rows of the table
        assert f"Xã trống {code}" in page
