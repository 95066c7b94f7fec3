"""Browser tests of the resource hub: list and filters, detail with freshness flags and the
one-click renewal, suggestion and moderation, freshness dashboard, blocs ressources."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.resources.models import Resource, ResourceStatus
from tests.factories import ThemeFactory, UserFactory
from tests.resources.factories import CollectionFactory, ResourceFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hub(db):
    owner = UserFactory(email="responsable@exemple.test")
    theme = ThemeFactory(name="Énergie", slug="energie")
    stale = ResourceFactory(
        title="Guide de la concertation",
        owner=owner,
        review_by=timezone.localdate() - datetime.timedelta(days=5),
        themes=[theme],
    )
    broken = ResourceFactory(title="Catalogue disparu", link_status="broken", link_error="Erreur HTTP 404")
    fresh = ResourceFactory(title="Outil des aides", kind="tool")
    collection = CollectionFactory(title="Financer la transition", intro="Une **sélection** commentée.")
    collection.items.create(resource=fresh, position=0, note="Pour commencer.")
    collection.items.create(resource=stale, position=1)
    return {"owner": owner, "stale": stale, "broken": broken, "collection": collection}


def test_list_and_filters(page, live_server, assert_accessible, console_errors, hub):
    page.goto(f"{live_server.url}/ressources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre de ressources")
    expect(page.locator("#resource-results")).to_contain_text("Lien cassé")
    assert_accessible(page, "resources-list")
    page.get_by_label("Fraîcheur").select_option("stale")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#resource-results")).to_contain_text("Guide de la concertation")
    expect(page.locator("#resource-results")).not_to_contain_text("Catalogue disparu")
    assert console_errors == []


def test_owner_renews_a_stale_resource(page, live_server, assert_accessible, login, hub):
    login(hub["owner"])
    page.goto(f"{live_server.url}{hub['stale'].get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("devait être revue")
    assert_accessible(page, "resources-detail-stale")
    page.get_by_role("button", name="Toujours à jour").click()
    expect(page.locator("main")).to_contain_text("marquée à jour")
    expect(page.locator("main")).not_to_contain_text("devait être revue")
    hub["stale"].refresh_from_db()
    assert hub["stale"].review_by > timezone.localdate()
    page.goto(f"{live_server.url}/ressources/mes-ressources/")
    expect(page.locator("main")).to_contain_text("Guide de la concertation")
    assert_accessible(page, "resources-mine")


def test_member_suggests_then_animator_accepts(page, live_server, assert_accessible, login, hub):
    login(UserFactory())
    page.goto(f"{live_server.url}/ressources/proposer/")
    assert_accessible(page, "resources-suggest")
    page.get_by_label("Titre").fill("Guide du compostage partagé")
    page.get_by_label("Type de ressource").select_option("guide")
    page.get_by_label("Résumé").fill("Comment lancer un compost de quartier.")
    page.get_by_label("Lien").fill("https://exemple.test/compost")
    page.get_by_role("button", name="Proposer la ressource").click()
    expect(page.locator("main")).to_contain_text("Merci ! Votre proposition est transmise")
    assert_accessible(page, "resources-suggestion-detail")

    page.context.clear_cookies()
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/ressources/moderation/")
    assert_accessible(page, "resources-moderation")
    page.get_by_role("button", name="Accepter « Guide du compostage partagé »").click()
    expect(page.locator("main")).to_contain_text("est publiée")
    assert Resource.objects.get(title="Guide du compostage partagé").status == ResourceStatus.PUBLISHED


def test_freshness_dashboard_and_collections(page, live_server, assert_accessible, login, hub):
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/ressources/fraicheur/")
    expect(page.locator("main")).to_contain_text("Guide de la concertation")
    assert_accessible(page, "resources-freshness")
    page.get_by_role("link", name="Liens cassés ou injoignables").click()
    expect(page.locator("main")).to_contain_text("Catalogue disparu")
    assert_accessible(page, "resources-freshness-links")

    page.goto(f"{live_server.url}/ressources/blocs/")
    assert_accessible(page, "resources-collections")
    page.get_by_role("link", name="Financer la transition").click()
    expect(page.locator("main")).to_contain_text("Pour commencer.")
    assert_accessible(page, "resources-collection-detail")
    page.get_by_role("button", name="Descendre « Outil des aides »").click()
    expect(page.locator("main")).to_contain_text("L'ordre du bloc est mis à jour.")
    titles = page.locator("ol.collection-items .fr-card__title").all_inner_texts()
    assert titles == ["Guide de la concertation", "Outil des aides"]
