import datetime

import pytest
from django.core.cache import cache

from accounts.models import Official
from residents import services
from tests import factories
from tests.decisions.helpers import issued

ESTABLISHED_ON = datetime.date(2022, 10, 4)
ZALO = "https://zalo.me/g/dongthai2022"


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Staff pages are asserted on their English msgids; the public pages force Vietnamese,
    so their tests assert on data (names, numbers), not on labels."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def empty_cache():
    """The public pages and the request limit live in the cache: each test starts empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def established(village_team, village_people, clerk, chairman):
    """The village team, set up by an issued decision: leader Vinh, deputy Hằng, member Chương."""
    phones = ["0912000001", "0912000002", "0912000003"]
    for person, phone in zip(village_people, phones, strict=True):
        person.phone = phone
        person.save()
    village_team.zalo_url = ZALO
    village_team.save()
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ESTABLISHED_ON)
    village_team.refresh_from_db()
    return village_team


@pytest.fixture
def page(established, clerk):
    return services.public_page_publish(team=established, by=clerk)


@pytest.fixture
def leader(established, village_people, commune):
    """The login of the team's leader (Nguyễn Xuân Vinh)."""
    return factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=village_people[0]).user


@pytest.fixture
def give_phone(clerk):
    def give(person, *, on=ESTABLISHED_ON):
        return services.consent_give(person=person, subject="phone", on=on, method="in_person", scan=None, by=clerk)

    return give


@pytest.fixture
def withdraw_phone(clerk):
    def withdraw(person, *, on=ESTABLISHED_ON):
        return services.consent_withdraw(person=person, subject="phone", on=on, by=clerk)

    return withdraw
