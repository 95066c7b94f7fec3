"""Questions show the people behind them: list with themes, answers, organisation; search and filters;
plain routing wording for the asker; the accepted answer highlighted with its author."""

import pytest

from apps.questions import services
from apps.questions.models import Solicitation
from apps.search.services import search_reindex
from tests.factories import (
    DepartementFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.questions.factories import AnswerFactory, ExpertiseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_list_shows_themes_answers_and_asker_organisation(client):
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    org = OrganisationFactory(name="Mairie de Vimy")
    asker = PersonFactory(with_user=True, first_name="Léa", last_name="Posant", organisation=org).user
    question = QuestionFactory(author=asker, themes=[theme], title="Un covoiturage rural qui marche ?")
    AnswerFactory(question=question)
    question.answer_count = 1
    question.save()
    client.force_login(UserFactory())
    html = client.get("/questions/").content.decode()
    assert "Mobilité" in html
    assert "1 réponse" in html
    assert "Mairie de Vimy" in html
    assert f'href="{asker.person.get_absolute_url()}"' in html
    assert "dernière activité le" in html


def test_list_query_count_does_not_grow_with_questions(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    theme = ThemeFactory()
    for _ in range(3):
        QuestionFactory(author=PersonFactory(with_user=True, organisation=org).user, themes=[theme])
    client.force_login(UserFactory())
    with django_assert_max_num_queries(40) as few:
        client.get("/questions/")
    for _ in range(10):
        QuestionFactory(author=PersonFactory(with_user=True, organisation=org).user, themes=[theme])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/questions/")


def test_text_search_theme_and_territory_filters(client):
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    energy = ThemeFactory(name="Énergie", slug="energie")
    isere = DepartementFactory(name="Isère", code="38")
    bus = QuestionFactory(title="Transport à la demande en zone rurale ?", themes=[mobility])
    bus.territory = isere
    bus.save()
    QuestionFactory(title="Chaufferie bois collective ?", themes=[energy])
    search_reindex()
    client.force_login(UserFactory())
    html = client.get("/questions/", {"q": "transport"}).content.decode()
    assert "Transport à la demande" in html and "Chaufferie bois" not in html
    html = client.get("/questions/", {"theme": "energie"}).content.decode()
    assert "Chaufferie bois" in html and "Transport à la demande" not in html
    html = client.get("/questions/", {"territoire": "", "territoire_id": isere.pk}).content.decode()
    assert "Transport à la demande" in html and "Chaufferie bois" not in html
    html = client.get("/questions/", {"q": "piscine"}).content.decode()
    assert "Aucune question ne correspond à votre recherche" in html
    response = client.get("/questions/", {"theme": "inconnue"})
    assert response.status_code == 200
    assert "Cette thématique n&#x27;existe pas ou plus." in response.content.decode()


def test_asker_sees_plain_words_animator_sees_routing(client, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Mobilité")
    for _ in range(3):
        ExpertiseFactory(theme=theme)
    asker = UserFactory()
    question = services.question_create(
        author=asker, title="Quel service de vélos en libre-service ?", body="…", themes=[theme]
    )
    assert Solicitation.objects.filter(question=question).count() == 3
    client.force_login(asker)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "3 expert·es de la thématique Mobilité ont été sollicité·es." in html
    assert "vague" not in html and "sollicitations ce mois-ci" not in html
    other = UserFactory()
    client.force_login(other)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "ont été sollicité·es" not in html
    client.force_login(UserFactory(animator=True))
    html = client.get(question.get_absolute_url()).content.decode()
    assert "(vague 1)" in html


def test_accepted_answer_highlighted_first_with_its_author(client):
    org = OrganisationFactory(name="Communauté de communes du Grésivaudan")
    helper = PersonFactory(with_user=True, first_name="Hugo", last_name="Aidant", organisation=org).user
    question = QuestionFactory()
    AnswerFactory(question=question, body="Première réponse.")
    accepted = AnswerFactory(question=question, author=helper, body="La réponse qui a aidé.")
    services.answer_accept(answer=accepted, by=question.author)
    client.force_login(UserFactory())
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Réponse acceptée par la personne qui a posé la question" in html
    assert f'href="#reponse-{accepted.pk}"' in html
    assert html.index("La réponse qui a aidé.") < html.index("Première réponse.")
    assert "Communauté de communes du Grésivaudan" in html
