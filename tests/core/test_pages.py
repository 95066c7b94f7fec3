import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

MANDATORY_PAGES = [
    ("core:accessibility", "Déclaration d'accessibilité", "partiellement conforme"),
    ("core:legal_notice", "Mentions légales", "Hébergement"),
    ("core:personal_data", "Données personnelles", "consentement"),
    ("core:sitemap", "Plan du site", "Annuaire"),
]


@pytest.mark.parametrize(("url_name", "heading", "fragment"), MANDATORY_PAGES)
def test_mandatory_pages_are_linked_from_footer_and_render(client, url_name, heading, fragment):
    response = client.get(reverse("core:home"))
    assert f'href="{reverse(url_name)}"' in response.text
    page = client.get(reverse(url_name))
    assert page.status_code == 200
    assert f"<h1>{heading}</h1>" in page.text
    assert fragment in page.text


def test_network_name_is_configurable(client, settings):
    settings.MAILLAGE_NETWORK_NAME = "Réseau 66 des Agendas 21"
    response = client.get(reverse("core:home"))
    assert "Réseau 66 des Agendas 21" in response.text
    assert (
        "<title>\n    Accueil — Réseau 66 des Agendas 21" in response.text
        or "Accueil — Réseau 66 des Agendas 21" in response.text
    )


def test_home_figures_count_only_active_organisations_and_consenting_people(client):
    org = OrganisationFactory()
    OrganisationFactory(pending=True)
    PersonFactory(organisation=org)
    PersonFactory(hidden=True, organisation=org)
    response = client.get(reverse("core:home"))
    blocks = {block.key: context for block, context in response.context["blocks"]}
    figures = blocks["chiffres"]["figures"]
    assert figures["organisations"] == 1
    assert figures["people"] == 1


def test_pages_are_french_with_skip_links_and_csp_nonce(client):
    response = client.get(reverse("core:home"))
    assert '<html lang="fr"' in response.text
    assert 'href="#content"' in response.text and 'id="content"' in response.text
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    # Every script tag carries the nonce: nothing inline runs without it.
    assert response.text.count("<script") == response.text.count(f'nonce="{nonce}"')


def test_header_shows_login_for_visitors_and_account_for_members(client):
    response = client.get(reverse("core:home"))
    assert "Se connecter" in response.text and "Mon compte" not in response.text
    client.force_login(UserFactory())
    response = client.get(reverse("core:home"))
    assert "Mon compte" in response.text and "Se déconnecter" in response.text
    assert "Animation" not in response.text


def test_header_shows_animation_for_animators(client):
    client.force_login(UserFactory(animator=True))
    assert "Animation" in client.get(reverse("core:home")).text


def test_health_checks_the_database(client):
    response = client.get(reverse("core:health"))
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_page_is_a_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
