"""Browser tests of consultations, workshops and the synthesis booklet: the main journeys,
and axe-core on every page (zero violations), including the HTML booklet."""

import pytest
from playwright.sync_api import expect

from apps.consultations.models import Booklet, Consultation, Contribution
from tests.consultations.factories import (
    ActionFactory,
    ConsultationFactory,
    ContributionFactory,
)
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def console_errors(page):
    """Console errors of our pages. DSFR's own module (dsfr.module.min.js) sometimes sets a style
    attribute that the strict CSP blocks, intermittently and outside this app's code: those are
    left out (reported to the maintainers of the shared shell); every other error counts."""
    errors = []

    def on_console(msg):
        if msg.type == "error" and "dsfr.module.min.js" not in (msg.location or {}).get("url", ""):
            errors.append(f"{page.url}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture
def roadmap():
    consultation = ConsultationFactory(title="Feuille de route 2027", audience="organisations")
    action = ActionFactory(objective__consultation=consultation, title="Animer la gouvernance", position=1)
    ActionFactory(objective=action.objective, title="Accroître la visibilité", position=2)
    org = OrganisationFactory(name="Ville de Cergy")
    other = OrganisationFactory(name="CC Sauer-Pechelbronn", type="epci")
    consultation.invited_organisations.add(org, other)
    ContributionFactory(
        action=action, organisation=None, is_steering=True, body="Clarifier le rôle de chaque instance."
    )
    ContributionFactory(
        action=action, organisation=other, body="Prévoir l'évaluation des actions et des réseaux régionaux."
    )
    ContributionFactory(
        action=action,
        organisation=None,
        author_label="FNCAUE",
        body="Articulation avec les réseaux régionaux.",
    )
    ContributionFactory(
        action=action,
        organisation=None,
        author_label="Notre Village",
        body="Mieux relier les réseaux régionaux.",
    )
    user = UserFactory(email="membre@exemple.test")
    PersonFactory(user=user, organisation=org)
    return consultation, action, user


def test_member_contributes_and_reads_views(
    page, live_server, login, assert_accessible, console_errors, roadmap
):
    _, _, user = roadmap
    login(user)
    page.goto(f"{live_server.url}/consultations/")
    expect(page.get_by_role("heading", name="Consultations", level=1)).to_be_visible()
    assert_accessible(page, "consultations-index")
    page.get_by_role("link", name="Feuille de route 2027").click()
    expect(page.get_by_role("heading", name="Feuille de route 2027", level=1)).to_be_visible()
    assert_accessible(page, "consultation-detail")
    page.get_by_role("link", name="Action 1 - Animer la gouvernance").click()
    assert_accessible(page, "consultation-action")
    page.get_by_label("Au nom de").select_option(label="Ville de Cergy")
    page.get_by_label("Votre proposition").fill("Organiser des rencontres bilatérales entre membres.")
    page.get_by_role("button", name="Envoyer ma contribution").click()
    expect(page.get_by_text("Votre contribution est enregistrée")).to_be_visible()
    expect(page.get_by_role("heading", name="Ville de Cergy", level=3)).to_be_visible()
    assert Contribution.objects.filter(organisation__name="Ville de Cergy", author_user=user).exists()
    # Edit until the close date.
    page.get_by_role("link", name="Modifier la contribution de Ville de Cergy").click()
    assert_accessible(page, "consultation-contribution-edit")
    page.get_by_label("Proposition").fill("Organiser des rencontres bilatérales et des sous-commissions.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("des sous-commissions.")).to_be_visible()
    page.get_by_role("link", name="Par organisation").first.click()
    expect(page.get_by_role("heading", name="Comité de pilotage (1)")).to_be_visible()
    assert_accessible(page, "consultation-by-organisation")
    assert console_errors == []


def test_animator_progress_moderation_and_booklet(
    page, live_server, login, assert_accessible, console_errors, roadmap
):
    consultation, action, _ = roadmap
    animator = UserFactory(animator=True)
    login(animator)
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/avancement/")
    expect(page.get_by_text("1 organisation sur 2 invitées ont contribué")).to_be_visible()
    assert_accessible(page, "consultation-progress")
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/structure/")
    assert_accessible(page, "consultation-structure")
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/actions/{action.pk}/")
    page.get_by_role("link", name="Masquer la contribution de FNCAUE").click()
    assert_accessible(page, "consultation-moderation")
    page.get_by_role("button", name="Masquer").click()
    expect(page.get_by_text("La contribution est masquée.")).to_be_visible()
    # The booklet: HTML page, curated texts, generation of PDF and ODT.
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/livret/")
    page.get_by_role("button", name="Générer le livret").click()
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    booklet = Booklet.objects.get(consultation=consultation)
    assert booklet.file_status == "ready" and "réseaux régionaux" in booklet.strong_ideas.lower()
    page.get_by_role("link", name="Modifier les textes").click()
    assert_accessible(page, "consultation-booklet-edit")
    page.get_by_label("Prochaines étapes").fill("Restitution lors de la journée annuelle.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Restitution lors de la journée annuelle.")).to_be_visible()
    expect(page.get_by_role("heading", name="Chiffres clés")).to_be_visible()
    expect(page.get_by_role("table", name="Nombre de contributions par action")).to_be_visible()
    assert_accessible(page, "consultation-booklet")
    response = page.request.get(f"{live_server.url}/consultations/{consultation.slug}/livret.pdf")
    assert response.ok and response.body().startswith(b"%PDF")
    assert console_errors == []


def test_group_consultation_created_and_kept_inside_the_group(
    page, live_server, login, assert_accessible, console_errors
):
    from tests.groups.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory(closed=True, name="Groupe des secrétaires de mairie")
    animator = UserFactory(email="animation@exemple.test", animator=True)
    member = UserFactory(email="pair@exemple.test")
    PersonFactory(user=member, organisation=OrganisationFactory(name="Commune de Vauréal"))
    GroupMembershipFactory(group=group, user=member, animator=True)
    outsider = UserFactory(email="dehors@exemple.test")
    PersonFactory(user=outsider, organisation=OrganisationFactory(name="Commune d'ailleurs"))

    login(animator)
    page.goto(f"{live_server.url}/consultations/nouvelle/")
    page.get_by_label("Titre").fill("Feuille de route confidentielle des secrétaires")
    page.get_by_label("Ouverture le").fill("2020-01-01")
    page.get_by_label("Clôture le").fill("2099-12-31")
    page.get_by_label("Public invité").select_option(label="Un groupe de pairs")
    page.get_by_label("Publiée").check(force=True)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Choisissez le groupe de pairs invité.")).to_be_visible()
    assert_accessible(page, "consultation-form-group-error")
    page.get_by_label("Groupe de pairs").select_option(label="Groupe des secrétaires de mairie")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La consultation est créée")).to_be_visible()
    consultation = Consultation.objects.get(group=group)
    ActionFactory(objective__consultation=consultation, title="Mutualiser les remplacements")

    page.context.clear_cookies()
    login(member)
    page.goto(f"{live_server.url}/consultations/")
    page.get_by_role("link", name="Feuille de route confidentielle des secrétaires").click()
    expect(page.get_by_text("le groupe de pairs « Groupe des secrétaires de mairie »")).to_be_visible()
    assert_accessible(page, "consultation-group-detail")
    page.goto(f"{live_server.url}/consultations/{consultation.slug}/avancement/")
    expect(page.get_by_text("Commune de Vauréal")).to_be_visible()
    assert_accessible(page, "consultation-group-progress")

    page.context.clear_cookies()
    login(outsider)
    page.goto(f"{live_server.url}/consultations/")
    expect(page.get_by_role("heading", name="Consultations", level=1)).to_be_visible()
    assert "confidentielle" not in page.content()
    assert console_errors == []
    response = page.goto(f"{live_server.url}/consultations/{consultation.slug}/")
    assert response.status == 404
    assert "confidentielle" not in page.content()
    # The browser logs the expected 404 itself, and nothing else.
    assert len(console_errors) == 1 and "404" in console_errors[0]
