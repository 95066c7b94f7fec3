import itertools

import pytest
from django.core import mail
from django.core.management import call_command

from apps.resources.linkcheck import check_url, check_urls_politely
from apps.resources.models import LinkStatus
from apps.resources.tasks import check_resource_links
from tests.factories import UserFactory
from tests.resources.factories import ResourceFactory


@pytest.mark.parametrize(
    ("path", "outcome", "code"),
    [
        ("/ok", "ok", 200),
        ("/moved", "redirect", 200),
        ("/missing", "broken", 404),
        ("/gone", "broken", 410),
        ("/error", "transient", 500),
        ("/no-head", "ok", 200),
        ("/loop", "broken", 302),
    ],
)
def test_check_url_outcomes(website, path, outcome, code):
    result = check_url(website.base + path, timeout=2)
    assert (result.outcome, result.code) == (outcome, code)
    if outcome == "redirect":
        assert result.final_url == website.base + "/ok"


def test_timeout_is_transient(website):
    result = check_url(website.base + "/slow", timeout=0.3)
    assert result.outcome == "transient" and "Pas de réponse" in result.error


def test_connection_refused_and_bad_urls(settings):
    settings.MAILLAGE_LINK_CHECK_ALLOW_PRIVATE = True
    assert check_url("http://127.0.0.1:9/", timeout=1).outcome == "transient"
    assert check_url("ftp://exemple.test/x", timeout=1).outcome == "broken"
    assert check_url("pas une adresse", timeout=1).outcome == "broken"


def test_politeness_spaces_requests_to_the_same_host(website):
    urls = [website.base + "/ok", website.base + "/missing", website.base + "/gone"]
    results = list(check_urls_politely(urls, timeout=2, delay=0.3))
    assert [r.outcome for _, r in results] == ["ok", "broken", "broken"]
    # HEAD then (for errors) GET: look at the first request of each URL.
    firsts = {}
    for path, _method, at in website.hits:
        firsts.setdefault(path, at)
    times = sorted(firsts.values())
    assert all(b - a >= 0.29 for a, b in itertools.pairwise(times))


def test_internal_addresses_are_not_probed(website, settings):
    import urllib.request

    from apps.resources.linkcheck import PrivateAddress, _GuardedRedirects

    settings.MAILLAGE_LINK_CHECK_ALLOW_PRIVATE = False
    result = check_url(website.base + "/ok", timeout=2)
    assert result.outcome == "broken" and "Adresse interne" in result.error
    assert website.hits == []  # not even one request
    request = urllib.request.Request("https://exemple.test/page")
    with pytest.raises(PrivateAddress):
        _GuardedRedirects().redirect_request(request, None, 302, "Found", {}, "http://169.254.169.254/latest")


def test_politeness_does_not_sleep_between_different_hosts(settings):
    settings.MAILLAGE_LINK_CHECK_ALLOW_PRIVATE = True
    slept = []
    urls = ["http://127.0.0.1:9/a", "http://localhost:9/b"]
    list(check_urls_politely(urls, timeout=0.2, delay=5, sleep=slept.append))
    assert slept == []


@pytest.mark.django_db
def test_task_marks_links_and_notifies_owners_once(website, fast_links, django_capture_on_commit_callbacks):
    owner = UserFactory(email="responsable@exemple.test")
    ok = ResourceFactory(url=website.base + "/ok", owner=owner)
    moved = ResourceFactory(url=website.base + "/moved", owner=owner)
    missing = ResourceFactory(url=website.base + "/missing", owner=owner, title="Guide disparu")
    flaky = ResourceFactory(url=website.base + "/error", owner=owner)
    suggestion = ResourceFactory(url=website.base + "/missing", suggested=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counts = check_resource_links.call()
    assert counts == {"ok": 1, "redirect": 1, "broken": 1, "transient": 1}
    for resource in (ok, moved, missing, flaky, suggestion):
        resource.refresh_from_db()
    assert ok.link_status == LinkStatus.OK and ok.link_checked_at is not None
    assert moved.link_status == LinkStatus.REDIRECT and moved.link_final_url == website.base + "/ok"
    assert missing.link_status == LinkStatus.BROKEN and missing.link_status_code == 404
    assert flaky.link_status == LinkStatus.UNREACHABLE and flaky.link_failures == 1
    assert suggestion.link_status == LinkStatus.UNKNOWN  # only published resources are checked
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["responsable@exemple.test"] and "Guide disparu" in mail.outbox[0].body

    # Second run: the 500 becomes broken after two failures (and is reported); the 404 is not re-sent.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        check_resource_links.call()
    flaky.refresh_from_db()
    assert flaky.link_status == LinkStatus.BROKEN and flaky.link_failures == 2
    assert len(mail.outbox) == 1
    assert flaky.title in mail.outbox[0].body and "Guide disparu" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_repaired_link_recovers(website, fast_links):
    resource = ResourceFactory(url=website.base + "/ok", link_status=LinkStatus.BROKEN, link_failures=3)
    check_resource_links.call(resource_ids=[resource.pk])
    resource.refresh_from_db()
    assert resource.link_status == LinkStatus.OK and resource.link_failures == 0


@pytest.mark.django_db
def test_command_enqueues_the_task(website, fast_links, capsys):
    resource = ResourceFactory(url=website.base + "/missing")
    call_command("resources_check_links")
    assert "mise en file" in capsys.readouterr().out
    resource.refresh_from_db()
    assert resource.link_status == LinkStatus.BROKEN  # ImmediateBackend in tests
