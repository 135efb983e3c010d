"""The database refuses what the rules refuse, whatever the code path."""

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from teams.models import Membership, Role
from teams.services import membership_add, membership_end
from tests import factories

DAY = datetime.date(2022, 10, 4)


def raw(team, person, role, seat):
    """A membership written past every Python check, straight to the database."""
    Membership.objects.bulk_create([Membership(team=team, person=person, role=role, seat=seat, start_date=DAY)])


@pytest.fixture
def full_team(village_team, village_people):
    for person, role in zip(village_people, [Role.LEADER, Role.DEPUTY, Role.MEMBER], strict=True):
        membership_add(team=village_team, person=person, role=role, start_date=DAY)
    return village_team


def test_the_service_seats_three_and_refuses_a_fourth(full_team, commune):
    fourth = factories.PersonFactory(commune=commune)
    with pytest.raises(ValidationError) as exc:
        membership_add(team=full_team, person=fourth, role=Role.MEMBER, start_date=DAY)
    assert "3" in str(exc.value)
    assert full_team.active_memberships().count() == 3


def test_the_service_refuses_a_second_leader(village_team, village_people):
    membership_add(team=village_team, person=village_people[0], role=Role.LEADER, start_date=DAY)
    with pytest.raises(ValidationError):
        membership_add(team=village_team, person=village_people[1], role=Role.LEADER, start_date=DAY)
    assert village_team.active_memberships().count() == 1


def test_the_service_refuses_a_person_twice(village_team, village_people):
    membership_add(team=village_team, person=village_people[0], role=Role.LEADER, start_date=DAY)
    with pytest.raises(ValidationError):
        membership_add(team=village_team, person=village_people[0], role=Role.MEMBER, start_date=DAY)


def test_the_database_refuses_a_reused_seat(full_team, commune):
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(full_team, factories.PersonFactory(commune=commune), Role.MEMBER, 3)


def test_the_database_refuses_a_second_active_leader(village_team, village_people):
    raw(village_team, village_people[0], Role.LEADER, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(village_team, village_people[1], Role.LEADER, 2)


def test_the_database_refuses_a_person_twice(village_team, village_people):
    raw(village_team, village_people[0], Role.LEADER, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        raw(village_team, village_people[0], Role.MEMBER, 2)


def test_an_ended_membership_frees_its_seat_and_stays_readable(full_team, commune):
    leaving = full_team.active_memberships().get(role=Role.MEMBER)
    membership_end(membership=leaving, end_date=datetime.date(2023, 1, 1))
    newcomer = factories.PersonFactory(commune=commune)
    membership_add(team=full_team, person=newcomer, role=Role.MEMBER, start_date=datetime.date(2023, 1, 1))
    assert full_team.active_memberships().count() == 3
    before = {m.person_id for m in full_team.memberships_on(datetime.date(2022, 12, 31))}
    after = {m.person_id for m in full_team.memberships_on(datetime.date(2023, 1, 1))}
    assert leaving.person_id in before and newcomer.pk not in before
    assert newcomer.pk in after and leaving.person_id not in after


def test_an_ended_membership_is_read_only(full_team):
    membership = full_team.active_memberships().first()
    membership_end(membership=membership, end_date=datetime.date(2023, 1, 1))
    membership.position = "Đổi chức danh"
    with pytest.raises(ValidationError):
        membership.save()
    with pytest.raises(ValidationError):
        membership.delete()
    membership.refresh_from_db()
    assert membership.position != "Đổi chức danh"


def test_a_person_of_another_commune_cannot_join(village_team):
    other = factories.CommuneFactory(code=18262, name="Bùi La Nhân")
    stranger = factories.PersonFactory(commune=other)
    with pytest.raises(ValidationError):
        membership_add(team=village_team, person=stranger, role=Role.MEMBER, start_date=DAY)
    assert not village_team.memberships.exists()


def test_names_are_stored_nfc(commune):
    nfd = unicodedata.normalize("NFD", "Phạm Hồng Chương")
    assert nfd != "Phạm Hồng Chương"
    person = factories.PersonFactory(commune=commune, full_name=nfd, position=unicodedata.normalize("NFD", "Tổ viên"))
    person.refresh_from_db()
    assert person.full_name == "Phạm Hồng Chương"
    assert person.position == "Tổ viên"
    assert person.search_name == "pham hong chuong"


def test_phone_numbers_are_validated_with_a_clear_message(commune):
    person = factories.PersonFactory.build(commune=commune, phone="12345")
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert "phone" in exc.value.message_dict
    for good in ("0912345678", "+84912345678", "0912 345 678"):
        person = factories.PersonFactory.build(commune=commune, phone=good)
        person.full_clean()
        assert person.phone in {"0912345678", "+84912345678"}


def test_salutation_comes_from_gender(commune):
    assert factories.PersonFactory(commune=commune, gender="female").salutation == "Bà"
    assert factories.PersonFactory(commune=commune, gender="male").salutation == "Ông"


def test_one_live_team_per_village(village_team):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.TeamFactory(commune=village_team.commune, village=village_team.village)
