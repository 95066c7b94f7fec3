"""Production static storage: each URL is resolved from the manifest once per process (issue 16)."""

import json

from django.test import override_settings

from apps.core.staticfiles import MaillageStaticFilesStorage


def storage(tmp_path):
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "hash": "x", "paths": {"maillage/a b.css": "maillage/a b.0123.css"}})
    )
    return MaillageStaticFilesStorage(location=str(tmp_path), base_url="/static/")


def test_a_url_is_resolved_from_the_manifest_once(tmp_path, monkeypatch):
    store = storage(tmp_path)
    asked = []
    stored_name = store.stored_name
    monkeypatch.setattr(store, "stored_name", lambda name: asked.append(name) or stored_name(name))
    assert store.url("maillage/a b.css") == "/static/maillage/a b.0123.css"
    assert store.url("maillage/a b.css") == "/static/maillage/a b.0123.css"
    assert asked == ["maillage/a b.css"]


def test_unknown_names_still_fail_every_time(tmp_path):
    store = storage(tmp_path)
    for _ in range(2):
        try:
            store.url("maillage/absent.css")
        except ValueError as error:
            assert "absent.css" in str(error)
        else:
            raise AssertionError("a name missing from the manifest must fail")


@override_settings(DEBUG=True)
def test_debug_urls_are_not_kept(tmp_path):
    store = storage(tmp_path)
    assert store.url("maillage/a b.css") == "/static/maillage/a b.css"
    assert store._url_memo == {}
    assert store.url("maillage/a b.css", force=True) == "/static/maillage/a b.0123.css"
    assert store._url_memo == {}


def test_collectstatic_forgets_the_urls_of_the_old_manifest(tmp_path):
    store = storage(tmp_path)
    store.url("maillage/a b.css")
    assert list(store.post_process({}, dry_run=True)) == []
    assert store._url_memo == {}
