"""The shared pieces of apps/core in a real browser: the confirmation page, the pagination and
a private image served by the permission-checked file view, at 390 and 1,280 px."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from apps.aids.models import Aid
from apps.experiences.models import ExperienceAttachment
from apps.experiences.services import attachment_add
from tests.aids.factories import AidFactory
from tests.browser.helpers import image_natural_width
from tests.experiences.factories import ExperienceFactory
from tests.factories import UserFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = [390, 1280]


def assert_no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_confirmation_page(page, live_server, login, assert_accessible, console_errors, width):
    page.set_viewport_size({"width": width, "height": 900})
    aid = AidFactory(title="Fonds pour la rénovation des écoles")
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/aides/{aid.slug}/supprimer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supprimer « {aid.title} »")
    assert_no_horizontal_scroll(page)
    assert_accessible(page, f"core-confirm-{width}")
    # Without the box: nothing happens, and the page says why.
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text("Cochez la case pour confirmer.")).to_be_visible()
    assert Aid.objects.filter(pk=aid.pk).exists()
    page.get_by_label("Je confirme la suppression").check(force=True)
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.get_by_text(f"L'aide « {aid.title} » a été supprimée.")).to_be_visible()
    assert not Aid.objects.filter(pk=aid.pk).exists()
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_pagination(page, live_server, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    for number in range(130):
        AidFactory(title=f"Aide numéro {number:03d}")
    page.goto(f"{live_server.url}/aides/?page=4")
    nav = page.get_by_role("navigation", name="Pagination")
    expect(nav.locator("[aria-current=page]")).to_have_text("4")
    assert_no_horizontal_scroll(page)
    assert_accessible(page, f"core-pagination-{width}")
    nav.get_by_role("link", name="Page suivante").click()
    expect(page.get_by_role("navigation", name="Pagination").locator("[aria-current=page]")).to_have_text("5")
    assert "page=5" in page.url


def test_private_image_is_shown_to_readers_only(page, live_server, login):
    experience = ExperienceFactory(draft=True)
    attachment_add(
        experience=experience,
        uploaded=SimpleUploadedFile("chantier.png", image_bytes("PNG", (40, 30))),
        title="Le chantier",
        alt="L'école pendant les travaux",
        kind=ExperienceAttachment.Kind.IMAGE,
        by=experience.author,
    )
    url = experience.attachments.get().file.url
    login(experience.author)
    page.goto(f"{live_server.url}{experience.get_absolute_url()}")
    image = page.get_by_role("img", name="L'école pendant les travaux")
    expect(image).to_be_visible()
    assert image_natural_width(image) == 40
    assert image.get_attribute("src").startswith("/fichiers/experiences.experienceattachment.file/")
    # Another member neither sees the draft nor gets its file.
    page.context.clear_cookies()
    login(UserFactory())
    assert page.request.get(f"{live_server.url}{url}").status == 404
