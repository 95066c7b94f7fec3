"""Client address behind trusted reverse proxies, and login throttling built on django-axes.

Behind a reverse proxy every request comes from the proxy's address (`REMOTE_ADDR`): without
reading `X-Forwarded-For`, five wrong passwords typed by anyone lock an account for everyone, and
a password-spraying client hides among all the others. Reading that header blindly is worse: any
client can write it. The operator states how many proxies stand in front of the application
(`MAILLAGE_TRUSTED_PROXY_COUNT`); each of them appends the address it received the request from,
so the client is the entry that many places from the right. Entries further left were written
by the client and are ignored.

Two limits, both kept in the database by django-axes (shared by every app server):
- per (account, client address): `AXES_FAILURE_LIMIT` failures lock that pair only, so an
  attacker elsewhere cannot lock a member out;
- per client address, across accounts: `MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT` failures lock the
  address (password spraying: a few tries on many accounts).
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

if TYPE_CHECKING:
    from django.http import HttpRequest


def _valid_address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address, as seen by the outermost trusted proxy (or the socket's peer)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.MAILLAGE_TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < hops:
        # The request did not come through every trusted proxy (a direct hit on an app server,
        # or a misconfigured chain): the peer is the only address we can vouch for.
        return remote
    return _valid_address(forwarded[-hops]) or remote


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler (lockout per account and address, AXES_LOCKOUT_PARAMETERS),
    plus a limit per client address across every account."""

    def address_failures(self, request: HttpRequest) -> int:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def address_locked(self, request: HttpRequest) -> bool:
        return self.address_failures(request) >= settings.MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(
        self, sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.address_locked(request):
            # django-axes' own request attributes (it sets them the same way).
            setattr(request, "axes_locked_out", True)  # noqa: B010
            setattr(request, "axes_credentials", credentials)  # noqa: B010
