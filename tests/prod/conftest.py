"""Production-like tests (marked `prodstack`): they start the real stack (tests/prod/stack.py) and
run only with MAILLAGE_PROD_STACK=1 (`make test-prod`, part of `make test`). The other tests of
this folder (every-URL fuzz, outage on the test database) run with the normal suites."""

import os
import re

import pytest
import requests

from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401
from tests.prod.stack import Stack, StackUnavailable

ENABLED = os.environ.get("MAILLAGE_PROD_STACK") == "1"


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    dropped = [item for item in items if item.get_closest_marker("prodstack")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("prodstack")]


@pytest.fixture(scope="session")
def stack():
    """Production settings, collectstatic into a temporary STATIC_ROOT, migrated PostgreSQL
    database with territories and the demo network, Redis; torn down at the end."""
    try:
        built = Stack.from_env()
        built.check_services()
    except StackUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Production stack unavailable under CI: {exc}")
        pytest.skip(str(exc))
    keep = os.environ.get("PROD_STACK_KEEP") == "1"  # developer's quick iterations only
    try:
        if not (keep and built.built()):
            built.build()
        yield built
    finally:
        if keep:
            built.stop_all()
        else:
            built.close()


@pytest.fixture(scope="session")
def web(stack):
    """Two granian worker processes, as in production (one per core)."""
    process = stack.start_web(workers=2)
    yield process
    process.stop()


def stack_query(stack, sql, params=()):
    import psycopg

    with psycopg.connect(stack.database_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


class HttpClient:
    """A plain HTTP client for an app process. Cookies are kept by hand: production cookies are
    `Secure`, which a cookie jar rightly refuses to send over the stack's plain HTTP."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = {}

    def request(self, method, path, *, base_url=None, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method,
            (base_url or self.base_url) + path,
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data, *, base_url=None, token_from=None):
        """GET the page (or `token_from`) for its CSRF token, then POST the form."""
        page = self.get(token_from or path, base_url=base_url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path} ({page.status_code})"
        return self.request(
            "POST", path, data={"csrfmiddlewaretoken": token.group(1), **data}, base_url=base_url
        )

    def login(self, email, password, *, base_url=None):
        response = self.post_form(
            "/compte/connexion/", {"username": email, "password": password}, base_url=base_url
        )
        assert response.status_code == 302, response.text[:500]
