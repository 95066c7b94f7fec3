"""apps.themes.counts: the columns of the themes page come from the apps whose content carries
themes; themes imports none of them (import-linter contract in pyproject.toml)."""

import pytest
from django.urls import reverse

from apps.directory.theme_counts import organisations_per_theme, people_per_theme
from apps.themes import counts
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_directory_registers_its_columns_when_django_starts():
    assert [(c.label, c.counts) for c in counts.theme_counters()] == [
        ("Organisations", organisations_per_theme),
        ("Personnes", people_per_theme),
    ]


def test_a_registered_counter_adds_a_column(client, monkeypatch):
    theme = ThemeFactory(name="Eau")
    monkeypatch.setattr(counts, "_COUNTERS", list(counts._COUNTERS))
    counter = counts.ThemeCounter(
        label="Questions", singular="question", plural="questions", list_url="questions:list",
        counts=lambda: {theme.pk: 1},
    )  # fmt: skip
    counts.register_theme_counter(counter)
    counts.register_theme_counter(counter)  # once per label
    assert [c.label for c in counts.theme_counters()] == ["Organisations", "Personnes", "Questions"]
    html = client.get(reverse("themes:list")).text
    assert '<th scope="col">Questions</th>' in html
    assert '1<span class="fr-sr-only"> question : Eau</span>' in html
    assert '0<span class="fr-sr-only"> organisations : Eau</span>' in html
