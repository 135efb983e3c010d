"""A reader's pages served again from the cache until a write may have changed them (lib/page_cache.py).

The tests run the cache in this process's memory (``PAGE_CACHE`` on); a hit is a page
answered with no query at all. tests/production/test_server.py runs it as a
province does, with Redis and two gunicorn workers.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Official
from lib import page_cache
from teams.models import Person
from tests import factories

PEOPLE = reverse("teams:person_list")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def person(commune):
    return factories.PersonFactory(commune=commune, full_name="Nguyễn Văn Hùng")


@pytest.fixture
def reader(client, clerk, person):
    """The clerk logged in, their first page seen (the CSRF cookie is set on that answer)."""
    client.force_login(clerk)
    assert client.get(PEOPLE).status_code == 200
    return client


def warm(client, path=PEOPLE):
    """Open ``path`` once to keep it; the next opening is answered from the cache."""
    response = client.get(path)
    assert response.status_code == 200
    return response


def queries(client, path=PEOPLE) -> int:
    """How many queries opening ``path`` costs (0: served from the cache)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def write(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        change()


def test_a_page_seen_again_is_served_without_a_query(reader):
    first = warm(reader)
    assert queries(reader) == 0
    again = reader.get(PEOPLE)
    assert again.content == first.content
    assert "Nguyễn Văn Hùng" in again.content.decode()


def test_a_write_in_the_readers_commune_shows_at_once(reader, person, django_capture_on_commit_callbacks):
    warm(reader)

    def rename():
        person.full_name = "Nguyễn Văn Hưng"
        person.save()

    write(django_capture_on_commit_callbacks, rename)
    page = reader.get(PEOPLE).content.decode()
    assert "Nguyễn Văn Hưng" in page and "Nguyễn Văn Hùng" not in page


def test_a_write_not_yet_committed_changes_nothing_until_it_commits(reader, person):
    warm(reader)
    person.full_name = "Nguyễn Văn Hưng"
    person.save()  # inside the test's transaction: its on_commit never runs
    assert queries(reader, PEOPLE) == 0


def test_a_write_in_another_commune_keeps_the_clerks_pages(reader, django_capture_on_commit_callbacks):
    warm(reader)
    other = factories.CommuneFactory(code=18260, name="Tùng Châu")
    write(django_capture_on_commit_callbacks, lambda: factories.PersonFactory(commune=other))
    assert queries(reader, PEOPLE) == 0


def test_a_clerks_dashboard_of_the_district_follows_every_commune(reader, django_capture_on_commit_callbacks):
    path = reverse("dashboard:district")
    warm(reader)
    warm(reader, path)
    assert queries(reader, path) == 0
    other = factories.CommuneFactory(code=18260, name="Tùng Châu")
    write(django_capture_on_commit_callbacks, lambda: factories.PersonFactory(commune=other))
    assert queries(reader, path) > 0, "it shows the other communes of the district"
    assert queries(reader, PEOPLE) == 0, "the clerk's own lists are not theirs"


def test_a_district_officers_pages_follow_every_commune(client, commune, django_capture_on_commit_callbacks):
    officer = factories.OfficialFactory(commune=None, district=commune.district, role=Official.Role.DISTRICT_OFFICER)
    client.force_login(officer.user)
    path = reverse("dashboard:district")
    warm(client, path)
    warm(client, path)
    assert queries(client, path) == 0
    write(
        django_capture_on_commit_callbacks,
        lambda: factories.PersonFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Châu")),
    )
    assert queries(client, path) > 0


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda commune, clerk: Official.objects.filter(user=clerk).first().save(), id="a login's role"),
        pytest.param(lambda commune, clerk: commune.save(), id="a place"),
        pytest.param(lambda commune, clerk: page_cache.everything_changed(), id="a bulk change"),
    ],
)
def test_a_write_of_unknown_reach_renews_every_page(reader, commune, clerk, change, django_capture_on_commit_callbacks):
    warm(reader)
    write(django_capture_on_commit_callbacks, lambda: change(commune, clerk))
    assert queries(reader, PEOPLE) > 0


def test_someone_logging_in_renews_no_page(reader, commune, django_capture_on_commit_callbacks):
    warm(reader)
    chairman = factories.OfficialFactory(commune=commune, role=Official.Role.CHAIRMAN).user
    with django_capture_on_commit_callbacks(execute=True):
        chairman.last_login = timezone.now()
        chairman.save(update_fields=["last_login"])  # what Django does at every login
    assert queries(reader) == 0


def test_a_login_made_inactive_is_logged_out_at_once(reader, clerk, django_capture_on_commit_callbacks):
    warm(reader)

    def disable():
        clerk.is_active = False
        clerk.save()

    write(django_capture_on_commit_callbacks, disable)
    response = reader.get(PEOPLE)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_after_logging_out_the_old_cookie_gets_the_login_page(reader):
    warm(reader)
    session_cookie = reader.cookies["sessionid"].value
    reader.post(reverse("logout"))
    reader.cookies["sessionid"] = session_cookie
    response = reader.get(PEOPLE)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_session_of_another_user_never_gets_the_page(reader, commune):
    warm(reader)
    chairman = factories.OfficialFactory(commune=commune, role=Official.Role.CHAIRMAN).user
    reader.force_login(chairman)  # a new session key
    response = reader.get(PEOPLE)
    assert response.status_code == 200
    assert response.context is not None, "the page was made for the new session, not taken from the cache"


def test_a_stolen_session_key_with_another_user_in_it_misses(reader, commune, clerk):
    """The entry names its user; a session now holding another user does not match it."""
    warm(reader)
    entry_key = page_cache._entry_key(reader.get(PEOPLE).wsgi_request)
    entry = page_cache.cache.get(entry_key)
    assert entry["user"] == str(clerk.pk)
    session = reader.session
    other = factories.OfficialFactory(commune=commune, role=Official.Role.CHAIRMAN).user
    session["_auth_user_id"] = str(other.pk)
    session.save()
    response = reader.get(PEOPLE)
    served_from_cache = response.status_code == 200 and response.context is None
    assert not served_from_cache


def test_the_query_string_and_language_are_pages_of_their_own(reader, person):
    warm(reader)
    found = reader.get(PEOPLE, {"q": "Hùng"})
    assert "Nguyễn Văn Hùng" in found.content.decode()
    none = reader.get(PEOPLE, {"q": "Lan"})
    assert "Nguyễn Văn Hùng" not in none.content.decode()
    reader.cookies["django_language"] = "vi"
    vietnamese = reader.get(PEOPLE)
    assert 'lang="vi"' in vietnamese.content.decode()


@pytest.mark.parametrize(
    "storage",
    [
        "django.contrib.messages.storage.fallback.FallbackStorage",
        "django.contrib.messages.storage.session.SessionStorage",  # where a long message overflows
    ],
)
def test_a_saved_form_shows_its_message_once_and_its_change_at_once(
    reader, settings, storage, django_capture_on_commit_callbacks
):
    settings.MESSAGE_STORAGE = storage
    villages = reverse("teams:village_list")
    warm(reader, villages)
    assert queries(reader, villages) == 0
    with django_capture_on_commit_callbacks(execute=True):
        saved = reader.post(reverse("teams:village_create"), {"type_word": "thôn", "name": "Yên Hồ", "households": 120})
    assert saved.status_code == 302
    shown = reader.get(saved["Location"])
    assert "was added." in shown.content.decode(), "the message is shown, not a page kept before it"
    again = reader.get(villages).content.decode()
    assert "Yên Hồ" in again and "was added." not in again, "a page that showed a message was not kept"


def test_without_a_shared_cache_nothing_is_kept(reader, settings):
    settings.PAGE_CACHE = False
    warm(reader)
    assert queries(reader, PEOPLE) > 0


def test_rows_name_their_commune(commune, person, village_team):
    assert page_cache.commune_of_row(person) == commune.pk
    membership_commune = page_cache.commune_of_row(factories.TeamFactory(commune=commune))
    assert membership_commune == commune.pk
    assert page_cache.commune_of_row(commune) is None, "a place is read by many: every page"
    assert page_cache.commune_of_row(Person(commune_id=None)) is None
