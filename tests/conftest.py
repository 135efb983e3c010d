import datetime
import os

import pytest

from accounts.models import Official
from teams.models import Person
from tests import factories, mutation

if mutation.active():  # make mutation: the kept test database (tests/mutation.py)
    mutation.install()


@pytest.fixture(scope="session", autouse=True)
def document_store(tmp_path_factory):
    """Issued PDFs go to a folder of this test session (each xdist worker its own)."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing passwords the production way costs ~1 s a login; tests need no such cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the pages and totals it keeps are another test's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commune(db):
    return factories.CommuneFactory()


@pytest.fixture
def village(commune):
    return factories.VillageFactory(commune=commune, name="Đông Thái")


@pytest.fixture
def clerk(commune):
    return factories.OfficialFactory(commune=commune, role=Official.Role.CLERK).user


@pytest.fixture
def chairman(commune):
    person = factories.PersonFactory(
        commune=commune, full_name="Phan Tiến Dũng", position="Chủ tịch UBND", office=Person.Office.CHAIRMAN
    )
    return factories.OfficialFactory(commune=commune, role=Official.Role.CHAIRMAN, person=person).user


@pytest.fixture
def vice_chairman(commune):
    person = factories.PersonFactory(
        commune=commune, full_name="Lê Doãn Lợi", position="Phó Chủ tịch UBND", office=Person.Office.VICE_CHAIRMAN
    )
    return factories.OfficialFactory(commune=commune, role=Official.Role.VICE_CHAIRMAN, person=person).user


@pytest.fixture
def village_team(village):
    return factories.TeamFactory(commune=village.commune, village=village)


@pytest.fixture
def village_people(commune, village):
    """A recommended village composition: head, youth branch secretary, a teacher."""
    return [
        factories.PersonFactory(
            commune=commune,
            village=village,
            full_name="Nguyễn Xuân Vinh",
            position="Trưởng thôn Đông Thái",
            office=Person.Office.VILLAGE_HEAD,
        ),
        factories.PersonFactory(
            commune=commune,
            village=village,
            full_name="Mai Thị Hằng",
            gender=Person.Gender.FEMALE,
            position="Bí thư Chi đoàn TN",
            office=Person.Office.YOUTH_BRANCH_SECRETARY,
        ),
        factories.PersonFactory(
            commune=commune,
            village=village,
            full_name="Phạm Hồng Chương",
            position="Giáo viên",
            office=Person.Office.TEACHER,
        ),
    ]


@pytest.fixture
def day():
    return datetime.date(2022, 10, 4)


def pytest_terminal_summary(terminalreporter):
    """A run without browser tests says so in its last lines, never silently."""
    from tests.browser import NO_BROWSER

    if os.environ.get(NO_BROWSER):
        terminalreporter.write_line(f"{NO_BROWSER} is set: the browser tests were skipped.", yellow=True, bold=True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under mutmut, without the slowest tests, the mutated module's own first, the tests
    that flush the database still last (tests/mutation.py). After pytest-django's own sort."""
    mutation.order(config, items)


def _ascii_id(text: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else f"u{ord(ch):04x}" for ch in text)


def pytest_make_parametrize_id(config, val, argname):
    """Test ids in plain ASCII letters, digits and ``-_.``: "Dũng" -> "Du0169ng", a tab -> "u0009".

    pytest would print "\\u0169" and quotes, which mutmut cannot hand back to pytest to run
    one test (it reports "not found"); these ids read back exactly."""
    if not isinstance(val, str):
        return None
    return _ascii_id(val) if val else "empty"
