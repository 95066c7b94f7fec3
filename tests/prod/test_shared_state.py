"""Two app processes on one PostgreSQL + Redis, as behind a load balancer: what one writes, the
other serves at once (members' map, its generation counter, mail throttles, sessions, lockouts).

Process-local state audit (see docs/deploy.md): the cache was the only state kept per process
that depends on the database. The remaining `lru_cache`s hold pure functions of their arguments
(French stems: apps/search/text.py, apps/consultations/analysis.py) or of package files that do
not change while a process runs (territory coordinates: apps/territories/loader.py, geodata.py);
thread-locals hold stemmers; no module global is written after import."""

import json

import pytest

from tests.prod.conftest import HttpClient, stack_query

pytestmark = pytest.mark.prodstack


@pytest.fixture(scope="module")
def two(stack):
    a = stack.start_web(workers=1)
    b = stack.start_web(workers=1)
    yield a, b
    a.stop()
    b.stop()


def map_points(base):
    import requests

    response = requests.get(f"{base}/annuaire/carte/donnees.json", timeout=30)
    assert response.status_code == 200
    return {point[2] for point in json.loads(response.content)["points"]}


def test_map_is_fresh_on_the_other_process_at_once(stack, two):
    from demo.loader import domain

    a, b = two
    pending = stack_query(
        stack,
        "SELECT j.id, o.id FROM directory_joinrequest j JOIN directory_organisation o ON o.id = j.organisation_id "
        "WHERE j.status = 'pending' AND o.status = 'pending' AND o.latitude IS NOT NULL ORDER BY j.id LIMIT 1",
    )
    assert pending, "the demo network has a pending organisation with a location"
    request_id, organisation_id = pending[0]
    before_b = map_points(b.url)  # B caches the map…
    assert organisation_id not in before_b
    assert map_points(a.url) == before_b
    animator = HttpClient(a.url)
    animator.login(f"animateur@{domain()}", "maillage-demo-2026")
    response = animator.post_form(
        f"/annuaire/animation/demandes/{request_id}/decision/",
        {"decision": "approve", "message": ""},
        token_from="/annuaire/animation/",
    )
    assert response.status_code == 302
    # …and serves the new organisation right after A approved it.
    after_b = map_points(b.url)
    assert after_b == before_b | {organisation_id}
    # The session written by A is valid on B (sessions in the database).
    assert animator.get("/compte/", base_url=b.url).status_code == 200


def test_mail_throttle_holds_across_processes(stack, two):
    from demo.loader import domain

    a, b = two
    email = f"membre@{domain()}"

    def queued():
        # Every mail goes through the outbox: one delivery per message and address.
        return stack_query(stack, "SELECT count(*) FROM mailing_delivery WHERE address = %s", [email])[0][0]

    before = queued()
    for process in (a, b, a, b):
        response = HttpClient(process.url).post_form("/compte/mot-de-passe/", {"email": email})
        assert response.status_code == 302
    # One reset mail for four requests spread over two processes (one per minute and address).
    assert queued() == before + 1


def test_login_lockout_holds_across_processes(stack, two):
    from demo.loader import domain

    a, b = two
    email = f"referent@{domain()}"
    statuses = []
    for i in range(5):
        process = (a, b)[i % 2]
        response = HttpClient(process.url).post_form(
            "/compte/connexion/", {"username": email, "password": "faux"}
        )
        statuses.append(response.status_code)
    assert statuses[:4] == [200] * 4 and statuses[4] in (403, 429)
    response = HttpClient(a.url).post_form(
        "/compte/connexion/", {"username": email, "password": "maillage-demo-2026"}
    )
    assert response.status_code in (403, 429)


def test_cache_is_redis(stack, two):
    import redis

    keys = redis.Redis.from_url(stack.redis_url).keys("maillage:*")
    assert any(b"directory:map" in key for key in keys), keys
