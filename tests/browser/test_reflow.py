"""Reflow (RGAA 10.11): every page, for each role, at 390 and 1,280 px, without horizontal scrolling.

The demo network (`load_demo`, the seeded fixture of the project) provides sample objects. For
each role (visitor, member, animator) the test starts from every URL pattern that takes no argument
and follows the links of each page, visiting one address per URL pattern (with the demo's
objects filling in slugs and ids). Each page is loaded once at 390 px, measured, resized to
1,280 px and measured again: the page fails when `document.documentElement.scrollWidth` is
larger than `innerWidth`. One browser, one page per role: a few hundred loads, about a minute.

Besides the page's own width, controls hidden in a box scrolled sideways (a wide table whose
action buttons sit beyond its right edge) fail the test too: tables wrap their cells, and tables
with actions become stacked cards on phones (`maillage-table--stack`, docs/core.md).
"""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from demo.loader import password as demo_password

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = {
    "visiteur": None,
    "membre": "membre@demo.maillage.test",
    "animateur": "animateur@demo.maillage.test",
}
NARROW, WIDE = 390, 1280
MAX_PAGES_PER_ROLE = 600
# The demo network's routes reached by links (211 in December 2026): far fewer means the crawl broke.
MIN_ROUTES = 190

# Addresses that are not pages to look at: downloads, feeds, POST-only actions, JSON, the
# operator's admin, redirects.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/fichiers/", "/__")
SKIPPED_SUFFIXES = (".csv", ".ics", ".rss", ".xml", ".json", ".pdf", ".odt", ".docx", ".xlsx", ".txt")

# Outermost elements sticking out on the right: what a failure message names.
CULPRITS_JS = """() => {
  const width = window.innerWidth;
  const sticking = (el) => el.getBoundingClientRect().right > width + 1;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!sticking(el) || el.getBoundingClientRect().width === 0) continue;
    if (el.parentElement && el.parentElement !== document.body && sticking(el.parentElement)) continue;
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '';
    out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (${Math.round(el.getBoundingClientRect().right)} px)`);
    if (out.length >= 4) break;
  }
  return out;
}"""


# Controls a person cannot see without scrolling a box sideways (a wide table's action buttons).
HIDDEN_CONTROLS_JS = """() => {
  const out = [];
  for (const box of document.querySelectorAll('body *')) {
    if (box.scrollWidth <= box.clientWidth + 1) continue;
    const style = getComputedStyle(box);
    if (!['auto', 'scroll'].includes(style.overflowX)) continue;
    const right = box.getBoundingClientRect().left + box.clientWidth;
    for (const control of box.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea')) {
      const r = control.getBoundingClientRect();
      if (r.width > 0 && r.left >= right - 1) {
        out.push((control.textContent || control.getAttribute('aria-label') || control.name || control.tagName).trim().slice(0, 40));
      }
    }
  }
  return [...new Set(out)].slice(0, 4);
}"""


def url_patterns(resolver=None, prefix="", namespace=""):
    """(route, view name) for every pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def skipped(path: str) -> bool:
    return path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES)


def start_paths() -> list[str]:
    paths = ["/"]
    for route, name in url_patterns():
        if not name or "<" in route:
            continue
        try:
            path = reverse(name)
        except NoReverseMatch:
            continue
        if not skipped(path):
            paths.append(path)
    return list(dict.fromkeys(paths))


def log_in(page, base, email):
    page.goto(f"{base}/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(demo_password())
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    assert "/compte/connexion/" not in page.url, f"connexion refusée pour {email}"


class Tab:
    """The crawler's browser tab, replaced after a failed navigation.

    A navigation that fails (a 405 with no body, a download) leaves Chromium navigating on to its
    error page or to a late redirect; in the same tab that pending navigation interrupts the next
    `goto` ("interrupted by another navigation"), whose own leftovers interrupt the one after, and
    so on: on a loaded machine a whole role's crawl went that way. A fresh tab of the same
    context (same cookies, so same session) starts clean."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()

    def renew(self):
        self.page.close()
        self.page = self.context.new_page()

    def load(self, url: str, failures: list[str]):
        """page.goto, tried twice: a navigation interrupted by a leftover one, or timed out on a
        loaded machine, is tried again in a fresh tab; other failures are recorded."""
        for attempt in (1, 2):
            try:
                self.page.set_viewport_size({"width": NARROW, "height": 900})
                return self.page.goto(url, wait_until="load")
            except PlaywrightError as error:
                message = str(error).splitlines()[0]
                self.renew()
                transient = "interrupted by another navigation" in message or "Timeout" in message
                if not transient or attempt == 2:
                    failures.append(f"{urlsplit(url).path}: {message}")
                    return None
        return None


def crawl(tab: Tab, base: str, role: str, overflows: list[str], failures: list[str]) -> set[str]:
    """Visit one address per URL pattern reachable by links; return the routes visited.

    `failures` collects what could not be looked at (a navigation error, a server error): a
    shortfall of visited routes then says why rather than only how many."""
    login_path = reverse("accounts:login")
    queue = start_paths()
    seen_paths: set[str] = set(queue)
    visited_routes: set[str] = set()
    pages = 0
    while queue and pages < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        route = route_of(path)
        if route is None or route in visited_routes:
            continue
        response = tab.load(base + path, failures)
        page = tab.page
        if response is None:
            continue  # an error status with no body (405 on a POST-only action), a download
        pages += 1
        final = urlsplit(page.url)
        if final.netloc != urlsplit(base).netloc or final.path.startswith(login_path):
            continue  # a login wall: the login page itself is visited on its own
        if response.status >= 500:
            failures.append(f"{role} {path}: HTTP {response.status}")
        if not response.ok:
            continue  # 404 for this role, 405 for a POST-only action
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        final_route = route_of(final.path)
        if final_route is None or (final_route in visited_routes and final.path != path):
            continue  # redirected to a page already measured
        visited_routes.add(route)
        if final_route:
            visited_routes.add(final_route)
        for width in (NARROW, WIDE):
            if width != NARROW:
                page.set_viewport_size({"width": width, "height": 900})
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                culprits = ", ".join(page.evaluate(CULPRITS_JS))
                overflows.append(f"{role} {width} px {final.path}: {scroll} > {inner} — {culprits}")
            if hidden := page.evaluate(HIDDEN_CONTROLS_JS):
                overflows.append(f"{role} {width} px {final.path}: hors de vue à droite — {hidden}")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for link in links:
            parts = urlsplit(link)
            if parts.netloc != urlsplit(base).netloc:
                continue
            target = parts.path
            if target in seen_paths or skipped(target):
                continue
            seen_paths.add(target)
            target_route = route_of(target)
            if target_route is not None and target_route not in visited_routes:
                queue.append(target)
    return visited_routes


def test_every_page_reflows_at_390_and_1280_px(browser, live_server, settings):
    settings.MAILLAGE_DEMO_LOGINS = True
    call_command("load_demo", stdout=io.StringIO())

    overflows: list[str] = []
    failures: list[str] = []
    visited: set[str] = set()
    for role, email in ROLES.items():
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
        context.set_default_navigation_timeout(60_000)
        tab = Tab(context)
        if email:
            log_in(tab.page, live_server.url, email)
        visited |= crawl(tab, live_server.url, role, overflows, failures)
        context.close()

    assert not overflows, "Défilement horizontal :\n" + "\n".join(overflows)
    server_errors = [failure for failure in failures if "HTTP 5" in failure]
    assert not server_errors, "Erreurs serveur :\n" + "\n".join(server_errors)
    # The crawl reaches the pages (a broken login or start list would silently check nothing).
    assert len(visited) >= MIN_ROUTES, (
        f"seulement {len(visited)} adresses visitées ; non chargées :\n" + "\n".join(failures)
    )
