"""Browser tests of the experience library: write → review → publish → find, and every page
through axe-core (zero violations)."""

import pytest
from playwright.sync_api import expect

from apps.experiences.models import Experience, State
from apps.search.services import search_index_object
from tests.experiences.factories import ExperienceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_write_review_publish_find(page, live_server, login, assert_accessible):
    theme = ThemeFactory(name="Énergie", slug="energie")
    organisation = OrganisationFactory(name="Commune de Valbourg")
    author = UserFactory(first_name="Aline", last_name="Auteur")
    MembershipFactory(person=PersonFactory(user=author), organisation=organisation)
    referent = UserFactory(first_name="Rémi", last_name="Référent")
    MembershipFactory(person=PersonFactory(user=referent), organisation=organisation, referent=True)
    animator = UserFactory(animator=True, first_name="Anne", last_name="Animatrice")

    # 1. A member writes a short "fiche action".
    login(author)
    page.goto(f"{live_server.url}/experiences/proposer/?format=factsheet")
    assert_accessible(page, "experiences-form-fiche")
    page.get_by_label("Titre").fill("Une chaufferie granulés pour l'école de Valbourg")
    page.get_by_label("Résumé").fill("La commune a remplacé sa chaudière fioul par une chaufferie granulés.")
    page.get_by_label("Contexte").fill("Village de 900 habitants, école des années 1970.")
    page.get_by_label("Difficultés et échecs").fill("Le silo a dû être agrandi après un hiver.")
    page.get_by_label("Transposabilité").fill(
        "Reproductible avec un fournisseur de granulés à moins de 50 km."
    )
    page.get_by_label("Énergie").check(force=True)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Une chaufferie granulés pour l'école de Valbourg"
    )
    assert_accessible(page, "experiences-detail-draft")
    page.get_by_role("link", name="Soumettre à la relecture").click()
    assert_accessible(page, "experiences-confirm")
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_text("Votre texte est soumis à la relecture.")).to_be_visible()
    experience = Experience.objects.get()
    assert experience.state == State.SUBMITTED

    # 2. The référent of the organisation reviews it.
    page.context.clear_cookies()
    login(referent)
    page.goto(f"{live_server.url}/experiences/mes-contributions/")
    assert_accessible(page, "experiences-mine")
    page.get_by_role("link", name="Une chaufferie granulés pour l'école de Valbourg").click()
    page.get_by_role("link", name="Relire").click()
    assert_accessible(page, "experiences-review")
    page.get_by_label("Approuver : le texte est prêt à être publié").check(force=True)
    page.get_by_label("Remarques").fill("Clair et honnête, merci.")
    page.get_by_role("button", name="Enregistrer mon avis").click()
    expect(page.get_by_text("Relecture enregistrée")).to_be_visible()

    # 3. An animator publishes it.
    page.context.clear_cookies()
    login(animator)
    page.goto(f"{live_server.url}{experience.get_absolute_url()}")
    page.get_by_role("link", name="Publier").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("Le retour d'expérience est publié.")).to_be_visible()
    page.get_by_role("link", name="Historique").click()
    assert_accessible(page, "experiences-history")
    page.get_by_role("link", name="Version 1").click()
    assert_accessible(page, "experiences-version")

    # 4. A visitor finds it, without accents and with a plural, and narrows by theme.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/recherche/?q=chaufferies+granules")
    expect(page.get_by_role("link", name="Une chaufferie granulés pour l'école de Valbourg")).to_be_visible()
    assert_accessible(page, "search-results")
    page.get_by_role("navigation", name="Affiner la recherche").get_by_role("link", name="Énergie").click()
    expect(page).to_have_url(f"{live_server.url}/recherche/?q=chaufferies+granules&theme=energie")
    expect(page.get_by_role("link", name="Une chaufferie granulés pour l'école de Valbourg")).to_be_visible()
    page.get_by_role("link", name="Une chaufferie granulés pour l'école de Valbourg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Une chaufferie granulés pour l'école de Valbourg"
    )
    assert_accessible(page, "experiences-detail")
    assert theme.pk


@pytest.fixture
def library():
    energy = ThemeFactory(name="Énergie", slug="energie")
    organisation = OrganisationFactory(name="Commune de Montclar")
    for n in range(3):
        ExperienceFactory(
            title=f"Réseau de chaleur bois numéro {n}",
            themes=[energy],
            organisations=[organisation],
            territory=organisation.territory,
        )
    return organisation


def test_library_map_and_guide_pages(page, live_server, assert_accessible, library):
    page.goto(f"{live_server.url}/experiences/")
    expect(page.get_by_role("link", name="Réseau de chaleur bois numéro 1")).to_be_visible()
    assert_accessible(page, "experiences-library")
    page.goto(f"{live_server.url}/experiences/?q=chaleur&sort=date")
    assert_accessible(page, "experiences-library-query")
    page.goto(f"{live_server.url}/experiences/carte/")
    expect(
        page.locator("#experiences-map .maillage-cluster, #experiences-map .maillage-marker").first
    ).to_be_visible()
    assert_accessible(page, "experiences-map")
    page.goto(f"{live_server.url}/experiences/guide-enqueteur/")
    assert_accessible(page, "experiences-guide")


def test_no_console_errors(page, live_server, login, console_errors, library):
    """CSP violations show up in the console. Checked without axe-core, which itself sets inline
    styles while it measures colour contrast."""
    experience = Experience.objects.first()
    for path in [
        "/experiences/",
        "/experiences/?q=chaleur",
        "/experiences/carte/",
        experience.get_absolute_url(),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    login(UserFactory())
    page.goto(f"{live_server.url}/experiences/proposer/")
    page.wait_for_load_state("networkidle")
    assert not console_errors, console_errors


def test_attachments_and_monograph_form(page, live_server, login, assert_accessible, tmp_path):
    author = UserFactory()
    experience = ExperienceFactory(draft=True, author=author, title="Potager partagé")
    search_index_object(experience)
    login(author)
    page.goto(f"{live_server.url}/experiences/proposer/")
    assert_accessible(page, "experiences-form-monographie")
    page.goto(f"{live_server.url}/experiences/{experience.slug}/pieces-jointes/")
    assert_accessible(page, "experiences-attachments")
    pdf = tmp_path / "bilan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 100)
    page.get_by_label("Fichier").set_input_files(str(pdf))
    page.get_by_label("Titre").fill("Bilan de la première année")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("Pièce jointe ajoutée.")).to_be_visible()
    expect(page.get_by_role("link", name="Bilan de la première année", exact=True)).to_be_visible()
    assert_accessible(page, "experiences-attachments-filled")
