"""Organisers' registration tasks: questions and answers, deadline, the waiting list handled by
hand (promote, cancel), the organisation column. Permission matrix for every new page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.events.models import Registration, RegistrationQuestion, RegistrationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(capacity=1, title="Rencontre régionale")


@pytest.fixture
def question(event):
    return RegistrationQuestion.objects.create(
        event=event, label="Repas", kind="choice", choices="Végétarien\nSans restriction", required=True
    )


def _urls(event, question, registration):
    return [
        reverse("events:registration_settings", args=[event.slug]),
        reverse("events:registration_question_create", args=[event.slug]),
        reverse("events:registration_question_edit", args=[event.slug, question.pk]),
        reverse("events:registration_question_delete", args=[event.slug, question.pk]),
        reverse("events:registration_cancel", args=[event.slug, registration.pk]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "organiser_referent", "author", "animator"])
def test_permission_matrix(client, event, question, role):
    registration = RegistrationFactory(event=event)
    organiser = OrganisationFactory()
    event.organisers.set([organiser])
    users = {
        "anonymous": None,
        "member": UserFactory(),
        "organiser_referent": UserFactory(),
        "author": UserFactory(),
        "animator": UserFactory(animator=True),
    }
    MembershipFactory(
        person=PersonFactory(user=users["organiser_referent"]), organisation=organiser, referent=True
    )
    event.created_by = users["author"]
    event.save()
    if users[role]:
        client.force_login(users[role])
    expected = {"anonymous": 302, "member": 403}.get(role, 200)
    for url in _urls(event, question, registration):
        assert client.get(url).status_code == expected, url
    promote = reverse("events:registration_promote", args=[event.slug, registration.pk])
    if role in ("anonymous", "member"):
        client.post(_urls(event, question, registration)[3], {"confirm": "on"})
        client.post(_urls(event, question, registration)[4], {"confirm": "on"})
        client.post(promote)
        assert RegistrationQuestion.objects.filter(pk=question.pk).exists()
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CONFIRMED


def test_imported_events_have_no_registration_admin(client):
    from apps.events.models import PartnerFeed

    feed = PartnerFeed.objects.create(name="Partenaire", url="https://agenda.exemple.test/a.ics")
    imported = EventFactory(source=feed)
    client.force_login(UserFactory(animator=True))
    assert client.get(reverse("events:registration_settings", args=[imported.slug])).status_code == 403


def test_questions_are_asked_and_answers_shown(client, event, question):
    other = RegistrationQuestion.objects.create(event=event, label="Besoin d'accessibilité", kind="text")
    member = UserFactory(first_name="Inès")
    MembershipFactory(
        person=PersonFactory(user=member), organisation=OrganisationFactory(name="Ville de Lodève")
    )
    client.force_login(member)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Repas" in page and "Végétarien" in page
    # A required answer missing: nothing is registered, the questions come back with the error.
    response = client.post(reverse("events:register", args=[event.slug]), {"share_contact": "on"})
    assert "Répondez à la question « Repas »." in response.content.decode()
    assert not Registration.objects.exists()
    client.post(
        reverse("events:register", args=[event.slug]),
        {"share_contact": "on", f"question_{question.pk}": "Végétarien", f"question_{other.pk}": "Fauteuil"},
    )
    registration = Registration.objects.get()
    assert registration.answers == {str(question.pk): "Végétarien", str(other.pk): "Fauteuil"}
    client.force_login(UserFactory(animator=True))
    html = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    assert "Ville de Lodève" in html and "Végétarien" in html and "Fauteuil" in html
    csv = client.get(reverse("events:participants_csv", args=[event.slug])).content.decode("utf-8-sig")
    assert "Repas" in csv.splitlines()[0] and "Végétarien" in csv


def test_organisation_column_respects_consent(client, event):
    hidden = PersonFactory(user=UserFactory(), hidden=True)
    MembershipFactory(person=hidden, organisation=OrganisationFactory(name="Commune discrète"))
    RegistrationFactory(event=event, user=hidden.user, share_contact=False)
    client.force_login(UserFactory(animator=True))
    html = client.get(reverse("events:participants", args=[event.slug])).content.decode()
    assert "Commune discrète" not in html


def test_deleting_a_question_erases_its_answers(client, event, question):
    registration = RegistrationFactory(event=event, answers={str(question.pk): "Végétarien", "999": "x"})
    client.force_login(UserFactory(animator=True))
    url = reverse("events:registration_question_delete", args=[event.slug, question.pk])
    client.post(url, {"confirm": "on"})
    registration.refresh_from_db()
    assert registration.answers == {"999": "x"}
    assert not RegistrationQuestion.objects.exists()


def test_choice_question_needs_two_choices(client, event):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("events:registration_question_create", args=[event.slug]),
        {"label": "Atelier", "kind": "choice", "choices": "Un seul", "position": "1"},
    )
    assert "Proposez au moins deux choix" in response.content.decode()
    assert not RegistrationQuestion.objects.exists()


def test_deadline_closes_registration(client, event):
    client.force_login(UserFactory(animator=True))
    deadline = timezone.localtime() + datetime.timedelta(days=1)
    client.post(
        reverse("events:registration_settings", args=[event.slug]),
        {"registration_open": "on", "registration_deadline": deadline.strftime("%Y-%m-%dT%H:%M")},
    )
    event.refresh_from_db()
    assert event.registration_deadline is not None and not event.registration_deadline_passed
    type(event).objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    member = UserFactory()
    client.force_login(member)
    assert client.post(reverse("events:register", args=[event.slug])).status_code == 403
    assert "closes depuis le" in client.get(event.get_absolute_url()).content.decode()


def test_deadline_after_the_end_is_refused(client, event):
    client.force_login(UserFactory(animator=True))
    late = timezone.localtime(event.end) + datetime.timedelta(days=2)
    response = client.post(
        reverse("events:registration_settings", args=[event.slug]),
        {"registration_open": "on", "registration_deadline": late.strftime("%Y-%m-%dT%H:%M")},
    )
    assert "doit précéder la fin" in response.content.decode()


def test_waiting_list_promote_and_cancel(client, event):
    first = RegistrationFactory(event=event, user=UserFactory(first_name="Aline"))
    waiting_a = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    waiting_b = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    client.force_login(UserFactory(animator=True))
    promote_b = reverse("events:registration_promote", args=[event.slug, waiting_b.pk])
    # Full: promoting is refused with the reason.
    response = client.post(promote_b, follow=True)
    assert "L&#x27;événement est complet" in response.content.decode()
    waiting_b.refresh_from_db()
    assert waiting_b.status == RegistrationStatus.WAITING
    # Cancelling the confirmed person needs the checkbox; the seat goes to the first waiting.
    cancel = reverse("events:registration_cancel", args=[event.slug, first.pk])
    client.post(cancel, {})
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    mail.outbox.clear()
    client.post(cancel, {"confirm": "on"})
    first.refresh_from_db()
    waiting_a.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert waiting_a.status == RegistrationStatus.CONFIRMED
    # Room again (capacity raised): the organiser may pick someone out of queue order.
    type(event).objects.filter(pk=event.pk).update(capacity=2)
    client.post(promote_b)
    waiting_b.refresh_from_db()
    assert waiting_b.status == RegistrationStatus.CONFIRMED and waiting_b.promoted_at is not None


def test_answers_are_in_the_person_s_data_export(event, question):
    from apps.events.gdpr import user_export

    registration = RegistrationFactory(event=event, answers={str(question.pk): "Végétarien"})
    exported = user_export(user=registration.user)
    assert exported["inscriptions"][0]["réponses aux questions d'inscription"] == {"Repas": "Végétarien"}
