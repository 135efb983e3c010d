import datetime

import pytest

from teams.models import Person
from tests import factories
from tests.decisions.helpers import issued

ESTABLISHED_ON = datetime.date(2022, 10, 4)


@pytest.fixture(autouse=True)
def english_pages(settings):
    """Page tests assert on the English msgids; tests/test_catalogue.py covers Vietnamese."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def established(village_team, village_people, clerk, chairman):
    """The village team, set up by an issued decision with its three recommended members."""
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=ESTABLISHED_ON)
    village_team.refresh_from_db()
    return village_team


@pytest.fixture
def applicant_data(village):
    return {
        "village": village,
        "full_name": "Trần Thị Lan",
        "gender": Person.Gender.FEMALE,
        "birth_year": 1998,
        "phone": "0912 345 678",
        "phone_consent": True,
        "position": "Giáo viên",
        "motivation": "Tôi muốn giúp bà con dùng dịch vụ công trực tuyến.",
    }


@pytest.fixture
def other_clerk():
    commune = factories.CommuneFactory(code=18260, name="Tùng Lộc")
    return factories.OfficialFactory(commune=commune).user
