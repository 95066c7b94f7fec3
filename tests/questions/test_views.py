import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.notifications.models import Kind, Notification
from apps.questions import services
from apps.questions.models import Question, State
from apps.search.services import search_reindex
from tests.experiences.factories import ExperienceFactory
from tests.factories import ThemeFactory, UserFactory
from tests.questions.factories import AnswerFactory, ExpertiseFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_hold(settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}


def test_pages_require_login(client):
    for url in ["/questions/", "/questions/poser/", "/questions/faq/", "/groupes/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/compte/" in response["Location"], url


def test_ask_flow_with_suggestions_then_publish(client, no_hold):
    theme = ThemeFactory(name="Énergie")
    expert = ExpertiseFactory(theme=theme).user
    ExperienceFactory(title="Boucle locale d'énergie à Faverges")
    QuestionFactory(title="Comment monter une boucle locale d'énergie ?")
    search_reindex()
    user = UserFactory()
    client.force_login(user)
    assert client.get("/questions/poser/").status_code == 200
    data = {
        "title": "Boucle locale d'énergie : par où commencer ?",
        "body": "Nous voulons **démarrer**.",
        "themes": [theme.pk],
    }
    response = client.post("/questions/poser/", {**data, "verifier": "1"})
    html = response.content.decode()
    assert "énergie à Faverges" in html
    assert "Comment monter une boucle locale" in html
    assert not Question.objects.filter(title=data["title"]).exists()
    response = client.post("/questions/poser/", {**data, "publier": "1"})
    question = Question.objects.get(title=data["title"])
    assert response["Location"] == f"/questions/{question.pk}/"
    assert question.state == State.PUBLISHED
    assert question.solicitations.get().expert == expert
    assert Notification.objects.filter(recipient=expert, kind=Kind.SOLICITATION).exists()
    detail = client.get(question.get_absolute_url()).content.decode()
    assert "<strong>démarrer</strong>" in detail
    # The asker sees who was asked in plain words; the routing details stay for the animation.
    assert "1 expert·e de la thématique Énergie a été sollicité·e." in detail
    assert "sollicité·e car expert·e en Énergie" not in detail
    animator = UserFactory(animator=True)
    client.force_login(animator)
    assert "sollicité·e car expert·e en Énergie" in client.get(question.get_absolute_url()).content.decode()


def test_similar_partial(client):
    QuestionFactory(title="Compensation carbone des collectivités")
    search_reindex()
    client.force_login(UserFactory())
    response = client.get("/questions/similaires/", {"title": "compensation carbone"}, HTTP_HX_REQUEST="true")
    assert "Compensation carbone des collectivités" in response.content.decode()


def test_bad_inputs_give_french_messages(client):
    client.force_login(UserFactory())
    response = client.post(
        "/questions/poser/",
        {
            "title": "Court",
            "body": "",
            "territory": "Nulle-Part-Sur-Mer",
            "files": [SimpleUploadedFile("virus.exe", b"MZ...")],
            "publier": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "trop courte" in html and "Décrivez votre question" in html
    assert "Les fichiers .exe ne sont pas acceptés" in html
    fake_pdf = SimpleUploadedFile("faux.pdf", b"MZ not a pdf")
    response = client.post(
        "/questions/poser/",
        {"title": "Une vraie question ici", "body": "x", "files": [fake_pdf], "publier": "1"},
    )
    assert "ne correspond pas à son extension" in response.content.decode()


def test_first_post_held_then_approved(client, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": True}
    theme = ThemeFactory()
    expert = ExpertiseFactory(theme=theme).user
    animator = UserFactory(animator=True)
    newcomer = UserFactory()
    question = services.question_create(author=newcomer, title="Première question", body="…", themes=[theme])
    assert question.state == State.PENDING
    assert not question.solicitations.exists()
    other = UserFactory()
    client.force_login(other)
    assert client.get(question.get_absolute_url()).status_code == 404
    client.force_login(animator)
    assert "Première question" in client.get("/questions/moderation/").content.decode()
    client.post(f"/questions/{question.pk}/moderer/", {"action": "valider"})
    question.refresh_from_db()
    assert question.state == State.PUBLISHED
    assert question.solicitations.get().expert == expert
    # The second post of the same person is not held.
    assert services.question_create(author=newcomer, title="Deuxième", body="…").state == State.PUBLISHED


def test_answer_vote_accept_follow_notifications(client, no_hold):
    asker, helper, voter = UserFactory(), UserFactory(), UserFactory()
    question = services.question_create(author=asker, title="Fonds vert : quel dossier ?", body="…")
    client.force_login(helper)
    client.post(f"/questions/{question.pk}/repondre/", {"body": "Le dossier se dépose sur la plateforme."})
    answer = question.answers.get()
    question.refresh_from_db()
    assert question.answer_count == 1
    assert Notification.objects.filter(recipient=asker, kind=Kind.ANSWER).count() == 1
    client.force_login(voter)
    client.post(f"/questions/reponses/{answer.pk}/utile/")
    client.post(f"/questions/reponses/{answer.pk}/utile/")
    client.post(f"/questions/reponses/{answer.pk}/utile/")
    answer.refresh_from_db()
    assert answer.useful_count == 1
    assert client.post(f"/questions/reponses/{answer.pk}/accepter/").status_code == 403
    client.post(f"/questions/{question.pk}/suivre/", {"suivre": "1"})
    client.force_login(helper)
    assert client.post(f"/questions/reponses/{answer.pk}/utile/").status_code == 403  # own answer
    client.post(f"/questions/reponses/{answer.pk}/commenter/", {"body": "Précision : avant juin."})
    assert answer.comments.count() == 1
    client.force_login(asker)
    client.post(f"/questions/reponses/{answer.pk}/accepter/")
    question.refresh_from_db()
    assert question.accepted_answer == answer and question.is_resolved
    assert Notification.objects.filter(recipient=helper, kind=Kind.ACCEPTED).count() == 1
    services.answer_create(question=question, author=UserFactory(), body="Autre réponse")
    assert Notification.objects.filter(recipient=voter, kind=Kind.ANSWER).count() == 1


def test_edit_keeps_history(client, no_hold):
    author = UserFactory()
    question = services.question_create(
        author=author, title="Titre initial de la question", body="Ancien texte"
    )
    client.force_login(author)
    client.post(
        f"/questions/{question.pk}/modifier/",
        {"title": "Titre corrigé de la question", "body": "Nouveau texte"},
    )
    question.refresh_from_db()
    assert question.title == "Titre corrigé de la question"
    html = client.get(f"/questions/{question.pk}/historique/").content.decode()
    assert "Titre initial de la question" in html and "Ancien texte" in html
    client.force_login(UserFactory())
    assert client.get(f"/questions/{question.pk}/modifier/").status_code == 403


def test_moderation_hide_lock_move_faq(client, no_hold):
    animator = UserFactory(animator=True)
    theme = ThemeFactory(name="ZAN")
    question = services.question_create(
        author=UserFactory(), title="Le ZAN et les petites communes", body="…"
    )
    answer = services.answer_create(question=question, author=UserFactory(), body="Réponse utile")
    client.force_login(animator)
    assert client.get(f"/questions/{question.pk}/moderer/?action=masquer").status_code == 200
    response = client.post(f"/questions/{question.pk}/moderer/", {"action": "masquer", "reason": ""})
    assert "Indiquez le motif" in response.content.decode()
    client.post(f"/questions/{question.pk}/moderer/", {"action": "verrouiller"})
    question.refresh_from_db()
    assert question.is_locked
    member = UserFactory()
    client.force_login(member)
    assert client.post(f"/questions/{question.pk}/repondre/", {"body": "x"}).status_code == 403
    client.post(f"/questions/{question.pk}/signaler/", {"reason": "Hors sujet"})
    assert Notification.objects.filter(recipient=animator, kind=Kind.MODERATION).exists()
    client.force_login(animator)
    assert "Hors sujet" in client.get("/questions/moderation/").content.decode()
    client.post(f"/questions/{question.pk}/moderer/", {"action": "deplacer", "themes": [theme.pk]})
    assert list(question.themes.all()) == [theme]
    client.post(f"/questions/{question.pk}/moderer/", {"action": "faq"})
    question.refresh_from_db()
    assert not question.in_faq  # no accepted answer yet
    services.answer_accept(answer=answer, by=question.author)
    client.post(f"/questions/{question.pk}/moderer/", {"action": "faq"})
    assert "Réponse utile" in client.get("/questions/faq/").content.decode()
    client.post(f"/questions/{question.pk}/moderer/", {"action": "masquer", "reason": "Doublon"})
    question.refresh_from_db()
    assert question.state == State.HIDDEN
    client.force_login(member)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert client.get(f"/questions/{question.pk}/moderer/?action=masquer").status_code == 404


def test_member_cannot_moderate(client, no_hold):
    question = QuestionFactory()
    client.force_login(UserFactory())
    assert client.get(f"/questions/{question.pk}/moderer/?action=masquer").status_code == 403
    assert client.get("/questions/moderation/").status_code == 403
    assert client.get("/questions/statistiques/").status_code == 403


def test_lists_and_query_count(client, django_assert_max_num_queries, no_hold):
    theme = ThemeFactory(name="CRTE")
    user = UserFactory()
    for n in range(25):
        QuestionFactory(title=f"Question numéro {n} sur le CRTE", themes=[theme])
    answered = QuestionFactory(title="Question avec réponse", answer_count=1)
    AnswerFactory(question=answered)
    mine = QuestionFactory(author=user, title="Ma question à moi")
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get("/questions/")
    assert response.status_code == 200
    html = client.get("/questions/?vue=sans-reponse").content.decode()
    assert "Question avec réponse" not in html
    assert "Ma question à moi" in client.get("/questions/?vue=mes-questions").content.decode()
    assert len(client.get(f"/questions/?theme={theme.slug}&page=2").context["page_obj"].object_list) == 5
    assert client.get("/questions/?page=999").status_code == 200
    del mine


def test_expertise_page(client):
    theme = ThemeFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post("/questions/expertises/", {"own-theme": theme.pk, "own-capacity_per_month": 99})
    assert "30 par mois au plus" in response.content.decode()
    client.post("/questions/expertises/", {"own-theme": theme.pk, "own-capacity_per_month": 3})
    assert user.expertises.get().capacity_per_month == 3
    animator = UserFactory(animator=True)
    client.force_login(animator)
    client.post(
        "/questions/expertises/",
        {
            "designer": "1",
            "designate-email": user.email,
            "designate-theme": theme.pk,
            "designate-capacity_per_month": 2,
        },
    )
    assert user.expertises.get().designated_by == animator


def test_attachment_download(client, no_hold):
    author = UserFactory()
    question = services.question_create(
        author=author,
        title="Avec une pièce jointe",
        body="…",
        files=[SimpleUploadedFile("note.txt", b"bonjour")],
    )
    client.force_login(UserFactory())
    response = client.get(f"/questions/pieces-jointes/{question.attachments.get().pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"bonjour"


def test_gdpr(no_hold):
    from apps.questions.gdpr import user_erase, user_export

    user = UserFactory()
    services.question_create(author=user, title="Question RGPD", body="…")
    assert user_export(user=user)["questions"][0]["titre"] == "Question RGPD"
    user_erase(user=user)
    assert Question.objects.get(title="Question RGPD").author is None


def test_question_with_territory_and_linked_experience(client, no_hold):
    from tests.factories import CommuneFactory

    commune = CommuneFactory(name="Faverges-Seythenex")
    experience = ExperienceFactory(title="La boucle Volte Face")
    client.force_login(UserFactory())
    client.post(
        "/questions/poser/",
        {
            "title": "Qui a monté une boucle locale ?",
            "body": "…",
            "territory": commune.code,
            "experience": experience.pk,
            "publier": "1",
        },
    )
    question = Question.objects.get(title="Qui a monté une boucle locale ?")
    assert question.territory == commune and question.experience == experience
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Faverges-Seythenex" in html and "La boucle Volte Face" in html
