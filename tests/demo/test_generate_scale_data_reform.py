"""generate_scale_data --with-reform: the two-tier world of 1 July 2025 beside the three-tier one."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from accounts import scoping
from accounts.models import Official
from demo.management.commands.generate_scale_data import NATIONAL_USERNAME, PROVINCE_USERNAME
from reports.province_dashboard import province_dashboard
from teams import official_lists
from teams.models import Commune, Person, Province, Reform, Succession, Team, Village

pytestmark = pytest.mark.django_db
SCALE = 0.002  # 2 provinces, so that one new province takes in an old one of another code


@pytest.fixture
def generated(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("generate_scale_data", scale=SCALE, with_reform=True, stdout=out)
    return out.getvalue()


def test_each_new_commune_is_formed_from_old_ones_of_one_district(generated):
    old = Commune.objects.filter(place_list__key=official_lists.THREE_TIERS)
    new = Commune.objects.filter(place_list__key=official_lists.TWO_TIERS)
    assert Province.objects.filter(place_list__key=official_lists.TWO_TIERS).count() == 1
    assert Reform.objects.count() == 1
    assert not old.filter(ceased_on__isnull=True).exists()
    assert set(old.values_list("ceased_on", flat=True)) == {official_lists.REFORM_DAY}
    assert new.filter(district__isnull=True).count() == new.count() > 0
    # Every old commune has a successor; one taken over whole has exactly one.
    assert not old.exclude(successor_links__isnull=False).exists()
    wholes = Succession.objects.filter(whole=True).values("predecessor").annotate(n=Count("pk"))
    assert {row["n"] for row in wholes} == {1}
    assert Succession.objects.filter(whole=False).exists()
    for link in Succession.objects.filter(whole=True).select_related("predecessor", "successor"):
        assert link.predecessor.district.province.code in {link.successor.province.code, link.predecessor.province.code}


def test_villages_teams_and_people_pass_to_the_new_commune_that_took_them_whole(generated):
    wholly = Succession.objects.filter(whole=True).values("predecessor")
    assert not Village.objects.filter(commune__in=wholly).exists()
    assert not Team.objects.filter(level=Team.Level.VILLAGE, commune__in=wholly).exists()
    assert not Person.objects.filter(village__isnull=False, commune__in=wholly).exists()
    assert not Team.objects.filter(level=Team.Level.VILLAGE).exclude(village__commune=F("commune")).exists()
    assert Village.objects.filter(name="mẫu 01 (mẫu 01.01.02)").exists()


def test_the_province_officer_reads_both_old_provinces_and_the_national_officer_all(generated):
    officer = Official.objects.get(user__username=PROVINCE_USERNAME)
    national = Official.objects.get(user__username=NATIONAL_USERNAME)
    assert scoping.visible_communes(officer.user).count() == Commune.objects.count()
    assert scoping.visible_communes(national.user).count() == Commune.objects.count()
    board = province_dashboard(officer.user, province=officer.province, year=2023)
    assert len(board.rows) == Commune.objects.filter(place_list__key=official_lists.THREE_TIERS).count()
    assert {group.district.province.code for group in board.groups} == set(
        Province.objects.filter(place_list__key=official_lists.THREE_TIERS).values_list("code", flat=True)
    )
    later = province_dashboard(officer.user, province=officer.province, year=2026)
    assert len(later.rows) == Commune.objects.filter(place_list__key=official_lists.TWO_TIERS).count()
