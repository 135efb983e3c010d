"""At most ``LIMIT`` help requests a minute from one client address.

Counted in the cache (no address is stored in the database): the first request of an
address opens a one-minute window, every request in it counts, valid or not. The address
is ``lib.throttling.client_address``: REMOTE_ADDR, or the trusted proxy's record of it
(``TRUSTED_PROXY_COUNT``), so a client cannot pick its own by sending X-Forwarded-For.
"""

from django.core.cache import cache

from lib.throttling import client_address

LIMIT = 10
WINDOW = 60  # seconds


def allow(request) -> bool:
    """Count this request; False once the address has sent ``LIMIT`` in its window."""
    key = f"residents:help-requests:{client_address(request) or 'unknown'}"
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count <= LIMIT
