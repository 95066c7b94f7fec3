"""Browser tests of private groups: request, accept, discuss, documents; axe-core on every page."""

import pytest
from playwright.sync_api import expect

from apps.groups.models import Access
from tests.factories import UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_group_pages(page, live_server, login, assert_accessible, console_errors, tmp_path):
    group = GroupFactory(name="Élu·es des territoires pilotes", access=Access.REQUEST)
    animator = GroupMembershipFactory(
        group=group, animator=True, user=UserFactory(first_name="Alice", last_name="Anim")
    ).user
    newcomer = UserFactory(first_name="Nina", last_name="Nouvelle")

    login(newcomer)
    page.goto(f"{live_server.url}/groupes/")
    assert_accessible(page, "groups-list")
    page.get_by_role("link", name="Élu·es des territoires pilotes").click()
    assert_accessible(page, "groups-detail-outsider")
    page.get_by_role("link", name="Demander à rejoindre").click()
    page.get_by_label("Message pour l'animation du groupe (facultatif)").fill("Je suis adjointe à Cergy.")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.get_by_text("Votre demande est en attente")).to_be_visible()

    page.context.clear_cookies()
    login(animator)
    page.goto(f"{live_server.url}/groupes/{group.slug}/membres/")
    assert_accessible(page, "groups-members")
    page.get_by_role("button", name="Accepter").click()
    expect(page.get_by_role("cell", name="Nina Nouvelle")).to_be_visible()

    page.goto(f"{live_server.url}/groupes/{group.slug}/")
    page.get_by_role("link", name="Lancer une discussion").click()
    # A discussion, not the question form.
    page.get_by_label("Sujet").fill("Comment présenter le budget vert au conseil ?")
    page.locator("#id_body").fill("Entre nous : vos conseils ?")
    page.get_by_role("button", name="Lancer la discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comment présenter le budget vert au conseil ?")

    page.goto(f"{live_server.url}/groupes/{group.slug}/")
    expect(page.get_by_role("link", name="Comment présenter le budget vert au conseil ?")).to_be_visible()
    assert_accessible(page, "groups-detail-member")

    page.goto(f"{live_server.url}/groupes/{group.slug}/documents/")
    pdf = tmp_path / "compte-rendu.pdf"
    pdf.write_bytes(b"%PDF-1.4 compte rendu")
    page.get_by_label("Titre du document").fill("Compte rendu du 12 mars")
    page.get_by_label("Fichier").set_input_files(str(pdf))
    page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_role("link", name="Compte rendu du 12 mars")).to_be_visible()
    assert_accessible(page, "groups-documents")
    assert console_errors == []

    # An outsider gets a 404 on the discussion.
    page.context.clear_cookies()
    login(UserFactory())
    from apps.groups.models import Discussion

    response = page.goto(f"{live_server.url}{Discussion.objects.get().get_absolute_url()}")
    assert response.status == 404
