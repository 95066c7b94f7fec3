"""Browser tests of the global search page: results, facets through htmx, 0-result page, bad input."""

import pytest
from playwright.sync_api import expect

from apps.search.services import search_index_object
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def corpus():
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    for n in range(25):
        search_index_object(OrganisationFactory(name=f"Vélo-école associative {n}"))
    search_index_object(
        ExperienceFactory(title="Une vélorue dans le bourg", themes=[mobility], summary="Vélos et piétons.")
    )


def test_search_page_facets_pagination(page, live_server, assert_accessible, corpus):
    page.goto(f"{live_server.url}/recherche/")
    assert_accessible(page, "search-empty-query")
    page.locator("#search-page-input").fill("velo")
    page.locator("#search-page-input-bar").get_by_role("button").click()
    expect(page.get_by_role("status").filter(has_text="résultats")).to_contain_text("26 résultats")
    assert_accessible(page, "search-velo")
    # htmx: the facet link swaps the results in place and pushes the URL.
    page.get_by_role("navigation", name="Affiner la recherche").get_by_role(
        "link", name="Retours d'expérience"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/recherche/?q=velo&type=experience")
    expect(page.get_by_role("status").filter(has_text="résultat")).to_contain_text("1 résultat")
    page.get_by_role("list", name="Filtres actifs").get_by_role("link").click()
    expect(page.get_by_role("status").filter(has_text="résultats")).to_contain_text("26 résultats")
    page.get_by_role("link", name="Page suivante").first.click()
    expect(page).to_have_url(f"{live_server.url}/recherche/?q=velo&page=2")
    assert_accessible(page, "search-page-2")


def test_no_console_errors_with_htmx(page, live_server, console_errors, corpus):
    page.goto(f"{live_server.url}/recherche/?q=velo")
    page.get_by_role("navigation", name="Affiner la recherche").get_by_role("link", name="Mobilité").click()
    expect(page).to_have_url(f"{live_server.url}/recherche/?q=velo&theme=mobilite")
    page.get_by_role("link", name="Date (plus récent d'abord)").click()
    page.wait_for_load_state("networkidle")
    assert not console_errors, console_errors


def test_zero_result_and_bad_input(page, live_server, assert_accessible, corpus):
    page.goto(f"{live_server.url}/recherche/?q=zygomatique+velo")
    expect(page.get_by_role("heading", name="0 résultat")).to_be_visible()
    assert_accessible(page, "search-zero")
    page.goto(f"{live_server.url}/recherche/?q=veloo+ecole")
    expect(page.get_by_text("Résultats affichés pour")).to_be_visible()
    page.goto(f"{live_server.url}/recherche/?q=%22%3Cscript%3Ealert(1)%3C/script%3E%20%F0%9F%9A%B2")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher")
    assert_accessible(page, "search-bad-input")
