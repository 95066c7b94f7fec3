"""Filter choices computed once per generation (apps/core/filters.py, issue 16 item 5)."""

import pytest
from django import forms
from django.core.cache import cache

from apps.core.filters import CachedModelChoiceField, FastSelect, FilterForm, filter_choices_changed
from apps.themes.models import Theme
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


class ThemeFilterForm(FilterForm):
    theme = CachedModelChoiceField(
        label="Thématique",
        queryset=Theme.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label="Toutes les thématiques",
    )


def render(form) -> str:
    return str(form["theme"])


def test_choices_are_computed_once_then_read_without_a_query(django_assert_num_queries):
    ThemeFactory(name="Eau vive", slug="eau-vive")
    first = render(ThemeFilterForm(None))
    assert '<option value="eau-vive">Eau vive</option>' in first
    assert '<option value="" selected>Toutes les thématiques</option>' in first
    with django_assert_num_queries(0):
        assert render(ThemeFilterForm(None)) == first
    assert isinstance(ThemeFilterForm.base_fields["theme"].widget, FastSelect)


def test_a_new_generation_offers_the_new_theme(django_capture_on_commit_callbacks):
    from apps.themes.services import theme_create, theme_deactivate

    old = ThemeFactory(name="Ancienne", slug="ancienne")
    assert "Ancienne" in render(ThemeFilterForm(None))
    ThemeFactory(name="Créée à la main", slug="a-la-main")  # not through a service: same generation
    assert "Créée à la main" not in render(ThemeFilterForm(None))
    with django_capture_on_commit_callbacks(execute=True):
        theme_create(name="Thème né d’un service")
    html = render(ThemeFilterForm(None))
    assert "Thème né d’un service" in html and "Créée à la main" in html
    with django_capture_on_commit_callbacks(execute=True):
        theme_deactivate(theme=old)
    assert "Ancienne" not in render(ThemeFilterForm(None))


def test_an_emptied_cache_is_a_new_generation():
    ThemeFactory(name="Première", slug="premiere")
    render(ThemeFilterForm(None))
    ThemeFactory(name="Seconde", slug="seconde")
    cache.clear()
    assert "Seconde" in render(ThemeFilterForm(None))
    filter_choices_changed()
    assert "Seconde" in render(ThemeFilterForm(None))


def test_validation_still_reads_the_database_and_selects_the_value():
    theme = ThemeFactory(name="Mobilité (essai)", slug="mobilite-essai")
    form = ThemeFilterForm({"theme": "mobilite-essai"})
    assert form.filters() == {"theme": theme}
    assert '<option value="mobilite-essai" selected>Mobilité (essai)</option>' in render(form)
    bad = ThemeFilterForm({"theme": "inconnue"})
    assert bad.filters() == {} and "theme" in bad.errors


def test_the_empty_label_is_read_at_render_time():
    class Form(ThemeFilterForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["theme"].empty_label = "Indifférent"

    assert '<option value="" selected>Indifférent</option>' in render(Form(None))


def test_same_html_as_django_select():
    """FastSelect and cached choices change how the options are made, not a byte of the HTML."""
    import re

    ThemeFactory(name="Eau & milieux (essai)", slug="eau-essai")
    ThemeFactory(name="Énergie (essai)", slug="energie-essai")
    fast = ThemeFilterForm({"theme": "energie-essai"})
    slow = ThemeFilterForm({"theme": "energie-essai"})
    slow.fields["theme"].widget = forms.Select(
        choices=forms.ModelChoiceField(
            queryset=Theme.objects.active(), to_field_name="slug", empty_label="Toutes les thématiques"
        ).choices,
        attrs=slow.fields["theme"].widget.attrs,
    )

    def squash(html):
        return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()

    assert squash(render(fast)) == squash(render(slow))
    assert "Eau &amp; milieux (essai)" in render(fast)


def test_filter_forms_share_one_renderer_whose_templates_stay_compiled():
    """django-dsfr makes a renderer (and an empty template engine) per form: filter forms share one."""
    first, second = ThemeFilterForm(None), ThemeFilterForm(None)
    assert first.renderer is second.renderer
    render(first)
    assert first.renderer.engine is second.renderer.engine


def test_options_are_joined_once_per_selected_value(monkeypatch):
    """A list page renders the same <option>s at every request: joined once per generation and value."""
    ThemeFactory(name="Eau vive", slug="eau-vive")
    ThemeFactory(name="Forêt", slug="foret")
    joined = []
    options_html = FastSelect.options_html
    monkeypatch.setattr(
        FastSelect, "options_html", staticmethod(lambda *args: joined.append(1) or options_html(*args))
    )
    none, water = render(ThemeFilterForm(None)), render(ThemeFilterForm({"theme": "eau-vive"}))
    assert len(joined) == 2
    assert render(ThemeFilterForm(None)) == none
    assert render(ThemeFilterForm({"theme": "eau-vive"})) == water
    assert len(joined) == 2
    assert '<option value="eau-vive" selected>Eau vive</option>' in water
    assert '<option value="eau-vive">Eau vive</option>' in none
    assert 'id="id_theme"' in water  # the <select> itself is built per form: its attributes may differ

    class Indifferent(ThemeFilterForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["theme"].empty_label = "Indifférent"

    assert '<option value="" selected>Indifférent</option>' in render(Indifferent(None))
    assert len(joined) == 3
    filter_choices_changed()
    assert render(ThemeFilterForm(None)) == none
    assert len(joined) == 4
