"""Browser test of the "Suivre" button on the pages of an organisation, a person, the themes and a
territory: with htmx (the button changes in place, focus kept) and without JavaScript (the form
posts and comes back to the page); axe-core zero violations, no horizontal scrolling."""

import pytest
from playwright.sync_api import expect

from apps.mailing.models import SubjectFollow
from tests.browser.helpers import check_widths, log_in
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def check_page(page, assert_accessible, name):
    check_widths(page, assert_accessible, f"follow-{name}")


def test_member_follows_from_each_page_and_unfollows(
    page, live_server, assert_accessible, console_errors, login
):
    member = UserFactory(email="lou@exemple.test")
    organisation = OrganisationFactory(name="Communauté de communes Thiers Dore et Montagne")
    person = PersonFactory(first_name="Camille", last_name="Martin-Delacroix", user=UserFactory())
    theme = ThemeFactory(name="Mobilité et déplacements du quotidien")
    ThemeFactory(name="Sobriété énergétique")
    commune = CommuneFactory(name="Saint-Rémy-sur-Durolle")
    login(member)

    pages = [
        ("organisation", organisation.get_absolute_url(), organisation.name),
        ("person", f"/annuaire/personnes/{person.slug}/", str(person)),
        ("theme", "/thematiques/", theme.name),
        ("territory", commune.get_absolute_url(), str(commune)),
    ]
    for name, url, label in pages:
        page.goto(f"{live_server.url}{url}")
        follow = page.get_by_role("button", name=f"Suivre « {label} »", exact=True)
        check_page(page, assert_accessible, f"{name}-before")
        follow.click()
        unfollow = page.get_by_role("button", name=f"Ne plus suivre « {label} »")
        expect(unfollow).to_be_visible()
        # htmx swapped the button in place: still on the same page, focus on the new button.
        assert page.url == f"{live_server.url}{url}"
        expect(unfollow).to_be_focused()
        check_page(page, assert_accessible, f"{name}-after")
    assert SubjectFollow.objects.filter(user=member).count() == 4

    page.goto(f"{live_server.url}/suivis/")
    for _, _, label in pages:
        expect(page.locator("main li").filter(has_text=label)).to_be_visible()
    check_page(page, assert_accessible, "list")

    page.goto(f"{live_server.url}{organisation.get_absolute_url()}")
    page.get_by_role("button", name=f"Ne plus suivre « {organisation.name} »").click()
    expect(page.get_by_role("button", name=f"Suivre « {organisation.name} »", exact=True)).to_be_visible()
    assert SubjectFollow.objects.filter(user=member).count() == 3
    assert not console_errors


def test_follow_button_works_without_javascript(nojs_page, live_server):
    member = UserFactory(email="sans-js@exemple.test")
    organisation = OrganisationFactory(name="Syndicat mixte du Livradois")
    page = nojs_page
    log_in(page, live_server.url, member)
    page.goto(f"{live_server.url}{organisation.get_absolute_url()}")
    page.get_by_role("button", name=f"Suivre « {organisation.name} »", exact=True).click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}{organisation.get_absolute_url()}"
    expect(page.get_by_text(f"Vous suivez « {organisation.name} »")).to_be_visible()
    expect(page.get_by_role("button", name=f"Ne plus suivre « {organisation.name} »")).to_be_visible()
    assert SubjectFollow.objects.filter(user=member, kind="organisation", object_id=organisation.pk).exists()
