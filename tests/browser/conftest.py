"""Browser tests: Playwright for Python driving Debian's chromium, plus axe-core.

Run with the rest of the suite (`make test`). Every page must have zero axe violations.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.browser.helpers import PASSWORD, log_in

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "var" / "screenshots")
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # One xdist group: a single chromium per worker is plenty on 2 cores.


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only once the test database exists. Started before
    (its default order), it sees the project's SQLite file rather than the in-memory test
    database, so it shares no connection with the test: every request thread opens its own
    connection to the in-memory database, which nothing can close (Django ignores `close()` on
    an in-memory database), and pytest reports the garbage-collected connections as
    "unclosed database" ResourceWarnings (errors here), at random points of the browser tests.

    Those request threads share that one in-memory connection, which Python's sqlite3 does not
    allow two threads to use at once ("bad parameter or other API misuse", a 503 in CI: a
    gallery image requested while the next page loaded). Requests are therefore handled one at
    a time, response body and close included (close ends the request, which touches the
    connection); a request waiting more than 120 s (far longer than any page takes, even on a loaded
    machine) goes ahead anyway rather than deadlock."""
    httpd = live_server.thread.httpd
    httpd.set_app(_one_request_at_a_time(httpd.get_app()))
    return live_server


def _one_request_at_a_time(app):
    lock = threading.Lock()

    def handle(environ, start_response):
        acquired = lock.acquire(timeout=120)
        try:
            result = app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()
        finally:
            if acquired:
                lock.release()

    return handle


@pytest.fixture(autouse=True)
def _live_server_requests_finished():
    """After each browser test (its page closed), wait for the live server's request threads to
    finish before the test database is cleaned up: a request still running then (an image or an
    htmx call the page had started) would close a database connection the test no longer shares,
    and pytest reports that thread's exception at some later test's teardown."""
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        "process_request_thread" in thread.name and thread.is_alive() for thread in threading.enumerate()
    ):
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def console_errors(page):
    """Collects console errors (CSP violations show up here) so that tests can assert none."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def run_axe(page) -> list[dict]:
    """Inject axe-core and return its violations (WCAG 2.x A/AA and best practices)."""
    # Evaluated rather than injected as a <script> tag: the strict CSP (rightly) blocks inline scripts.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def format_violations(violations) -> str:
    lines = []
    for v in violations:
        targets = [n["target"] for n in v["nodes"][:5]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {json.dumps(targets)}")
    return "\n".join(lines)


def save_screenshot(page, name: str) -> None:
    """A full-page screenshot under var/screenshots/ for people to look at. Chromium sometimes
    answers "Unable to capture screenshot" (a compositor hiccup on a loaded machine, seen in CI):
    tried again, then the visible part only; the picture is an artefact, not what a test asserts,
    so a last failure is reported on stderr rather than failing the test."""
    from playwright.sync_api import Error as PlaywrightError

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = str(SCREENSHOTS / f"{name}.png")
    for full_page in (True, True, False):
        try:
            page.screenshot(path=path, full_page=full_page)
            return
        except PlaywrightError as error:
            failure = error
            page.wait_for_timeout(200)
    print(f"capture d'écran impossible pour {name} : {failure}", file=sys.stderr)


@pytest.fixture
def assert_accessible():
    def check(page, name: str | None = None):
        page.wait_for_load_state()
        if name:
            save_screenshot(page, name)
        violations = run_axe(page)
        assert not violations, "Violations axe-core :\n" + format_violations(violations)

    return check


@pytest.fixture
def login(page, live_server):
    """Log a user in through the real login form."""

    def do_login(user, password=PASSWORD):
        log_in(page, live_server.url, user, password)

    return do_login


@pytest.fixture
def nojs_page(browser, browser_context_args):
    """A page of its own browser context with JavaScript off: the plain HTML forms must work."""
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()
