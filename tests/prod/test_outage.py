"""The database goes away for real under a running granian process: the process keeps running,
answers 503 with Retry-After (a French DSFR page; JSON for /sante/ and the API), and serves 200
again as soon as the database answers, without a restart."""

import time
from urllib.parse import urlsplit

import pytest
import requests

from tests.prod.stack import TcpForwarder, _with_database

pytestmark = pytest.mark.prodstack


@pytest.fixture
def cut_able(stack):
    """An app process that reaches PostgreSQL through a TCP hop the test can cut."""
    target = urlsplit(stack.base_url)
    port = stack.free_port()
    forwarder = TcpForwarder(port, target.hostname or "127.0.0.1", target.port or 5432)
    forwarder.start()
    netloc = f"{target.username}@127.0.0.1:{port}" if target.username else f"127.0.0.1:{port}"
    url = _with_database(target._replace(netloc=netloc).geturl(), stack.db_name)
    web = stack.start_web(workers=1, DATABASE_URL=url, DATABASE_CONNECT_TIMEOUT="2")
    yield web, forwarder
    web.stop()
    forwarder.stop()


def get(url):
    return requests.get(url, timeout=30, allow_redirects=False)


def test_database_cut_gives_503_then_recovers_without_restart(stack, cut_able):
    web, forwarder = cut_able
    pid = web.popen.pid
    assert get(f"{web.url}/annuaire/").status_code == 200
    assert get(f"{web.url}/sante/").json()["status"] == "ok"

    forwarder.cut()
    for path in ("/annuaire/", "/aides/?page=2", "/recherche/?q=eau", "/agenda/"):
        response = get(f"{web.url}{path}")
        assert response.status_code == 503, (path, response.status_code)
        assert int(response.headers["Retry-After"]) > 0
        assert "Service momentanément indisponible" in response.text
        assert 'lang="fr"' in response.text and "/static/dsfr/dist/dsfr/dsfr.min." in response.text
    health = get(f"{web.url}/sante/")
    assert health.status_code == 503 and health.headers["Retry-After"]
    assert health.json() == {"status": "indisponible", "database": "indisponible", "cache": "ok"}
    api = get(f"{web.url}/api/aides/")
    assert api.status_code == 503 and api.headers["Content-Type"].startswith("application/json")
    # The 503 page's stylesheet is served without the database.
    css = get(f"{web.url}/static/dsfr/dist/dsfr/dsfr.min.css")
    assert css.status_code == 200

    forwarder.restore()
    deadline = time.monotonic() + 30
    while get(f"{web.url}/sante/").status_code != 200:
        assert time.monotonic() < deadline, "no recovery within 30 s"
        time.sleep(0.2)
    assert get(f"{web.url}/annuaire/").status_code == 200
    assert web.alive() and web.popen.pid == pid


def test_terminated_connections_are_replaced_transparently(stack, web):
    """What a PostgreSQL restart does to open connections: killed server-side. Persistent
    connections are health-checked, so requests never see a 500."""
    for _ in range(3):
        assert get(f"{web.url}/annuaire/").status_code == 200
    assert stack.terminate_backends() >= 1
    statuses = [get(f"{web.url}{path}").status_code for path in ("/annuaire/", "/aides/", "/", "/sante/") * 3]
    assert set(statuses) <= {200, 503} and statuses[-4:] == [200] * 4, statuses
