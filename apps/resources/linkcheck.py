"""Checking external links: one URL at a time, with a timeout, following redirects, and polite
to each host (never two requests to the same host closer than `delay` seconds). Only ever run
by the background worker (tasks.check_resource_links), never inside a web request."""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from collections import OrderedDict, deque
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

# Codes that say "try again later" rather than "this page is gone".
TRANSIENT_CODES = {408, 425, 429, 500, 502, 503, 504}
READ_BYTES = 1024


@dataclass
class LinkResult:
    outcome: str  # "ok", "redirect", "broken" or "transient"
    code: int | None = None
    final_url: str = ""
    error: str = ""


class PrivateAddress(Exception):
    """The host resolves to a loopback, private or link-local address: not checked (SSRF guard)."""


def _guard(url: str) -> None:
    """Links are typed by members: never let the worker probe the server's own network, unless
    MAILLAGE_LINK_CHECK_ALLOW_PRIVATE says so (tests, intranets)."""
    if getattr(settings, "MAILLAGE_LINK_CHECK_ALLOW_PRIVATE", False):
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return  # unresolvable: urlopen reports it as a connection error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            raise PrivateAddress(host)


class _GuardedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        _guard(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_GuardedRedirects)


def _user_agent() -> str:
    return f"Maillage-verificateur-de-liens/1.0 (+{settings.MAILLAGE_SITE_URL})"


def _request(url: str, method: str, timeout: float):
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": _user_agent(), "Accept": "*/*"}
    )
    # Follows up to 10 redirects (each target guarded) and reports loops as an HTTPError.
    _guard(url)
    response = _OPENER.open(request, timeout=timeout)
    try:
        if method == "GET":
            response.read(READ_BYTES)
        return response.status, response.geturl()
    finally:
        response.close()


def check_url(url: str, *, timeout: float) -> LinkResult:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return LinkResult("broken", error="Adresse invalide (http ou https attendu).")
    code, final_url = None, url
    try:
        try:
            code, final_url = _request(url, "HEAD", timeout)
        except urllib.error.HTTPError as exc:
            # Many servers answer HEAD badly (403, 404, 405, 501): only a GET is conclusive.
            exc.close()
            code, final_url = _request(url, "GET", timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        outcome = "transient" if exc.code in TRANSIENT_CODES else "broken"
        return LinkResult(
            outcome, code=exc.code, final_url=exc.geturl() or url, error=f"Erreur HTTP {exc.code}"
        )
    except PrivateAddress as exc:
        return LinkResult("broken", error=f"Adresse interne non vérifiée : {exc}")
    except TimeoutError:
        return LinkResult("transient", error=f"Pas de réponse en {timeout:g} s")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return LinkResult("transient", error=f"Pas de réponse en {timeout:g} s")
        return LinkResult("transient", error=f"Connexion impossible : {reason}"[:300])
    except (http.client.HTTPException, ConnectionError, OSError, ValueError) as exc:
        return LinkResult("transient", error=f"Réponse invalide : {exc}"[:300])
    if final_url.rstrip("/") != url.rstrip("/"):
        return LinkResult("redirect", code=code, final_url=final_url)
    return LinkResult("ok", code=code, final_url=final_url)


def check_urls_politely(urls, *, timeout: float, delay: float, sleep=time.sleep, clock=time.monotonic):
    """Yield (url, LinkResult) for each URL, round-robin across hosts so that the delay between two
    requests to the same host is spent checking other hosts, not sleeping."""
    queues: OrderedDict[str, deque] = OrderedDict()
    for url in urls:
        queues.setdefault(urlsplit(url).netloc.lower(), deque()).append(url)
    last_hit: dict[str, float] = {}
    while queues:
        for host in list(queues):
            queue = queues[host]
            wait = delay - (clock() - last_hit[host]) if host in last_hit else 0
            if wait > 0:
                sleep(wait)
            url = queue.popleft()
            result = check_url(url, timeout=timeout)
            last_hit[host] = clock()
            yield url, result
            if not queue:
                del queues[host]
