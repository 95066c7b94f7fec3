"""Browser tests of the mises en relation: « Qui me ressemble », mentoring, table plans of an event.
axe-core with zero violations and no horizontal scrolling, at 1,280 and 390 px, on every page."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from apps.mentoring.models import MentorProfile
from tests.browser.helpers import horizontal_overflow
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def check(assert_accessible):
    """axe and no horizontal scroll, wide then narrow; screenshots named after the page."""

    def run(page, name):
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(150)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                wide = page.evaluate(
                    "[...document.querySelectorAll('body *')].filter(e => !e.closest('table') &&"
                    " e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 12).map(e => e.tagName +"
                    " '.' + e.className + ':' + Math.round(e.getBoundingClientRect().left) + '-' +"
                    " Math.round(e.getBoundingClientRect().right))"
                )
                raise AssertionError(f"{name}: {overflow}px de défilement horizontal à {width}px : {wide}")
            assert_accessible(page, f"{name}-{width}")
        page.set_viewport_size({"width": 1280, "height": 900})

    return run


@pytest.fixture
def territory():
    departement = DepartementFactory(name="Haute-Savoie", code="74")
    epci = EpciFactory(
        departement=departement, region=departement.region, name="CC des Sources du Lac d'Annecy"
    )

    def commune(name, population, lat, lon):
        return CommuneFactory(name=name, population=population, latitude=lat, longitude=lon, epci=epci)

    return commune


def test_similar_organisations(page, live_server, check, console_errors, territory):
    food = ThemeFactory(name="Alimentation et agriculture")
    energy = ThemeFactory(name="Énergie")
    faverges = OrganisationFactory(
        name="Commune de Faverges-Seythenex",
        territory=territory("Faverges-Seythenex", 7_800, 45.75, 6.29),
        themes=[energy],
    )
    faverges.need_themes.set([food])
    rumilly = OrganisationFactory(
        name="Commune de Rumilly", territory=territory("Rumilly", 16_000, 45.86, 5.94)
    )
    ExperienceFactory(title="Une cantine 100 % locale", organisations=[rumilly], themes=[food], indexed=False)
    thones = OrganisationFactory(
        name="Commune de Thônes", territory=territory("Thônes", 6_900, 45.88, 6.32), themes=[energy]
    )
    PersonFactory(first_name="Lise", last_name="Listée", organisation=thones)
    for i in range(3):
        OrganisationFactory(
            name=f"Commune voisine {i}", territory=territory(f"Voisine {i}", 900 + i, 45.8, 6.2)
        )

    page.goto(f"{live_server.url}{faverges.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Qui lui ressemble")).to_be_visible()
    page.get_by_role(
        "link", name="Toutes les organisations qui ressemblent à Commune de Faverges-Seythenex, et pourquoi"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui ressemble à Commune de Faverges-Seythenex")
    results = page.locator("#similar-results")
    expect(results.get_by_role("heading", level=3).first).to_contain_text("Commune de Rumilly")
    expect(results).to_contain_text("retour d'expérience publié sur Alimentation et agriculture")
    check(page, "similar-page")
    page.get_by_label("De la même taille").check(force=True)
    page.get_by_role("button", name="Filtrer").click()
    expect(results).not_to_contain_text("Commune de Rumilly")
    expect(results).to_contain_text("Commune de Thônes")
    assert "meme_taille=on" in page.url
    check(page, "similar-filtered")
    assert console_errors == []


def test_similar_block_in_my_space(page, live_server, check, console_errors, login, territory):
    """« Mon espace » shows, for the member's organisation, the first organisations like it."""
    energy = ThemeFactory(name="Énergie")
    faverges = OrganisationFactory(
        name="Commune de Faverges-Seythenex",
        territory=territory("Faverges-Seythenex", 7_800, 45.75, 6.29),
        themes=[energy],
    )
    OrganisationFactory(
        name="Commune de Thônes", territory=territory("Thônes", 6_900, 45.88, 6.32), themes=[energy]
    )
    user = UserFactory(email="membre.faverges@exemple.test")
    MembershipFactory(person=PersonFactory(user=user), organisation=faverges)
    login(user)
    page.goto(f"{live_server.url}/mon-espace/")
    block = page.locator(
        "section", has=page.get_by_role("heading", name="Qui ressemble à Commune de Faverges-Seythenex")
    )
    expect(block).to_contain_text("Commune de Thônes")
    expect(
        block.get_by_role(
            "link",
            name="Toutes les organisations qui ressemblent à Commune de Faverges-Seythenex, et pourquoi",
        )
    ).to_be_visible()
    check(page, "my-space-similar")
    assert console_errors == []


def test_mentoring_request_answer_and_coordination(
    page, live_server, login, check, console_errors, territory
):
    energy = ThemeFactory(name="Énergie")
    home = OrganisationFactory(
        name="Commune de Faverges", territory=territory("Faverges", 7_800, 45.75, 6.29)
    )
    mentee = UserFactory(first_name="Gaëlle", last_name="Villard")
    MembershipFactory(
        person=PersonFactory(user=mentee, first_name="Gaëlle", last_name="Villard"), organisation=home
    )
    mentor_org = OrganisationFactory(
        name="Commune de Thônes", territory=territory("Thônes", 6_900, 45.88, 6.32)
    )
    mentor = UserFactory(first_name="Pierre", last_name="Pionnier")
    MembershipFactory(
        person=PersonFactory(user=mentor, first_name="Pierre", last_name="Pionnier"), organisation=mentor_org
    )
    profile = MentorProfile.objects.create(
        user=mentor, capacity=2, offer="Nous avons monté une **boucle locale**."
    )
    profile.themes.set([energy])

    login(mentee)
    page.goto(f"{live_server.url}/parrainages/")
    check(page, "mentoring-index")
    page.get_by_role("link", name="Demander un parrainage").first.click()
    page.get_by_label("Sur quelle thématique ?").select_option(label="Énergie")
    page.get_by_label("Ce que vous souhaitez apprendre").fill("Monter une boucle locale d'autoconsommation.")
    page.get_by_role("button", name="Voir les personnes proposées").click()
    expect(page.get_by_role("heading", name="Pierre Pionnier")).to_be_visible()
    expect(page.get_by_text("organisation comparable à la vôtre")).to_be_visible()
    check(page, "mentoring-candidates")
    page.get_by_role("button", name="Demander à Pierre Pionnier").click()
    expect(page.get_by_text("Votre demande est envoyée")).to_be_visible()
    check(page, "mentoring-requested")

    page.context.clear_cookies()
    login(mentor)
    page.goto(f"{live_server.url}/parrainages/")
    page.get_by_role("link", name="Énergie").click()
    page.get_by_label("Un mot pour la personne (facultatif)").fill("Avec plaisir !")
    check(page, "mentoring-answer")
    page.get_by_role("button", name="J'accepte d'accompagner").click()
    expect(page.get_by_text("Un courriel vous présente l'un·e à l'autre")).to_be_visible()
    expect(page.get_by_role("link", name=mentee.email)).to_be_visible()
    page.get_by_role("link", name="Terminer le parrainage").click()
    check(page, "mentoring-close")
    page.goto(f"{live_server.url}/parrainages/proposer/")
    check(page, "mentoring-offer")

    page.context.clear_cookies()
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/parrainages/suivi/")
    expect(page.get_by_role("rowheader", name="Énergie")).to_be_visible()
    check(page, "mentoring-coordination")
    assert console_errors == []


def test_table_plans_of_an_event(page, live_server, login, check, console_errors):
    animator = UserFactory(animator=True)
    event = EventFactory(
        title="Journée de rencontre du réseau",
        kind="meeting",
        online_url="",
        place_name="Salle des fêtes",
        start=datetime(2027, 4, 28, 9, 30, tzinfo=PARIS),
        end=datetime(2027, 4, 28, 17, 30, tzinfo=PARIS),
    )
    categories = ["elected", "staff", "partner", "state", "other"]
    users = []
    for i in range(18):
        user = UserFactory(first_name=f"Prénom{i}", last_name=f"Nom{i}")
        organisation = OrganisationFactory(name=f"Collectivité {i % 12}") if i < 12 else None
        person = PersonFactory(
            user=user, first_name=f"Prénom{i}", last_name=f"Nom{i}", category=categories[i % 5]
        )
        if organisation is not None:
            MembershipFactory(person=person, organisation=organisation)
        RegistrationFactory(event=event, user=user)
        users.append(user)

    login(animator)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("link", name="Speed dating, world café : plans de tables").click()
    check(page, "rotations-list")
    page.get_by_role("link", name="Nouveau speed dating").click()
    page.get_by_label("Nombre de tables").fill("5")
    page.get_by_label("Places par table").fill("4")
    page.get_by_label("Nombre de tours").fill("3")
    check(page, "rotations-form")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("18 inscrit·es de l'événement")).to_be_visible()
    check(page, "rotations-participants")
    page.get_by_role("link", name="Importer une liste").click()
    check(page, "rotations-import")
    page.go_back()
    page.get_by_role("link", name="recalculez le plan").click()
    page.get_by_role("button", name="Calculer le plan").click()
    expect(page.get_by_text("Plan calculé en")).to_be_visible()
    expect(page.get_by_role("heading", name="Qualité du plan")).to_be_visible()
    check(page, "rotations-detail")
    page.get_by_role(
        "button", name="Montrer à chaque participant·e son itinéraire sur la page de l'événement"
    ).click()
    expect(page.get_by_text("voit maintenant son itinéraire")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Itinéraires, une page par personne (PDF)").click()
    assert download.value.suggested_filename.endswith("-itineraires.pdf")

    page.context.clear_cookies()
    login(users[0])
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Votre itinéraire — Speed dating")).to_be_visible()
    check(page, "rotations-event-itinerary")
    assert console_errors == []
