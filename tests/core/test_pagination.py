"""One pagination include for every paginated list."""

from pathlib import Path

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from apps.core.pagination import pagination_links

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def render(page, query="", **options):
    request = RequestFactory().get("/liste/" + query)
    arguments = " ".join(f'{key}="{value}"' for key, value in options.items())
    return Template("{% load maillage %}{% pagination page " + arguments + " %}").render(
        Context({"page": page, "request": request})
    )


def test_one_page_shows_nothing():
    assert render(Paginator(range(5), 10).get_page(1)).strip() == ""


def test_links_keep_the_other_parameters_and_window_the_pages():
    page = Paginator(range(200), 10).get_page(10)
    html = render(page, "?q=énergie&page=10&tri=date")
    assert 'aria-current="page" title="Page 10"' in html
    assert 'href="?page=9&amp;q=%C3%A9nergie&amp;tri=date"' in html
    assert 'href="?page=20&amp;q=%C3%A9nergie&amp;tri=date">Dernière page' in html
    numbers = [n for n in range(1, 21) if f'title="Page {n}"' in html]
    assert numbers == [1, 8, 9, 10, 11, 12, 20]
    assert html.count("…") == 2


def test_a_second_list_on_the_page_has_its_own_parameter_and_label():
    page = Paginator(range(30), 10).get_page(2)
    html = render(page, "?page=3&ateliers=2", param="ateliers", label="Pagination des ateliers")
    assert 'aria-label="Pagination des ateliers"' in html
    assert 'href="?ateliers=3&amp;page=3"' in html


def test_first_and_last_pages_disable_their_links():
    html = render(Paginator(range(30), 10).get_page(1))
    assert 'fr-pagination__link--first" aria-disabled="true"' in html
    assert 'fr-pagination__link--prev fr-pagination__link--lg-label" aria-disabled="true"' in html


def test_htmx_target():
    html = render(Paginator(range(30), 10).get_page(1), hx_target="results")
    assert 'hx-target="#results"' in html and 'hx-push-url="true"' in html


def test_links_without_a_paginator():
    links = pagination_links(current=3, last=3, url_for=lambda n: f"/recherche/?page={n}")
    assert links["show"] and links["next"] == "" and links["previous"] == "/recherche/?page=2"


def test_every_list_uses_the_one_include():
    """The DSFR pagination markup exists once: every list renders it with {% pagination %}."""
    owners = sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "fr-pagination__list" in path.read_text(encoding="utf-8")
    )
    assert owners == ["includes/pagination.html"]
