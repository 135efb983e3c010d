"""Failed logins: per address, per username over all addresses, and behind a proxy."""

import pytest
from django.test import Client, RequestFactory

from lib.throttling import client_address
from tests import factories

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def user(db):
    return factories.UserFactory(username="vanthu.thu")


def attempt(address: str, password: str = "sai", username: str = "vanthu.thu", **headers):
    return Client(REMOTE_ADDR=address, **headers).post("/login/", {"username": username, "password": password})


def logs_in(address: str, **headers) -> bool:
    return attempt(address, PASSWORD, **headers).status_code == 302


def test_five_failures_from_one_address_lock_that_address_only(user):
    statuses = [attempt("198.51.100.1").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429], "the fifth failure locks"
    assert attempt("198.51.100.1", PASSWORD).status_code == 429
    assert logs_in("198.51.100.2"), "one address cannot lock the user out for everyone"


def test_guesses_spread_over_many_addresses_lock_the_username(user, settings):
    statuses = [
        attempt(f"198.51.100.{host}").status_code
        for host in range(1, 21)
        for _ in range(4)  # under the per-address limit of five
    ]
    assert statuses.index(429) + 1 == settings.USERNAME_FAILURE_LIMIT == 20, "the twentieth failure locks"
    assert set(statuses[20:]) == {429}
    assert attempt("192.0.2.99", PASSWORD).status_code == 429, "the right password from a new address is refused"


def test_the_username_lock_counts_only_that_username(user):
    factories.UserFactory(username="chutich.thu")
    for host in range(1, 6):
        for _ in range(4):
            attempt(f"198.51.100.{host}")
    assert attempt("192.0.2.1", PASSWORD, username="chutich.thu").status_code == 302


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(user, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for spoofed in range(5):
        attempt("198.51.100.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{spoofed}")
    assert attempt("198.51.100.1", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.77").status_code == 429


def test_behind_a_trusted_proxy_each_client_counts_alone(user, settings):
    """All requests come from nginx's address; the client is the address nginx appended."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        attempt("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert attempt("127.0.0.1", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert logs_in("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "127.0.0.1"),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "10.9.9.9, 192.0.2.1", "192.0.2.1"),  # the client's own claim on the left is ignored
        (2, "10.9.9.9, 192.0.2.1, 172.16.0.1", "192.0.2.1"),
        (1, "", "127.0.0.1"),
        (1, "not-an-address", "127.0.0.1"),
        (2, "192.0.2.1", "127.0.0.1"),  # fewer hops than proxies: nothing to believe
    ],
)
def test_the_client_address_comes_from_the_proxy_only_when_trusted(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_the_https_header_is_believed_only_behind_a_trusted_proxy(monkeypatch):
    import importlib

    import tungAnh.settings as project_settings

    try:
        monkeypatch.setenv("TRUSTED_PROXY_COUNT", "0")
        assert not hasattr(importlib.reload(project_settings), "SECURE_PROXY_SSL_HEADER")
        monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
        assert importlib.reload(project_settings).SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    finally:
        monkeypatch.undo()
        importlib.reload(project_settings)
