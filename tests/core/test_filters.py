"""The one filter component (apps/core/filters.py, templates/includes/filter_panel.html)."""

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory

from apps.core.filters import FilterForm, choices_filter_form


class KindForm(FilterForm):
    q = forms.CharField(label="Nom", required=False)
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), ("a", "A"), ("b", "B")])
    tri = forms.ChoiceField(label="Trier par", required=False, choices=[("nom", "Nom"), ("date", "Date")])


def render_panel(query: str, **options) -> str:
    request = RequestFactory().get(f"/liste/?{query}")
    request.csp_nonce = "n"
    form = KindForm(request.GET or None)
    args = " ".join(f'{key}="{value}"' for key, value in options.items())
    template = Template("{% load maillage %}{% filter_panel form action='/liste/' " + args + " %}")
    return template.render(Context({"form": form, "request": request}))


def test_active_filters_ignore_empty_values_invalid_values_and_the_sort_order():
    form = KindForm({"q": "  ", "kind": "zzz", "tri": "date"})
    assert form.filters() == {"tri": "date"} and form.active_count == 0
    assert "kind" in form.errors  # reported on its field, not blocking the page
    form = KindForm({"q": "eau", "kind": "a", "tri": "date"})
    assert form.active_count == 2
    assert KindForm(None).filters() == {}


def test_panel_markup_counts_active_filters_and_keeps_the_sort_when_clearing():
    html = render_panel(
        "q=eau&kind=a&tri=date&vue=tableau", target="results", label="Filtrer les choses", keep="vue"
    )
    assert '<details class="maillage-filters" id="filtres-results" data-filters>' in html
    assert "2 filtres actifs" in html
    assert 'method="get"' in html and 'hx-get="/liste/"' in html and 'hx-target="#results"' in html
    assert 'role="search"' in html and 'aria-label="Filtrer les choses"' in html
    # « Effacer les filtres » keeps the sort order and the view, and drops the filters.
    assert 'href="/liste/?tri=date&amp;vue=tableau"' in html
    # The view travels with the results (`kept_params`), associated with the panel's form.
    assert 'id="filtres-results-form"' in html and 'name="vue"' not in html
    assert html.count("maillage/js/filters.js") == 1


def test_kept_params_are_fields_of_the_panel_form_written_in_the_results():
    request = RequestFactory().get("/liste/?vue=tableau&q=eau&tri=")
    template = Template('{% load maillage %}{% kept_params "results" "vue" "tri" "absent" %}')
    html = template.render(Context({"request": request}))
    assert html == '<input type="hidden" name="vue" value="tableau" form="filtres-results-form">'
    hostile = RequestFactory().get("/liste/", {"vue": '"><script>'})
    html = Template('{% load maillage %}{% kept_params "results" "vue" %}').render(
        Context({"request": hostile})
    )
    assert 'value="&quot;&gt;&lt;script&gt;"' in html


def test_panel_without_htmx_and_without_filters():
    html = render_panel("", htmx="")
    assert "hx-get" not in html and "actif" not in html
    assert 'href="/liste/"' in html


@pytest.mark.django_db
def test_choices_filter_form_from_facets():
    form = choices_filter_form(
        {"theme": "eau", "sort": "date", "q": "vélo"},
        fields=[("theme", "Thématique", [("eau", "Eau (3)"), ("energie", "Énergie (1)")])],
        kept=("sort",),
    )
    assert form.filters() == {"q": "vélo", "theme": "eau", "sort": "date"}
    assert form.active_count == 2
    assert form.kept_params() == ["sort"]
    assert [choice for choice, _ in form.fields["theme"].choices] == ["", "eau", "energie"]
    bad = choices_filter_form({"theme": "inconnu"}, fields=[("theme", "Thématique", [("eau", "Eau")])])
    assert bad.active_count == 0 and "n'existe pas" in bad.errors["theme"][0]
