"""Every page, for every demo login, fits a 360 px phone; the menu fits one line at 1280 px."""

import time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .every_page import CANDIDATES, EXCLUDED, LOGINS, addresses, demo_pages, load_demo, pages_of  # noqa: F401


def url_names(resolver=None, namespace=None) -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver("tungAnh.urls")).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_every_url_pattern_is_walked_or_excluded():
    names = url_names()
    assert not (set(CANDIDATES) & set(EXCLUDED)), "a pattern is both walked and excluded"
    assert names == set(CANDIDATES) | set(EXCLUDED), (
        f"not walked nor excluded: {sorted(names - set(CANDIDATES) - set(EXCLUDED))}; "
        f"no such pattern: {sorted((set(CANDIDATES) | set(EXCLUDED)) - names)}"
    )


@pytest.mark.django_db(transaction=True)
def test_every_walked_pattern_opens_for_some_login(settings):
    settings.ROOT_URLCONF = "tungAnh.urls"
    started = time.monotonic()
    load_demo()
    opened = {login: set(pages_of(login)) for login in LOGINS}
    everything = set().union(*opened.values())
    by_name = {}
    for name, address in addresses():
        by_name.setdefault(name, set()).add(address)
    never = sorted(name for name, found in by_name.items() if not found & everything)
    empty = sorted(name for name in CANDIDATES if name not in by_name)
    print({login: len(found) for login, found in opened.items()}, f"{time.monotonic() - started:.1f} s")
    assert not empty, f"the demo has no object for: {empty}"
    assert not never, f"no login opens: {never}"
