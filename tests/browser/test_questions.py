"""Browser tests of questions: ask (with suggestions) -> answer -> accept, every page through axe-core."""

import pytest
from playwright.sync_api import expect

from apps.questions.models import Question
from apps.search.services import search_reindex
from tests.factories import ThemeFactory, UserFactory
from tests.questions.factories import ExpertiseFactory, QuestionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_ask_answer_accept(page, live_server, login, assert_accessible, console_errors, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Énergie", slug="energie")
    ExpertiseFactory(theme=theme, user=UserFactory(first_name="Ella", last_name="Experte"))
    QuestionFactory(title="Comment financer une boucle locale d'énergie ?")
    search_reindex()
    asker = UserFactory(first_name="Paul", last_name="Posant")
    login(asker)

    page.goto(f"{live_server.url}/questions/")
    assert_accessible(page, "questions-list")
    page.get_by_role("link", name="Poser une question").click()
    page.get_by_label("Votre question en une phrase").fill(
        "Boucle locale d'énergie : quelle structure porteuse ?"
    )
    # htmx suggestions while typing, the button without JavaScript.
    expect(page.locator("#question-suggestions")).to_contain_text("Comment financer une boucle locale")
    page.get_by_label("Le contexte, ce que vous avez déjà essayé").fill(
        "Nous hésitons entre **SEM** et coopérative."
    )
    page.get_by_label("Énergie").check(force=True)
    assert_accessible(page, "questions-form")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Boucle locale d'énergie : quelle structure porteuse ?"
    )
    expect(page.get_by_text("sollicité·e car expert·e en Énergie")).to_be_visible()
    assert_accessible(page, "questions-detail")
    question = Question.objects.get(title__startswith="Boucle locale d'énergie : quelle")

    helper = UserFactory(first_name="Hugo", last_name="Aidant")
    page.context.clear_cookies()
    login(helper)
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    page.get_by_label("Votre réponse").fill("Nous avons choisi une **SCIC**.")
    page.get_by_role("button", name="Publier ma réponse").click()
    expect(page.locator("article").first).to_contain_text("Nous avons choisi une SCIC.")

    page.context.clear_cookies()
    login(asker)
    page.goto(f"{live_server.url}{question.get_absolute_url()}")
    page.get_by_role("button", name="Accepter cette réponse").click()
    expect(page.get_by_text("Réponse acceptée", exact=True)).to_be_visible()
    assert_accessible(page, "questions-detail-accepted")
    page.goto(f"{live_server.url}/notifications/")
    assert_accessible(page, "notifications-list")
    page.goto(f"{live_server.url}/notifications/preferences/")
    assert_accessible(page, "notifications-preferences")
    page.goto(f"{live_server.url}/questions/expertises/")
    assert_accessible(page, "questions-expertise")
    assert console_errors == []


def test_animator_pages(page, live_server, login, assert_accessible, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": True}
    from apps.questions import services

    services.question_create(author=UserFactory(), title="Première question d'un nouveau membre", body="…")
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/questions/moderation/")
    expect(page.get_by_text("Première question d'un nouveau membre")).to_be_visible()
    assert_accessible(page, "questions-moderation")
    page.goto(f"{live_server.url}/questions/statistiques/")
    assert_accessible(page, "questions-stats")
    page.goto(f"{live_server.url}/questions/faq/")
    assert_accessible(page, "questions-faq")
