"""Outbound HTTP from the task workers: the one SSRF guard.

Anything the server fetches on someone's behalf (partner calendars, Aides-territoires imports)
goes through `guard`: a host that resolves to a loopback, private, link-local or otherwise
non-global address is refused, and so is every redirect to one."""

import ipaddress
import socket
import urllib.request
from collections.abc import Callable
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlsplit


class PrivateAddress(ValueError):
    """The host resolves to a loopback, private or link-local address (SSRF guard)."""


def guard(url: str, *, allow_private: bool = False) -> None:
    """Refuse a URL whose host resolves to a non-global address, unless `allow_private`
    (tests, intranet sources) says so. An unresolvable host is left to the opener to report."""
    if allow_private:
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return
    for info in infos:
        address = str(info[4][0])  # an IPv6 address may carry a zone ("fe80::1%eth0")
        if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
            raise PrivateAddress(f"Adresse interne refusée : {host}")


def guarded_opener(check: Callable[[str], object]) -> urllib.request.OpenerDirector:
    """An opener that runs `check(url)` on every redirect target before following it."""

    class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: IO[bytes],
            code: int,
            msg: str,
            headers: HTTPMessage,
            newurl: str,
        ) -> urllib.request.Request | None:
            check(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(_GuardedRedirects)
