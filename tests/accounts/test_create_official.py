"""manage.py create_official: the superuser makes clerks, chairmen and district officers; the
password comes from TUNGANH_PASSWORD or the terminal, never from the command line."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.management.commands import create_official
from accounts.models import Official
from tests import factories
from tests.accounts import GOOD_PASSWORD, can_log_in, other_commune

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def password_in_environment(monkeypatch):
    monkeypatch.setenv("TUNGANH_PASSWORD", GOOD_PASSWORD)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_official", *args, stdout=out)
    return out.getvalue()


def refused(*args: str, match: str) -> None:
    users_before = User.objects.count()
    with pytest.raises(CommandError, match=match):
        run(*args)
    assert User.objects.count() == users_before


def test_it_creates_a_clerk(commune, password_in_environment):
    output = run("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259")
    official = Official.objects.select_related("user").get(user__username="vanthu.tunganh")
    assert (official.role, official.commune, official.district, official.person) == ("clerk", commune, None, None)
    assert not official.user.is_staff and not official.user.is_superuser
    assert can_log_in("vanthu.tunganh", GOOD_PASSWORD)
    assert "vanthu.tunganh" in output and "xã Tùng Ảnh" in output


def test_it_creates_a_chairman_with_the_person_who_signs(commune, password_in_environment):
    person = factories.PersonFactory(commune=commune, full_name="Phan Tiến Dũng")
    run("--username", "chutich.tunganh", "--role", "chairman", "--commune", "18259", "--person-id", str(person.pk))
    official = Official.objects.get(user__username="chutich.tunganh")
    assert (official.role, official.person, official.user.first_name) == ("chairman", person, "Phan Tiến Dũng")


def test_it_creates_a_district_officer(commune, password_in_environment):
    run("--username", "phongvhtt.ductho", "--role", "district_officer", "--district", "440")
    official = Official.objects.get(user__username="phongvhtt.ductho")
    assert (official.role, official.district, official.commune) == ("district_officer", commune.district, None)


def test_it_reads_the_password_at_the_terminal(commune, monkeypatch):
    monkeypatch.delenv("TUNGANH_PASSWORD", raising=False)
    monkeypatch.setattr(create_official.sys.stdin, "isatty", lambda: True, raising=False)
    typed = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr(create_official.getpass, "getpass", lambda prompt: next(typed))
    run("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259")
    assert can_log_in("vanthu.tunganh", GOOD_PASSWORD)


def test_two_different_passwords_at_the_terminal_create_nothing(commune, monkeypatch):
    monkeypatch.delenv("TUNGANH_PASSWORD", raising=False)
    monkeypatch.setattr(create_official.sys.stdin, "isatty", lambda: True, raising=False)
    typed = iter([GOOD_PASSWORD, "something-else-2025"])
    monkeypatch.setattr(create_official.getpass, "getpass", lambda prompt: next(typed))
    refused("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259", match="differ")


def test_without_a_terminal_or_the_variable_it_says_how(commune, monkeypatch):
    monkeypatch.delenv("TUNGANH_PASSWORD", raising=False)
    monkeypatch.setattr(create_official.sys.stdin, "isatty", lambda: False, raising=False)
    refused("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259", match="TUNGANH_PASSWORD")


def test_the_password_is_never_an_argument(commune, password_in_environment):
    parser = create_official.Command().create_parser("manage.py", "create_official")
    assert not any("pass" in option for option in parser._option_string_actions)
    with pytest.raises(TypeError):
        call_command("create_official", username="x", role="clerk", commune=18259, password=GOOD_PASSWORD)


def test_an_unknown_commune_is_named(db, password_in_environment):
    refused("--username", "u", "--role", "clerk", "--commune", "99999", match="No commune has the code 99999")


def test_an_unknown_district_is_named(db, password_in_environment):
    refused("--username", "u", "--role", "district_officer", "--district", "999", match="No district has the code 999")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("--role", "district_officer", "--commune", "18259"), "district"),
        (("--role", "district_officer", "--district", "440", "--commune", "18259"), "district"),
        (("--role", "clerk"), "commune"),
        (("--role", "clerk", "--commune", "18259", "--district", "440"), "commune"),
    ],
)
def test_the_place_must_fit_the_role(commune, password_in_environment, args, match):
    refused("--username", "u", *args, match=match)


def test_an_unknown_role_is_refused(commune, password_in_environment):
    with pytest.raises(CommandError, match="invalid choice"):
        run("--username", "u", "--role", "superuser", "--commune", "18259")


def test_a_person_of_another_commune_is_refused(commune, password_in_environment):
    _, _, stranger = other_commune()
    refused(
        "--username",
        "chutich.tunganh",
        "--role",
        "chairman",
        "--commune",
        "18259",
        "--person-id",
        str(stranger.pk),
        match="another commune",
    )


def test_an_unknown_person_is_named(commune, password_in_environment):
    refused("--username", "u", "--role", "clerk", "--commune", "18259", "--person-id", "999999", match="999999")


def test_a_taken_username_is_refused_whatever_its_capitals(commune, password_in_environment):
    factories.UserFactory(username="VanThu.TungAnh")
    refused("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259", match="taken")


def test_a_weak_password_is_refused(commune, monkeypatch):
    monkeypatch.setenv("TUNGANH_PASSWORD", "12345678")
    refused("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259", match="password")


def test_an_empty_password_is_refused(commune, monkeypatch):
    monkeypatch.setenv("TUNGANH_PASSWORD", "")
    refused("--username", "vanthu.tunganh", "--role", "clerk", "--commune", "18259", match="password")
