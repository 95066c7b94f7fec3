"""Experiences show their people: contacts from the directory (consent), the author, dates, a
"poser une question sur ce retour" that links the question and tells the author; placeholders hidden."""

import datetime
import re

import pytest
from django.utils import timezone

from apps.experiences.models import Experience, is_placeholder
from apps.notifications.models import Kind, Notification
from apps.questions.models import Question
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", True),
        ("À compléter.", True),
        ("À compléter par la commune.", True),
        ("a preciser", True),
        ("…", True),
        ("Budget de 40 000 €, à compléter par une subvention régionale.", False),
        ("Le coût total est de 12 000 €.", False),
    ],
)
def test_placeholders(text, expected):
    assert is_placeholder(text) is expected


def test_detail_hides_placeholders_and_shows_contacts_dates_and_author(client):
    org = OrganisationFactory(name="Mairie de Vimy")
    author = PersonFactory(with_user=True, first_name="Nadia", last_name="Autrice", organisation=org).user
    contact = PersonFactory(first_name="Paul", last_name="Contact", organisation=org)
    hidden = PersonFactory(first_name="Zoé", last_name="Discrète", hidden=True)
    experience = ExperienceFactory(
        author=author, budget="À compléter.", contacts="Mairie de Vimy.", organisations=[org]
    )
    experience.people.set([contact, hidden])
    Experience.objects.filter(pk=experience.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=40)
    )
    html = client.get(experience.get_absolute_url()).content.decode()
    assert "À compléter" not in html and "Budget et financements" not in html
    assert f'href="{contact.get_absolute_url()}"' in html
    assert "Zoé Discrète" not in html  # no consent, not shown to visitors
    assert f'href="{author.person.get_absolute_url()}"' in html
    assert "Publié le" in html and "mis à jour le" in html
    assert "Autres contacts" in html and "Mairie de Vimy." in html
    assert f"/questions/poser/?retour={experience.pk}" in html


def test_ask_about_experience_links_it_and_tells_the_author(client, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Légumeries et circuits courts")
    author = UserFactory()
    experience = ExperienceFactory(author=author, themes=[theme], title="Une légumerie intercommunale")
    asker = UserFactory()
    client.force_login(asker)
    html = client.get(f"/questions/poser/?retour={experience.pk}").content.decode()
    assert "Votre question sera liée au retour d'expérience" in html
    assert f'<option value="{experience.pk}" selected>' in html
    assert re.search(rf'name="themes" value="{theme.pk}"[^>]*checked', html)
    response = client.post(
        f"/questions/poser/?retour={experience.pk}",
        {
            "title": "Quel volume minimum pour une légumerie ?",
            "body": "Nous avons 800 repas par jour.",
            "themes": [theme.pk],
            "experience": experience.pk,
        },
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert question.experience == experience
    note = Notification.objects.get(recipient=author, kind=Kind.SOLICITATION, event="experience")
    assert "Une légumerie intercommunale" in note.title
    # An unknown or unpublished experience is simply not linked.
    draft = ExperienceFactory(draft=True)
    html = client.get(f"/questions/poser/?retour={draft.pk}").content.decode()
    assert "Votre question sera liée" not in html
    assert client.get("/questions/poser/?retour=abc").status_code == 200
