"""Browser tests of questions: ask (with suggestions) -> answer -> accept, every page through axe-core."""

import pytest
from playwright.sync_api import expect

from apps.questions.models import Question
from apps.search.services import search_reindex
from tests.browser.conftest import save_screenshot
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
    expect(page.get_by_text("1 expert·e de la thématique Énergie a été sollicité·e.").first).to_be_visible()
    expect(page.get_by_text("sollicité·e car expert·e en Énergie")).to_have_count(0)
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


def test_question_list_uses_the_shared_filter_panel(
    page, live_server, login, assert_accessible, console_errors
):
    """Issue 14, item 5: the questions list has the same filter component as the other lists."""
    import re

    from tests.browser.helpers import horizontal_overflow

    energie = ThemeFactory(name="Énergie", slug="energie")
    eau = ThemeFactory(name="Eau", slug="eau")
    QuestionFactory(title="Comment financer une chaufferie bois ?", themes=[energie])
    QuestionFactory(title="Qui a désimperméabilisé une cour d'école ?", themes=[eau])
    login(UserFactory())

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/questions/")
    panel = page.locator("details[data-filters]")
    expect(panel).to_have_attribute("open", "")  # open on wide screens
    expect(page.locator("#question-results h2")).to_contain_text("Récentes (2)")
    assert horizontal_overflow(page) == 0
    assert_accessible(page, "questions-list-filters-1280")
    save_screenshot(page, "questions-list-1280")

    page.evaluate("window.__noReload = true")
    page.get_by_label("Thématique").select_option("eau")
    expect(page.locator("#question-results h2")).to_contain_text("Récentes — Eau (1)")
    expect(page).to_have_url(re.compile(r"/questions/\?theme=eau$"))
    assert page.evaluate("window.__noReload") is True  # swapped by htmx, not reloaded
    page.reload()  # the pushed URL is the page's own: the panel counts the active filter
    expect(page.locator("details[data-filters] summary")).to_contain_text("1 filtre actif")
    expect(page.locator("#question-results")).not_to_contain_text("chaufferie")

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/questions/?theme=energie&vue=recentes")
    expect(panel).not_to_have_attribute("open", "")  # one line on phones: results come first
    expect(page.locator("#question-results")).to_contain_text("chaufferie bois")
    assert horizontal_overflow(page) == 0
    assert_accessible(page, "questions-list-filters-390")
    save_screenshot(page, "questions-list-390")
    # « Effacer les filtres » keeps the view, drops the theme.
    panel.locator("summary").click()
    page.get_by_role("link", name="Effacer les filtres").click()
    expect(page).to_have_url(re.compile(r"/questions/\?vue=recentes$"))
    expect(page.locator("#question-results h2")).to_contain_text("Récentes (2)")
    assert console_errors == []
