"""Images in texts and the organisation picker, in a real browser under the strict CSP (issue 14,
item 7; issue 13, item 1): the editor's "Image" button uploads through the one file policy and
inserts `![alt](address)` only with an alternative text; an anonymous visitor sees the image of a
public page; without JavaScript the upload page gives the line to copy; the organisations of a
consultation are searched on the server. At 390 and 1,280 px, axe-core clean, no console error."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from apps.core import services as core_services
from apps.mailing import services as mailing_services
from apps.mailing.models import Edition, EditionStatus
from tests.browser.helpers import image_natural_width, log_in
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [390, 1280]
PNG = {"name": "marais.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (120, 80))}


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def image_loaded(locator):
    return image_natural_width(locator) > 0


@pytest.mark.parametrize("width", WIDTHS)
def test_letter_block_image_button(page, live_server, login, assert_accessible, console_errors, width):
    page.set_viewport_size({"width": width, "height": 900})
    animator = UserFactory(animator=True, email="lettre@exemple.test")
    edition = mailing_services.edition_create(title="La lettre de décembre", created_by=animator)
    login(animator)
    page.goto(f"{live_server.url}/lettres/{edition.pk}/preparer/")
    textarea = page.locator("#id_new-text")
    editor = page.locator(".maillage-md", has=textarea)
    expect(page.locator("a[data-markdown-image='id_new-text']")).to_be_hidden()  # the button replaces it
    textarea.fill("Le marais au printemps.")
    textarea.evaluate("el => el.setSelectionRange(el.value.length, el.value.length)")
    button = editor.get_by_role("button", name="Image", exact=True)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = editor.get_by_role("group", name="Insérer une image")
    expect(panel).to_be_visible()

    panel.get_by_role("button", name="Insérer l'image").click()
    expect(panel).to_contain_text("Choisissez une image.")
    panel.locator("input[type=file]").set_input_files(PNG)
    panel.get_by_role("button", name="Insérer l'image").click()
    expect(panel).to_contain_text("le texte alternatif est obligatoire")
    alt = panel.get_by_label("Texte alternatif (obligatoire)")
    expect(alt).to_be_focused()
    assert_accessible(page, f"editor-image-panel-{width}")
    assert no_horizontal_scroll(page)

    alt.fill("Le marais [au printemps]")
    alt.press("Enter")  # inserts, never submits the text's form
    expect(panel).to_be_hidden()
    expect(textarea).to_have_value(
        re.compile(
            r"^Le marais au printemps\.\n\n!\[Le marais \\\[au printemps\\\]\]"
            r"\(/fichiers/core\.editorimage\.file/\d+/\?k=[0-9a-f]{32}\)$"
        )
    )
    editor.get_by_role("button", name="Aperçu").click()
    preview_image = editor.locator(".maillage-md__preview img")
    expect(preview_image).to_have_attribute("alt", "Le marais [au printemps]")
    page.wait_for_function("() => document.querySelector('.maillage-md__preview img').complete")
    assert image_loaded(preview_image)
    editor.get_by_role("button", name="Aperçu").click()

    page.locator("#id_new-title").fill("Retour en images")
    page.get_by_role("button", name="Ajouter le bloc").click()
    page.wait_for_load_state()
    edition.refresh_from_db()
    assert any("![Le marais" in (block.get("text") or "") for block in edition.blocks)
    assert console_errors == []

    # The sent letter's web archive shows it to an anonymous visitor.
    Edition.objects.filter(pk=edition.pk).update(
        status=EditionStatus.SENT, sent_at=timezone.now(), is_public=True
    )
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{edition.get_absolute_url()}")
    archived = page.get_by_role("img", name="Le marais [au printemps]")
    expect(archived).to_be_visible()
    assert image_loaded(archived)
    assert no_horizontal_scroll(page)
    assert_accessible(page, f"letter-archive-image-{width}")


def test_public_experience_image_is_seen_by_anonymous_visitors(page, live_server, console_errors):
    author = UserFactory()
    image = core_services.editor_image_create(
        upload=SimpleUploadedFile("chaufferie.png", image_bytes("PNG", (200, 120))),
        alt="La chaufferie bois",
        by=author,
    )
    experience = ExperienceFactory(
        author=author, context=f"Avant ![pisteur](https://pisteur.example/p.png) puis\n\n{image.markdown}"
    )
    page.goto(f"{live_server.url}{experience.get_absolute_url()}")
    shown = page.get_by_role("img", name="La chaufferie bois")
    expect(shown).to_be_visible()
    assert image_loaded(shown)
    assert page.locator("img[src*='pisteur']").count() == 0
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_upload_page_is_accessible(page, live_server, login, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    user = UserFactory(email="page-image@exemple.test")
    login(user)
    page.goto(f"{live_server.url}/fichiers/images/")
    page.locator("input[type=file]").set_input_files(PNG)
    page.get_by_label("Texte alternatif").fill("Vue aérienne du marais")
    page.get_by_role("button", name="Déposer l'image").click()
    page.wait_for_load_state()
    line = page.get_by_label("Ligne à copier dans votre texte")
    expect(line).to_have_value(re.compile(r"^!\[Vue aérienne du marais\]\(/fichiers/"))
    assert image_loaded(page.get_by_role("img", name="Vue aérienne du marais").first)
    assert no_horizontal_scroll(page)
    assert_accessible(page, f"image-upload-page-{width}")


def test_without_javascript_the_upload_page_gives_the_line(nojs_page, live_server):
    user = UserFactory(email="sansjs-image@exemple.test")
    PersonFactory(user=user, email=user.email)
    page = nojs_page
    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/compte/modifier/")
    link = page.get_by_role("link", name="Déposer une image à insérer dans le texte (nouvelle fenêtre)").first
    expect(link).to_be_visible()
    page.goto(f"{live_server.url}{link.get_attribute('href')}")
    page.locator("input[type=file]").set_input_files(PNG)
    page.get_by_role("button", name="Déposer l'image").click()
    expect(page.get_by_text("Décrivez l'image : le texte alternatif est obligatoire.")).to_be_visible()
    page.locator("input[type=file]").set_input_files(PNG)
    page.get_by_label("Texte alternatif").fill("Plan du site")
    page.get_by_role("button", name="Déposer l'image").click()
    expect(page.get_by_label("Ligne à copier dans votre texte")).to_have_value(
        re.compile(r"^!\[Plan du site\]\(/fichiers/core\.editorimage\.file/\d+/\?k=")
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_consultation_organisations_are_searched_on_the_server(
    page, live_server, login, assert_accessible, console_errors, width
):
    page.set_viewport_size({"width": width, "height": 900})
    for n in range(30):
        OrganisationFactory(name=f"Mairie de Villeneuve {n:02d}")
    target = OrganisationFactory(name="Communauté de communes Thiers Dore et Montagne", siren="200071348")
    login(UserFactory(animator=True, email="consult@exemple.test"))
    page.goto(f"{live_server.url}/consultations/nouvelle/")
    combo = page.get_by_role("combobox", name="Organisations invitées")
    combo.click()
    combo.fill("thier")
    option = page.get_by_role(
        "option", name="Communauté de communes Thiers Dore et Montagne (Commune,", exact=False
    )
    expect(option).to_be_visible()
    option.click()
    combo.fill("20007")  # by SIREN: the same one, already chosen
    page.keyboard.press("Escape")
    expect(page.locator(".maillage-multiselect .item")).to_contain_text("Thiers Dore et Montagne")
    selected = page.evaluate(
        "() => Array.from(document.querySelector('select[name=invited_organisations]').selectedOptions)"
        ".map(o => o.value)"
    )
    assert selected == [str(target.pk)]
    # Only the chosen options stay in the page's list; the search brings the others.
    assert page.locator("select[name=invited_organisations] option").count() == 1
    assert no_horizontal_scroll(page)
    assert_accessible(page, f"organisation-picker-{width}")
    assert console_errors == []
