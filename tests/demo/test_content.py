"""The demo network's content, model by model: what `load_demo` writes is pinned in
demo_counts.json (rows per model, many-to-many tables included; every other model stays empty),
so that moving the demo data or its loader cannot silently add or lose anything; a second run
writes nothing new. The counts were taken from the loader as it was before the data moved to
demo/ (apps/*/demo.py), and a field-by-field comparison of both runs found the same rows."""

import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).with_name("demo_counts.json")
# Every département the demo points to.
DEMO_DEPARTEMENTS = "95,67,71,40,74,81,37,12,45,62,59,60,06,17,25,31,48,974,54,75,49,69,92"
# Rows that are not the demo's: the referential loaded first, login attempts, background task
# results, sessions, permissions and content types (one per model), the search vocabulary (derived
# from the indexed text by the French analysis).
NOT_DEMO = {"territories", "axes", "django_tasks_db", "sessions", "admin", "auth", "contenttypes"}
NOT_DEMO_MODELS = {"search.SearchVocabulary"}


def model_counts() -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_DEMO
        and model._meta.label not in NOT_DEMO_MODELS
        and not model._meta.proxy
    }


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_content_per_model_is_pinned_and_a_second_run_adds_nothing(settings):
    settings.MAILLAGE_DEMO_LOGINS = True
    call_command("load_territories", departements=DEMO_DEPARTEMENTS, stdout=io.StringIO())

    output = load_demo()
    first = model_counts()
    load_demo()

    assert "introuvable" not in output  # every place was resolved
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert {label: count for label, count in first.items() if count} == expected
    assert model_counts() == first
