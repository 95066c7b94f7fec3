"""apps.directory.merge's registries: the apps pointing at organisations say how their rows merge,
and the directory imports none of them (import-linter contract in pyproject.toml)."""

import pytest

from apps.arbitrages.merge import response_refuse as arbitrage_refuse
from apps.directory import merge
from apps.evaluations.merge import response_refuse as evaluation_refuse
from apps.events.merge import registrations_note
from apps.programmes.merge import enrolment_combine
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_apps_register_their_rules_when_django_starts():
    assert merge._COMBINE["programmes.Enrolment"] is enrolment_combine
    assert merge._COMBINE["arbitrages.ArbitrageResponse"] is arbitrage_refuse
    assert merge._COMBINE["evaluations.EvaluationResponse"] is evaluation_refuse
    assert registrations_note in merge._PREVIEW_NOTES


def test_a_second_rule_for_the_same_model_is_refused():
    merge.register_combine_rule("programmes.Enrolment", enrolment_combine)  # same rule: no-op
    with pytest.raises(ValueError, match="already has a merge rule"):
        merge.register_combine_rule("programmes.Enrolment", arbitrage_refuse)
    assert merge._COMBINE["programmes.Enrolment"] is enrolment_combine


def test_preview_shows_the_registered_notes_and_skips_empty_ones(monkeypatch):
    source, target = OrganisationFactory(), OrganisationFactory()
    monkeypatch.setattr(
        merge,
        "_PREVIEW_NOTES",
        [lambda organisation: f"Note sur {organisation.name}.", lambda organisation: ""],
    )
    preview = merge.organisation_merge_preview(source=source, target=target)
    assert preview.notes == [f"Note sur {source.name}."]
    merge.register_preview_note(registrations_note)
    merge.register_preview_note(registrations_note)
    assert merge._PREVIEW_NOTES.count(registrations_note) == 1
