"""Browser tests of issue 19 (the people behind the content): every page changed, axe-core zero
violations and no horizontal scrolling at 390 and 1,280 px."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from apps.questions import services as question_services
from apps.search.services import search_reindex
from tests.browser.helpers import check_widths, image_natural_width
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, image_bytes
from tests.questions.factories import AnswerFactory, ExpertiseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def check(page, assert_accessible, name):
    """Both widths: axe-core, no horizontal scrolling, a screenshot for each."""
    check_widths(page, assert_accessible, f"people-{name}")


@pytest.fixture
def people(db, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    org = OrganisationFactory(name="Communauté de communes du Pays de Faverges")
    asker = PersonFactory(
        with_user=True, first_name="Léa", last_name="Posant", organisation=org, function="Adjointe au maire"
    )
    helper = PersonFactory(with_user=True, first_name="Hugo", last_name="Aidant", organisation=org)
    helper.photo.save("hugo.png", ContentFile(image_bytes(size=(60, 60))), save=True)
    for _ in range(3):
        ExpertiseFactory(theme=mobility)
    return {"asker": asker.user, "helper": helper.user, "org": org, "mobility": mobility}


def test_questions_list_and_detail(page, live_server, login, assert_accessible, console_errors, people):
    question = question_services.question_create(
        author=people["asker"],
        title="Un service de transport à la demande en zone rurale ?",
        body="Nous cherchons des **retours** de communes de moins de 3 000 habitants.",
        themes=[people["mobility"]],
    )
    answer = AnswerFactory(
        question=question, author=people["helper"], body="Nous l'avons fait avec la région."
    )
    question_services.answer_accept(answer=answer, by=people["asker"])
    search_reindex()
    login(people["asker"])
    page.goto(f"{live_server.url}/questions/?q=transport")
    expect(
        page.get_by_role("link", name="Un service de transport à la demande en zone rurale ?")
    ).to_be_visible()
    expect(page.get_by_text("Communauté de communes du Pays de Faverges").first).to_be_visible()
    check(page, assert_accessible, "questions-list")
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    expect(page.get_by_text("3 expert·es de la thématique Mobilité ont été sollicité·es.")).to_be_visible()
    expect(page.get_by_role("link", name="Hugo Aidant").first).to_be_visible()
    # The photo is served by the permission-checked file view.
    expect(page.locator("img.person-chip__avatar").first).to_have_js_property("complete", True)
    assert image_natural_width(page.locator("img.person-chip__avatar").first) == 60
    check(page, assert_accessible, "questions-detail")
    assert console_errors == []


def test_group_discussion(page, live_server, login, assert_accessible, console_errors, people):
    from tests.groups.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory(name="Élu·es des petites villes")
    group.themes.set([people["mobility"]])
    for user in (people["asker"], people["helper"]):
        GroupMembershipFactory(group=group, user=user)
    login(people["asker"])
    page.goto(f"{live_server.url}{group.get_absolute_url()}")
    page.get_by_role("link", name="Lancer une discussion").click()
    check(page, assert_accessible, "discussion-form")
    page.get_by_label("Sujet").fill("Covoiturage vers le marché du samedi")
    page.locator("#id_body").fill("Qui a essayé ? @Hugo Aidant, tu avais un retour ?")
    page.get_by_role("button", name="Lancer la discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Covoiturage vers le marché du samedi")
    page.get_by_text("Répondre à ce message").click()
    page.get_by_label("Votre réponse").fill("Une première réponse dans le fil.")
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_text("Une première réponse dans le fil.")).to_be_visible()
    check(page, assert_accessible, "discussion-detail")
    page.goto(f"{live_server.url}{group.get_absolute_url()}")
    expect(page.get_by_text("2 messages")).to_be_visible()
    check(page, assert_accessible, "group-detail")
    page.goto(f"{live_server.url}{group.discussions.get().get_absolute_url()}")
    page.get_by_role("link", name="Poser comme question au réseau").click()
    check(page, assert_accessible, "discussion-to-question")
    assert console_errors == []


def test_experience_detail_and_ask(page, live_server, login, assert_accessible, console_errors, people):
    from apps.experiences.models import ExperienceAttachment
    from tests.experiences.factories import ExperienceFactory

    experience = ExperienceFactory(
        author=people["asker"],
        title="Une légumerie intercommunale pour les cantines",
        budget="À compléter.",
        contacts="Service restauration : 04 00 00 00 00.",
        organisations=[people["org"]],
        themes=[people["mobility"]],
    )
    experience.people.set([people["helper"].person])
    for n in range(3):
        ExperienceAttachment.objects.create(
            experience=experience,
            file=ContentFile(image_bytes(size=(80, 60)), name=f"photo{n}.png"),
            original_name=f"photo{n}.png",
            title=f"La légumerie, vue {n + 1}",
            alt=f"Salle de préparation des légumes, vue {n + 1}",
            kind=ExperienceAttachment.Kind.IMAGE,
            size=100,
        )
    page.goto(f"{live_server.url}{experience.get_absolute_url()}")
    expect(page.get_by_text("À compléter")).to_have_count(0)
    expect(page.get_by_role("link", name="Hugo Aidant")).to_be_visible()
    check(page, assert_accessible, "experience-detail-visitor")
    login(people["helper"])
    page.goto(f"{live_server.url}{experience.get_absolute_url()}")
    expect(page.locator(".experience-gallery img").first).to_have_js_property("naturalWidth", 80)
    page.get_by_role("link", name="Poser une question sur ce retour").click()
    expect(page.get_by_text("Votre question sera liée au retour d'expérience")).to_be_visible()
    check(page, assert_accessible, "question-form-from-experience")
    assert console_errors == []


def test_event_place_and_agenda_for_visitors(page, live_server, assert_accessible, console_errors, people):
    from tests.events.factories import EventFactory
    from tests.factories import CommuneFactory

    event = EventFactory(
        title="Rencontre régionale des communes rurales",
        summary="Une journée pour partager nos retours.",
        description="Une journée pour partager nos retours. Au programme : visites et ateliers.",
        place_name="Salle des fêtes",
        address="12 place de la Mairie, 74210 Faverges-Seythenex",
        territory=CommuneFactory(name="Faverges-Seythenex"),
        latitude=45.7485,
        longitude=6.2936,
        online_url="",
    )
    event.speakers.set([people["helper"].person])
    EventFactory(members_only=True)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_role("link", name="Itinéraire (OpenStreetMap)")).to_have_attribute(
        "href", "https://www.openstreetmap.org/directions?route=%3B45.748500%2C6.293600"
    )
    expect(page.get_by_role("link", name="Hugo Aidant")).to_be_visible()
    check(page, assert_accessible, "event-detail")
    page.goto(f"{live_server.url}/agenda/")
    expect(page.get_by_text("1 autre événement à venir est réservé aux membres du réseau")).to_be_visible()
    check(page, assert_accessible, "agenda-visitor")
    # Leaflet may log a tile error offline; nothing else.
    assert [e for e in console_errors if "tile" not in e.lower()] == []


def test_profile_avatar_and_organisations(
    page, live_server, login, assert_accessible, console_errors, people
):
    login(people["helper"])
    page.goto(f"{live_server.url}/compte/")
    expect(page.get_by_role("link", name="Communauté de communes du Pays de Faverges")).to_be_visible()
    expect(page.get_by_role("img", name="Ma photo")).to_be_visible()
    check(page, assert_accessible, "profile")
    assert console_errors == []
