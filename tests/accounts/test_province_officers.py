"""Province and national officers: the place each role names, where they are made, what they read."""

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from accounts import scoping, services
from accounts.models import Official
from teams.models import Commune, PlaceList, Province, Reform, Succession, Team, VillageMove
from tests import factories
from tests.accounts import GOOD_PASSWORD

pytestmark = pytest.mark.django_db
REFORM_DAY = datetime.date(2025, 7, 1)


@pytest.fixture
def ha_tinh(commune):
    """Hà Tĩnh in the two-tier list, Xã Đức Thọ formed from ``commune`` (Tùng Ảnh) whole."""
    new_list = PlaceList.objects.create(
        key="2025-07-01", name="Danh mục hai cấp", in_force_from=REFORM_DAY, has_districts=False
    )
    province = Province.objects.create(place_list=new_list, code=42, name="Hà Tĩnh")
    duc_tho = Commune.objects.create(place_list=new_list, province=province, code=18229, name="Đức Thọ")
    reform = Reform.objects.create(
        province=province, from_list=commune.place_list, to_list=new_list, effective_on=REFORM_DAY, legal_basis="x"
    )
    Succession.objects.create(reform=reform, successor=duc_tho, predecessor=commune, whole=True)
    return {"province": province, "duc_tho": duc_tho, "reform": reform}


@pytest.fixture
def nghe_an():
    """A commune of another province (the three-tier list)."""
    district = factories.DistrictFactory(code=412, name="Nam Đàn", province=factories.ProvinceFactory(code=40))
    return factories.CommuneFactory(code=17000, name="Kim Liên", district=district)


def official(role, **places) -> Official:
    return Official(user=factories.UserFactory(), role=role, **places)


# The place each role names ----------------------------------------------------------------


def test_a_province_officer_needs_a_province_and_nothing_else(commune, ha_tinh):
    with pytest.raises(ValidationError, match="needs a province"):
        official(Official.Role.PROVINCE_OFFICER).full_clean()
    with pytest.raises(ValidationError, match="no commune or district"):
        official(Official.Role.PROVINCE_OFFICER, province=ha_tinh["province"], commune=commune).full_clean()
    official(Official.Role.PROVINCE_OFFICER, province=ha_tinh["province"]).full_clean()


def test_a_national_officer_names_no_place(commune, ha_tinh):
    with pytest.raises(ValidationError, match="no commune or district"):
        official(Official.Role.NATIONAL_OFFICER, district=commune.district).full_clean()
    with pytest.raises(ValidationError, match="Only a province officer is given a province"):
        official(Official.Role.NATIONAL_OFFICER, province=ha_tinh["province"]).full_clean()
    official(Official.Role.NATIONAL_OFFICER).full_clean()


def test_a_commune_official_is_given_no_province(commune, ha_tinh):
    with pytest.raises(ValidationError, match="Only a province officer is given a province"):
        official(Official.Role.CLERK, commune=commune, province=ha_tinh["province"]).full_clean()


@pytest.mark.parametrize(
    "role, places",
    [
        (Official.Role.PROVINCE_OFFICER, {}),
        (Official.Role.PROVINCE_OFFICER, {"province": True, "commune": True}),
        (Official.Role.NATIONAL_OFFICER, {"province": True}),
        (Official.Role.NATIONAL_OFFICER, {"commune": True}),
        (Official.Role.CLERK, {"commune": True, "province": True}),
        (Official.Role.DISTRICT_OFFICER, {"district": True, "province": True}),
    ],
)
def test_the_database_refuses_a_role_without_its_place_or_with_another(commune, ha_tinh, role, places):
    given = {"province": ha_tinh["province"], "commune": commune, "district": commune.district}
    row = official(role, **{field: given[field] for field in places})
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.bulk_create([row])


# Made by the superuser --------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_official", *args, stdout=out)
    return out.getvalue()


def test_create_official_makes_a_province_and_a_national_officer(ha_tinh, monkeypatch):
    monkeypatch.setenv("TUNGANH_PASSWORD", GOOD_PASSWORD)
    output = run("--username", "sokhcn.hatinh", "--role", "province_officer", "--province", "42")
    made = Official.objects.get(user__username="sokhcn.hatinh")
    assert (made.role, made.province, made.commune, made.district) == (
        "province_officer",
        ha_tinh["province"],
        None,
        None,
    )
    assert "province officer of tỉnh Hà Tĩnh" in output
    output = run("--username", "bokhcn", "--role", "national_officer")
    assert Official.objects.get(user__username="bokhcn").place is None
    assert "national officer of every province" in output


def test_create_official_refuses_a_province_officer_without_a_province_or_with_a_commune(ha_tinh, monkeypatch):
    monkeypatch.setenv("TUNGANH_PASSWORD", GOOD_PASSWORD)
    with pytest.raises(CommandError, match="needs a province"):
        run("--username", "a", "--role", "province_officer")
    with pytest.raises(CommandError, match="needs a province, and no commune"):
        run("--username", "b", "--role", "province_officer", "--province", "42", "--commune", "18259")
    with pytest.raises(CommandError, match="give no place"):
        run("--username", "c", "--role", "national_officer", "--province", "42")
    assert not Official.objects.exists()


def test_a_clerk_cannot_grant_the_officer_roles(commune):
    clerk = factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user
    person = factories.PersonFactory(commune=commune)
    for role in (Official.Role.PROVINCE_OFFICER, Official.Role.NATIONAL_OFFICER):
        with pytest.raises(ValidationError, match="only the team leader and vice-chairman"):
            services.login_create(commune=commune, by=clerk, username=f"x{role}", person=person, role=role)


# What they read -----------------------------------------------------------------------------


def test_a_province_officer_reads_the_province_old_and_new_and_no_other(commune, ha_tinh, nghe_an):
    user = factories.OfficialFactory(
        role=Official.Role.PROVINCE_OFFICER, province=ha_tinh["province"], commune=None
    ).user
    assert set(scoping.visible_communes(user)) == {commune, ha_tinh["duc_tho"]}
    teams = [factories.TeamFactory(commune=place) for place in (commune, ha_tinh["duc_tho"], nghe_an)]
    assert set(scoping.scope(user, Team.objects.all())) == set(teams[:2])
    assert scoping.get_in_scope(user, Team.objects.all(), pk=teams[0].pk) == teams[0]
    assert list(scoping.readable_provinces(user)) == [ha_tinh["province"]]


def test_a_national_officer_reads_every_commune(commune, ha_tinh, nghe_an):
    user = factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None).user
    assert set(scoping.visible_communes(user)) == {commune, ha_tinh["duc_tho"], nghe_an}
    assert scoping.scope(user, Team.objects.all()).count() == 0
    factories.TeamFactory(commune=nghe_an)
    assert scoping.scope(user, Team.objects.all()).count() == 1
    assert set(scoping.readable_provinces(user)) == set(Province.objects.all())


@pytest.mark.parametrize("role", [Official.Role.PROVINCE_OFFICER, Official.Role.NATIONAL_OFFICER])
def test_the_officers_read_but_change_nothing(commune, ha_tinh, role):
    places = {"province": ha_tinh["province"]} if role == Official.Role.PROVINCE_OFFICER else {}
    user = factories.OfficialFactory(role=role, commune=None, **places).user
    assert scoping.reads_whole_commune(user) and scoping.reads_several_communes(user)
    assert not scoping.can_edit(user)
    assert not scoping.is_clerk_of(user, commune) and not scoping.is_signer_of(user, commune)
    assert scoping.commune_of(user) is None


def test_only_the_province_officer_of_the_reform_assigns_its_villages(commune, ha_tinh, nghe_an):
    village = factories.VillageFactory(commune=commune)
    move = VillageMove.objects.create(
        village=village, from_commune=commune, on=REFORM_DAY, reform=ha_tinh["reform"], to_commune=None
    )
    theirs = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=ha_tinh["province"], commune=None)
    other_province = Province.objects.create(place_list=ha_tinh["province"].place_list, code=40, name="Nghệ An")
    other = factories.OfficialFactory(role=Official.Role.PROVINCE_OFFICER, province=other_province, commune=None)
    national = factories.OfficialFactory(role=Official.Role.NATIONAL_OFFICER, commune=None)
    clerk = factories.OfficialFactory(role=Official.Role.CLERK, commune=commune)
    assignable = {
        who: set(VillageMove.objects.filter(scoping.assignable_moves_filter(who.user)))
        for who in (theirs, other, national, clerk)
    }
    assert assignable == {theirs: {move}, other: set(), national: set(), clerk: set()}
    for nobody in (factories.UserFactory(), AnonymousUser()):  # no official: nothing, and no error
        assert not VillageMove.objects.filter(scoping.assignable_moves_filter(nobody)).exists()
    assert scoping.may_assign_villages(theirs.user) and not scoping.may_assign_villages(national.user)
    assert not scoping.may_assign_villages(AnonymousUser())


@pytest.mark.parametrize("role", [Official.Role.PROVINCE_OFFICER, Official.Role.NATIONAL_OFFICER])
def test_a_province_wide_officer_starts_from_the_rollout_not_a_list_of_every_commune(client, commune, ha_tinh, role):
    places = {"province": ha_tinh["province"]} if role == Official.Role.PROVINCE_OFFICER else {}
    client.force_login(factories.OfficialFactory(role=role, commune=None, **places).user)
    response = client.get("/")
    assert response.status_code == 200
    assert "communes" not in response.context
    assert 'href="/rollout/"' in response.content.decode()
