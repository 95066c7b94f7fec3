"""Complete RGPD export and erasure (issue 11, item 4): every model holding a relation to an account
or a directory card is declared by an app (apps.core.gdpr), and a person with data in every app
gets it all in the export and none of it after erasure — queued and sent mails included."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.test import override_settings

from apps.accounts import services
from apps.core import gdpr

PERSON_MODELS = {"accounts.User", "directory.Person"}


def _relations():
    """(model label, field name, on_delete or None) for every relation to an account or a card."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            if field.related_model._meta.label not in PERSON_MODELS:
                continue
            found.append((model._meta.label, field.name, getattr(field.remote_field, "on_delete", None)))
    return found


def test_every_model_related_to_a_person_is_declared():
    covered = gdpr.covered_models()
    missing = sorted({label for label, _, _ in _relations()} - set(covered) - {"directory.Person"})
    assert missing == [], f"Not declared in any apps/<app>/gdpr.py PERSONAL_DATA: {missing}"
    stale = sorted(label for label in covered if label not in {m._meta.label for m in apps.get_models()})
    assert stale == []


def test_every_declaring_app_exports_and_protected_rows_are_erased():
    registry = gdpr.registry()
    for app_label, declared in registry.items():
        if declared.models:
            assert declared.export is not None, f"{app_label} declares personal data but exports none"
    owners = {label: app for app, d in registry.items() for label in d.models}
    for label, field, on_delete in _relations():
        if on_delete in (models.PROTECT, models.RESTRICT, models.DO_NOTHING):
            # Deleting the account would fail or leave dangling rows: the app must erase them.
            assert registry[owners[label]].erase is not None, f"{label}.{field} needs an eraser"


# --- behaviour: a person with data everywhere the issue listed ---------------------------------


@pytest.fixture
def busy(db):
    from apps.aids.models import SavedSearch
    from apps.arbitrages.models import ArbitrageResponse, ArbitrageResponseRevision
    from apps.consultations.models import ContributionComment
    from apps.events import services as events
    from apps.polls.models import PollComment
    from apps.questions.models import Comment as QComment
    from apps.questions.models import QuestionFollow, Report
    from apps.questions.models import Vote as QVote
    from apps.workshops.models import WorkshopInitiative, WorkshopVote
    from tests.aids.factories import SavedSearchFactory
    from tests.arbitrages.factories import QuestionnaireFactory
    from tests.consultations.factories import ContributionFactory
    from tests.events.factories import EventFactory
    from tests.experiences.factories import ExperienceFactory
    from tests.factories import OrganisationFactory, PersonFactory, UserFactory
    from tests.questions.factories import QuestionFactory
    from tests.resources.factories import ResourceFactory
    from tests.workshops.factories import WorkshopAtelierFactory

    user = UserFactory(email="camille.secret@exemple.test")
    PersonFactory(user=user, email=user.email)
    other = UserFactory()
    event = EventFactory(title="Webinaire Alpha", capacity=1)
    events.registration_create(event=event, user=user, share_contact=True)
    waiting = events.registration_create(event=event, user=other)
    events.feed_token_create(user=user)
    contribution = ContributionFactory(author_user=user, body="Contribution Bêta")
    ContributionComment.objects.create(contribution=contribution, author=user, body="Commentaire Gamma")
    initiative = WorkshopInitiative.objects.create(atelier=WorkshopAtelierFactory(), title="Initiative Delta")
    WorkshopVote.objects.create(initiative=initiative, user=user)
    from apps.polls.models import Poll, PollAnswer

    poll = Poll.objects.create(title="Sondage Epsilon", slug="sondage-epsilon", created_by=other)
    PollAnswer.objects.create(poll=poll, user=user)
    PollComment.objects.create(poll=poll, user=user, text="Commentaire Zêta")
    question = QuestionFactory(title="Question Êta ?")
    from apps.questions.models import Answer

    answer = Answer.objects.create(question=question, author=other, body="Réponse", state="published")
    QComment.objects.create(answer=answer, author=user, body="Commentaire Thêta")
    QVote.objects.create(answer=answer, user=user)
    QuestionFollow.objects.create(question=question, user=user)
    Report.objects.create(question=question, reporter=user, reason="Signalement Iota")
    SavedSearchFactory(user=user, name="Alerte Kappa")
    ExperienceFactory(author=user, title="Expérience Lambda")
    ResourceFactory(owner=None, suggested_by=user, title="Ressource Mu")
    organisation = OrganisationFactory()
    questionnaire = QuestionnaireFactory(delegations=[organisation], title="Arbitrages Nu")
    response = ArbitrageResponse.objects.create(
        questionnaire=questionnaire, delegation=organisation, answers={"a": "oui"}, updated_by=user
    )
    ArbitrageResponseRevision.objects.create(response=response, answers={"a": "oui"}, created_by=user)
    return {"user": user, "other": other, "event": event, "waiting": waiting, "saved": SavedSearch}


WORDS = [
    "Webinaire Alpha",
    "Contribution Bêta",
    "Commentaire Gamma",
    "Initiative Delta",
    "Sondage Epsilon",
    "Commentaire Zêta",
    "Commentaire Thêta",
    "Question Êta",
    "Signalement Iota",
    "Alerte Kappa",
    "Expérience Lambda",
    "Ressource Mu",
    "Arbitrages Nu",
]


def test_export_has_every_kind_of_data(busy):
    text = json.dumps(services.user_export_data(user=busy["user"]), ensure_ascii=False)
    missing = [word for word in WORDS if word not in text]
    assert missing == []
    assert "accepte de transmettre ses coordonnées aux organisateurs" in text
    assert '"jeton de flux privé": true' in text


def test_erasure_leaves_nothing_of_the_person(busy):
    from apps.consultations.models import ContributionComment
    from apps.events.models import FeedToken, Registration, RegistrationStatus
    from apps.polls.models import PollAnswer, PollComment
    from apps.questions.models import QuestionFollow

    user = busy["user"]
    pk = user.pk
    services.user_erase(user=user)
    assert not Registration.objects.filter(user_id=pk).exists()
    assert not FeedToken.objects.filter(user_id=pk).exists()
    busy["waiting"].refresh_from_db()
    assert busy["waiting"].status == RegistrationStatus.CONFIRMED  # the freed seat went to the queue
    assert ContributionComment.objects.get(body="Commentaire Gamma").author is None
    from apps.workshops.models import WorkshopVote

    assert WorkshopVote.objects.filter(user__isnull=True).count() == 1
    assert not PollAnswer.objects.filter(user_id=pk).exists()
    assert not PollComment.objects.filter(user_id=pk).exists()
    assert not QuestionFollow.objects.filter(user_id=pk).exists()
    assert not busy["saved"].objects.filter(user_id=pk).exists()
    # Nothing left pointing at the account anywhere.
    for label, field, _ in _relations():
        model = apps.get_model(label)
        if model._meta.get_field(field).many_to_many:
            continue
        if model._meta.get_field(field).related_model._meta.label == "accounts.User":
            assert not model.objects.filter(**{f"{field}_id": pk}).exists(), f"{label}.{field}"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_erasure_purges_queued_and_finished_mails(db, django_capture_on_commit_callbacks):
    """Mails live in the outbox (apps.mailing): the person's deliveries and the messages written
    for them alone go; the task queue never held an address; a bystander's mail stays."""
    from django_tasks_db.models import DBTaskResult

    from apps.core.emails import email_send_templated
    from apps.mailing.models import Delivery, Message, Status
    from tests.factories import UserFactory

    user = UserFactory(email="dominique.secret@exemple.test", first_name="Dominique")
    bystander = UserFactory(email="autre@exemple.test")
    with django_capture_on_commit_callbacks(execute=True):
        for to in (user.email, user.email, bystander.email):
            email_send_templated(
                to=to,
                template="accounts/emails/account_exists",
                context={"first_name": "Dominique" if to == user.email else "X", "login_url": "/"},
            )
    assert Delivery.objects.filter(address=user.email).exists()
    Delivery.objects.filter(address=user.email).update(status=Status.SENT)
    services.user_erase(user=user)
    assert not Delivery.objects.filter(address__iexact="dominique.secret@exemple.test").exists()
    assert not Message.objects.filter(text__contains="Dominique").exists()
    assert Delivery.objects.filter(address="autre@exemple.test").count() == 1
    stored = json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", flat=True)))
    assert "dominique.secret" not in stored
