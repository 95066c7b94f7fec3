"""Followers hear of content when it is published, however long after its creation (a draft event,
a held question, a suggested resource), and only once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.events.models import Event, EventStatus
from apps.events.services import event_update
from apps.mailing.follows import follows_notify
from apps.mailing.models import FollowKind, SubjectFollow
from apps.notifications.models import Kind, Notification
from apps.questions.models import Question, State
from apps.questions.services import question_approve
from apps.resources.models import Resource
from apps.resources.services import resource_accept
from tests.events.factories import EventFactory
from tests.factories import ThemeFactory, UserFactory
from tests.questions.factories import QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=5)


@pytest.fixture
def theme_follower():
    theme = ThemeFactory(name="Mobilité")
    follower = UserFactory()
    follow = SubjectFollow.objects.create(user=follower, kind=FollowKind.THEME, object_id=theme.pk)
    SubjectFollow.objects.filter(pk=follow.pk).update(created_at=timezone.now() - timedelta(days=4))
    return theme, follower


def notified(user, target) -> int:
    return Notification.objects.filter(recipient=user, kind=Kind.FOLLOW, object_id=target.pk).count()


def test_draft_event_published_days_after_creation_is_notified_once(theme_follower):
    theme, follower = theme_follower
    event = EventFactory(title="Atelier vélo", themes=[theme], draft=True, created_by=UserFactory())
    Event.objects.filter(pk=event.pk).update(created_at=timezone.now() - LONG_AGO)
    assert follows_notify() == 0  # a draft: nothing yet
    event.refresh_from_db()
    event_update(event=event, data={"status": EventStatus.PUBLISHED})
    follows_notify()
    assert notified(follower, event) == 1
    assert follows_notify() == 0  # idempotent
    assert notified(follower, event) == 1
    # Editing it later notifies nobody new, even somebody who followed after the publication.
    late = UserFactory()
    SubjectFollow.objects.create(user=late, kind=FollowKind.THEME, object_id=theme.pk)
    event_update(event=event, data={"title": "Atelier vélo (complet)"})
    follows_notify()
    assert notified(late, event) == 0


def test_held_question_approved_days_after_creation_is_notified(theme_follower):
    theme, follower = theme_follower
    question = QuestionFactory(title="Quel vélo ?", themes=[theme], state=State.PENDING)
    Question.objects.filter(pk=question.pk).update(created_at=timezone.now() - LONG_AGO)
    question.refresh_from_db()
    question_approve(question=question, by=UserFactory(is_staff=True))
    follows_notify()
    assert notified(follower, question) == 1
    assert follows_notify() == 0


def test_suggested_resource_accepted_days_after_creation_is_notified(theme_follower):
    theme, follower = theme_follower
    resource = ResourceFactory(title="Guide vélo", themes=[theme], suggested=True)
    Resource.objects.filter(pk=resource.pk).update(created_at=timezone.now() - LONG_AGO)
    resource.refresh_from_db()
    resource_accept(resource=resource, by=UserFactory(is_staff=True))
    assert follows_notify() == 1
    assert notified(follower, resource) == 1
    assert follows_notify() == 0
