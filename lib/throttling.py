"""Failed logins: who is counted, and when a username is locked.

django-axes locks a username from one address after ``AXES_FAILURE_LIMIT`` failures. An
attacker with many addresses could still guess on: ``LoginThrottleHandler`` also locks
a username once it has failed ``USERNAME_FAILURE_LIMIT`` times over every address within
the cool-off. The second limit is the higher one, so a single address, locked at the
first, can never lock a user out for everyone else.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy's record of it when a proxy is trusted.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the
    ``TRUSTED_PROXY_COUNT``-th entry from the right; anything left of it is the client's say.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        if username is None:
            return failures
        over_all_addresses = (
            AccessAttempt.objects.filter(
                username=username, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if over_all_addresses >= settings.USERNAME_FAILURE_LIMIT:
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures
