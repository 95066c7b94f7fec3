"""Home page for visitors and members, "Mon espace", the newcomer's way to their organisation, and
the login wall of members-only sections."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.directory.models import JoinRequest
from apps.events.models import Audience as EventAudience
from apps.experiences.models import Audience as ExperienceAudience
from apps.portal import selectors
from tests.aids.factories import SavedSearchFactory
from tests.directory.factories import JoinRequestFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.groups.factories import GroupFactory, GroupMembershipFactory
from tests.questions.factories import QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def member(**person_kwargs):
    person = PersonFactory(with_user=True, **person_kwargs)
    return person.user


# --------------------------------------------------------------------------- home


def test_visitors_see_what_the_network_is_its_agenda_its_experiences_and_resources(client):
    EventFactory(title="Webinaire ouvert à toutes et tous")
    EventFactory(title="Réunion réservée aux membres", members_only=True)
    EventFactory(title="Webinaire passé", past=True)
    ExperienceFactory(title="Une cantine 100 % locale")
    ExperienceFactory(title="Retour réservé aux membres", audience=ExperienceAudience.MEMBERS)
    ExperienceFactory(title="Brouillon pas encore publié", draft=True)
    ResourceFactory(title="Guide de la rénovation énergétique")
    ResourceFactory(title="Suggestion en attente", suggested=True)
    text = client.get("/").text
    for visible in (
        "Webinaire ouvert à toutes et tous",
        "Une cantine 100 % locale",
        "Guide de la rénovation énergétique",
        "Le réseau en chiffres",
        "Créer un compte",
        "Faire adhérer mon organisation",
    ):
        assert visible in text, visible
    for hidden in (
        "Réunion réservée aux membres",
        "Webinaire passé",
        "Retour réservé aux membres",
        "Brouillon pas encore publié",
        "Suggestion en attente",
    ):
        assert hidden not in text, hidden


def test_members_see_members_only_events_on_home_and_a_way_to_their_space(client):
    EventFactory(title="Réunion réservée aux membres", members_only=True)
    client.force_login(member())
    text = client.get("/").text
    assert "Réunion réservée aux membres" in text
    assert 'href="/mon-espace/"' in text


def test_home_page_query_count_is_bounded(client, django_assert_max_num_queries):
    for _ in range(5):
        EventFactory()
        ExperienceFactory()
        ResourceFactory()
    client.get("/")
    with django_assert_max_num_queries(8):
        client.get("/")


# --------------------------------------------------------------------------- Mon espace


def test_members_land_on_their_space_after_login(client):
    user = UserFactory(email="claire@exemple.fr")
    response = client.post(
        reverse("accounts:login"), {"username": "claire@exemple.fr", "password": "motdepasse-solide-42"}
    )
    assert response.url == "/mon-espace/"
    assert user.pk == int(client.session["_auth_user_id"])


def test_my_space_shows_what_concerns_the_member(client):
    organisation = OrganisationFactory(name="Communauté de communes du Grand Autunois")
    user = member(organisation=organisation)
    pending = JoinRequestFactory(requested_by=user, membership=True)
    event = EventFactory(title="Journée des élu·es")
    RegistrationFactory(event=event, user=user)
    ExperienceFactory(author=user, title="Notre plan vélo", draft=True)
    ResourceFactory(suggested_by=user, owner=user, title="Notre guide", suggested=True)
    QuestionFactory(author=user, title="Qui a monté un PAT ?")
    SavedSearchFactory(user=user, name="Rénovation des écoles")
    group = GroupFactory(name="Élu·es ruraux")
    GroupMembershipFactory(group=group, user=user)
    GroupMembershipFactory(group=GroupFactory(name="Groupe sur demande"), user=user, pending=True)
    client.force_login(user)
    response = client.get("/mon-espace/")
    assert response.status_code == 200
    text = response.text
    for expected in (
        "Communauté de communes du Grand Autunois",
        pending.organisation.name,
        "Journée des élu·es",
        "Notre plan vélo",
        "Notre guide",
        "Qui a monté un PAT ?",
        "Rénovation des écoles",
        "Élu·es ruraux",
        "Groupe sur demande",
    ):
        assert expected in text, expected
    assert "Rattachez-vous à votre organisation" not in text


def test_my_space_leads_a_member_without_organisation_to_find_it(client):
    client.force_login(UserFactory())
    text = client.get("/mon-espace/").text
    assert "Rattachez-vous à votre organisation" in text
    assert 'href="/mon-espace/mon-organisation/"' in text


def test_referents_see_the_requests_to_decide(client):
    organisation = OrganisationFactory()
    referent = member(organisation=organisation, organisation__referent=True)
    requester = UserFactory(first_name="Inès", last_name="Requérante")
    JoinRequestFactory(requested_by=requester, membership=True, organisation=organisation)
    client.force_login(referent)
    text = client.get("/mon-espace/").text
    assert "Demandes de rattachement à traiter" in text
    assert "Inès Requérante" in text


def test_my_space_is_for_members(client):
    response = client.get("/mon-espace/")
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/?next=")


def test_my_space_query_count_is_bounded(client, django_assert_max_num_queries):
    user = member(organisation=OrganisationFactory())
    for _ in range(5):
        RegistrationFactory(user=user)
        QuestionFactory(author=user)
        ExperienceFactory()
    client.force_login(user)
    client.get("/mon-espace/")
    with django_assert_max_num_queries(32):
        client.get("/mon-espace/")


# --------------------------------------------------------------------------- activity feed


def test_feed_is_filtered_by_the_member_s_themes_and_territory(client):
    energy, food = (
        ThemeFactory(name="Chaleur renouvelable (essai)"),
        ThemeFactory(name="Circuits courts (essai)"),
    )
    here = DepartementFactory(name="Hérault")
    elsewhere = DepartementFactory(name="Nord")
    commune_here = CommuneFactory(epci__departement=here, epci__region=here.region)
    organisation = OrganisationFactory(territory=commune_here)
    user = member(organisation=organisation)
    user.person.themes.set([energy])
    ExperienceFactory(title="Chaufferie bois", themes=[energy])
    ExperienceFactory(title="Légumerie du Nord", themes=[food], territory=elsewhere)
    ExperienceFactory(title="Cantine de l'Hérault", themes=[food], territory=commune_here)
    QuestionFactory(title="Question sur l'énergie", themes=[energy])
    QuestionFactory(title="Question dans un groupe", themes=[energy], group=GroupFactory())
    EventFactory(title="Atelier réseau de chaleur", themes=[energy])
    EventFactory(
        title="Réunion d'un groupe privé",
        themes=[energy],
        audience=EventAudience.GROUP,
        audience_group=GroupFactory(),
    )
    client.force_login(user)
    titles = {item.title for item in selectors.activity_feed(user)[0]}
    assert titles == {
        "Chaufferie bois",
        "Cantine de l'Hérault",
        "Question sur l'énergie",
        "Atelier réseau de chaleur",
    }
    everything = {item.title for item in selectors.activity_feed(user, everything=True)[0]}
    assert "Légumerie du Nord" in everything
    assert "Question dans un groupe" not in everything and "Réunion d'un groupe privé" not in everything
    page = client.get("/mon-espace/activite/?tout=1").text
    assert "Légumerie du Nord" in page


def test_feed_without_interests_shows_the_whole_network_and_says_how_to_filter(client):
    ExperienceFactory(title="Chaufferie bois")
    user = UserFactory()
    client.force_login(user)
    text = client.get("/mon-espace/").text
    assert "Chaufferie bois" in text
    assert "Ajoutez vos thématiques" in text


def test_feed_leaves_old_items_out():
    old = ExperienceFactory(title="Très ancien")
    type(old).objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=200))
    assert not selectors.activity_feed(UserFactory())[0]


# --------------------------------------------------------------------------- finding one's organisation


def test_newcomer_finds_their_organisation_by_name_siren_or_commune(client):
    commune = CommuneFactory(name="Autun", code="71014")
    town = OrganisationFactory(name="Ville d'Autun", territory=commune, siren="217100148")
    association = OrganisationFactory(name="CPIE Pays de Bourgogne", territory=commune, association=True)
    OrganisationFactory(name="Ville de Mâcon")
    pending = OrganisationFactory(name="Association en attente d'Autun", pending=True, territory=commune)
    user = UserFactory()
    client.force_login(user)
    by_name = client.get("/mon-espace/mon-organisation/", {"nom": "autun"}).context["results"]
    assert {r["organisation"] for r in by_name} == {town, pending}
    by_siren = client.get("/mon-espace/mon-organisation/", {"siren": "217 100 148"}).context["results"]
    assert [r["organisation"] for r in by_siren] == [town]
    by_commune = client.get("/mon-espace/mon-organisation/", {"commune": "71014"}).context["results"]
    assert {r["organisation"] for r in by_commune} == {town, association, pending}
    page = client.get("/mon-espace/mon-organisation/", {"nom": "autun"})
    assert f'href="/annuaire/organisations/{town.slug}/rejoindre/"' in page.text
    assert f'href="/annuaire/organisations/{pending.slug}/rejoindre/"' not in page.text
    assert "Adhésion au réseau en cours d'examen" in page.text
    assert "Faire adhérer mon organisation" in page.text


def test_finder_says_what_is_already_done(client):
    organisation = OrganisationFactory(name="Ville d'Autun")
    asked = OrganisationFactory(name="Communauté d'Autun")
    user = member(organisation=organisation)
    JoinRequest.objects.create(organisation=asked, requested_by=user, kind=JoinRequest.Kind.MEMBERSHIP)
    client.force_login(user)
    results = {
        r["organisation"]: r
        for r in client.get("/mon-espace/mon-organisation/", {"nom": "autun"}).context["results"]
    }
    assert results[organisation]["mine"] and not results[organisation]["can_request"]
    assert results[asked]["asked"] and not results[asked]["can_request"]


def test_finder_errors_are_french(client):
    client.force_login(UserFactory())
    text = client.get("/mon-espace/mon-organisation/", {"siren": "123"}).text
    assert "Le SIREN doit comporter exactement 9 chiffres." in text
    text = client.get("/mon-espace/mon-organisation/", {"nom": "", "siren": ""}).text
    assert "Indiquez au moins le nom, le numéro SIREN ou la commune de votre organisation." in text
    text = client.get("/mon-espace/mon-organisation/", {"commune": "Nulle-Part-sur-Mer"}).text
    assert "Aucun territoire ne correspond" in text


# --------------------------------------------------------------------------- login wall


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/questions/", "Questions au réseau"),
        ("/groupes/", "Groupes"),
        ("/mon-espace/", "Mon espace"),
        ("/notifications/", "Mes notifications"),
    ],
)
def test_members_only_sections_say_so_and_how_to_join(client, path, section):
    response = client.get(path, follow=True)
    text = response.text
    assert response.redirect_chain[-1][0].startswith("/compte/connexion/?next=")
    assert f"« {section} » est réservé aux membres du réseau" in text
    assert 'href="/compte/inscription/"' in text
    assert 'href="/annuaire/adhesion/"' in text


def test_the_plain_login_page_has_no_wall(client):
    assert "réservé aux membres" not in client.get("/compte/connexion/").text
