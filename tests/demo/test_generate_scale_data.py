"""python manage.py generate_scale_data: the synthetic national data set, at 0.001 of its size."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, Q
from django.test import RequestFactory

from accounts.models import Official
from decisions.models import Decision
from demo.management.commands.generate_scale_data import (
    CLERK_USERNAME,
    CODE_BASE,
    DISTRICT_USERNAME,
    PASSWORD,
    layout,
)
from documents.models import NumberSequence, RegisterEntry
from reports import indicators
from reports.models import ReportingPeriod, ReportValue, TeamReport
from teams.models import Commune, District, Membership, Person, Province, Team, Village
from tests import factories

SCALE = 0.001


@pytest.fixture
def generated(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("generate_scale_data", scale=SCALE, stdout=out)
    return out.getvalue()


def test_the_scaled_tree_keeps_the_proportions_of_the_full_one():
    sizes = layout(
        provinces=63, districts=11, communes=15, villages=8, decisions=100_000, report_values=1_000_000, scale=SCALE
    )
    assert (sizes.provinces, sizes.districts_per_province, sizes.communes_per_district) == (1, 1, 10)
    # 10 communes for the 10.4 of an exact thousandth.
    assert sizes.communes == 10
    assert (sizes.decisions, sizes.report_values) == (100, 1000)


def test_it_creates_counts_in_proportion_to_the_scale(generated):
    assert Province.objects.count() == 1
    assert District.objects.count() == 1
    assert Commune.objects.count() == 10
    assert Village.objects.count() == 80
    # Every commune team, and 19 villages in 20.
    assert Team.objects.filter(level=Team.Level.COMMUNE).count() == 10
    assert Team.objects.filter(level=Team.Level.VILLAGE).count() == 76
    assert Person.objects.count() == Membership.objects.count() == 3 * 86
    assert Decision.objects.filter(status=Decision.Status.ISSUED).count() == 100
    assert RegisterEntry.objects.count() == 100
    assert ReportValue.objects.count() == 1000
    assert TeamReport.objects.count() == 1000 // len(indicators.CODES)


def test_every_place_is_synthetic_and_coded_above_the_national_list(generated):
    for model in (Province, District, Commune):
        assert not model.objects.filter(code__lt=CODE_BASE).exists()
        assert all(name.startswith("mẫu ") for name in model.objects.values_list("name", flat=True))


def test_every_team_has_three_active_members_with_one_leader_and_one_deputy(generated):
    teams = Team.objects.annotate(
        active=Count("memberships", filter=Q(memberships__end_date__isnull=True)),
        leaders=Count("memberships", filter=Q(memberships__end_date__isnull=True, memberships__role="leader")),
        deputies=Count("memberships", filter=Q(memberships__end_date__isnull=True, memberships__role="deputy")),
    )
    assert {(t.active, t.leaders, t.deputies) for t in teams} == {(3, 1, 1)}
    assert set(Membership.objects.values_list("seat", flat=True)) == {1, 2, 3}
    assert not Membership.objects.exclude(person__commune=F("team__commune")).exists()


def test_decision_numbers_are_unique_per_commune_and_year_and_have_no_gaps(generated):
    for commune in Commune.objects.all():
        numbers = sorted(Decision.objects.filter(commune=commune, year=2023).values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        sequence = NumberSequence.objects.get(commune=commune, doc_type="QĐ", year=2023)
        assert sequence.last_number == len(numbers)
    assert not Decision.objects.filter(signer__isnull=True).exists()
    assert not Decision.objects.exclude(signer__commune=F("commune")).exists()


def test_issued_decisions_are_load_data_without_a_pdf(generated):
    assert set(Decision.objects.values_list("pdf_sha256", flat=True)) == {""}


def test_reports_follow_one_per_team_and_period_in_the_teams_commune(generated):
    assert not TeamReport.objects.exclude(team__commune=F("period__commune")).exists()
    assert ReportingPeriod.objects.filter(year=2023, month=1).count() == 10
    assert set(ReportValue.objects.values("report").annotate(n=Count("pk")).values_list("n", flat=True)) == {8}


def test_the_reports_of_the_first_month_and_of_the_later_ones_use_two_indicator_sets(generated):
    first = TeamReport.objects.filter(period__year=2023, period__month=1)
    later = TeamReport.objects.exclude(period__year=2023, period__month=1)
    assert set(first.values_list("indicator_set__version", flat=True)) == {1}
    assert set(later.values_list("indicator_set__version", flat=True)) == {2}
    assert set(ReportValue.objects.filter(report__in=first).values_list("indicator", flat=True)) == set(
        indicators.CODES
    )
    assert "digital_skills_certificates" in set(
        ReportValue.objects.filter(report__in=later).values_list("indicator", flat=True)
    )


def test_the_months_stand_at_every_step_of_the_approval_chain_with_their_trail(generated):
    """Most months accepted by the supervisor, some waiting, some sent back, some open; a
    decided month's reports are all accepted by the clerk, and its trail says who did what."""
    Status = ReportingPeriod.Status
    counted = dict(ReportingPeriod.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    assert set(counted) == {Status.ACCEPTED, Status.APPROVED, Status.SENT_BACK, Status.OPEN}
    assert counted[Status.ACCEPTED] > sum(counted.values()) / 2
    decided = ReportingPeriod.objects.exclude(status=Status.OPEN)
    assert not TeamReport.objects.filter(period__in=decided).exclude(status=TeamReport.Status.ACCEPTED).exists()
    assert TeamReport.objects.filter(status=TeamReport.Status.FILED).exists()  # an open month still waits
    trails = {
        period.status: [event.action for event in period.events.all()]
        for period in ReportingPeriod.objects.prefetch_related("events").exclude(status=Status.OPEN)
    }
    assert trails == {
        Status.ACCEPTED: ["approved", "accepted"],
        Status.APPROVED: ["approved"],
        Status.SENT_BACK: ["approved", "sent_back"],
    }
    assert "months accepted / waiting / sent back / open: " in generated


def test_the_printed_logins_work_with_their_reach(generated):
    assert PASSWORD in generated
    officer = authenticate(RequestFactory().post("/login/"), username=DISTRICT_USERNAME, password=PASSWORD)
    clerk = authenticate(RequestFactory().post("/login/"), username=CLERK_USERNAME, password=PASSWORD)
    assert officer.official.role == Official.Role.DISTRICT_OFFICER
    assert officer.official.district.code >= CODE_BASE
    assert clerk.official.role == Official.Role.CLERK
    assert clerk.official.commune.code >= CODE_BASE


def test_a_second_run_refuses_and_changes_nothing(generated, settings):
    before = Decision.objects.count(), Person.objects.count()
    with pytest.raises(CommandError, match="already exist"):
        call_command("generate_scale_data", scale=SCALE, stdout=StringIO())
    assert (Decision.objects.count(), Person.objects.count()) == before


def test_it_coexists_with_real_places(db, settings):
    settings.DEBUG = True
    real = factories.CommuneFactory()
    call_command("generate_scale_data", scale=SCALE, stdout=StringIO())
    assert Commune.objects.filter(pk=real.pk).exists()
    assert Commune.objects.count() == 11


def test_it_refuses_full_size_on_sqlite(db, settings):
    if connection.vendor != "sqlite":
        pytest.skip("on PostgreSQL the full size is allowed (and takes minutes)")
    settings.DEBUG = True
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_scale_data", stdout=StringIO())


def test_it_refuses_to_set_known_passwords_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_scale_data", scale=SCALE, stdout=StringIO())
