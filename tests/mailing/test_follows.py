from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.mailing.follows import follows_notify
from apps.mailing.models import SubjectFollow
from apps.notifications.models import Kind, Notification
from tests.events.factories import EventFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import DepartementFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_follows_and_new_matching_content_says_who_did_what(client):
    theme, departement = ThemeFactory(name="Mobilité"), DepartementFactory(name="Puy-de-Dôme")
    organisation = OrganisationFactory(name="Mairie de Riom")
    author = UserFactory(first_name="Camille", last_name="Martin")
    author_person = PersonFactory(user=author, organisation=organisation)
    follower, bystander = UserFactory(), UserFactory()
    client.force_login(follower)
    for kind, object_id in [("theme", theme.pk), ("territory", departement.pk), ("person", author_person.pk)]:
        client.post(reverse("mailing:follow_add"), {"kind": kind, "object_id": object_id})
    client.post(reverse("mailing:follow_add"), {"kind": "organisation", "object_id": "999999"})
    client.post(reverse("mailing:follow_add"), {"kind": "nimporte", "object_id": "1"})
    assert SubjectFollow.objects.filter(user=follower).count() == 3
    page = client.get(reverse("mailing:follows") + "?q=riom").content.decode()
    assert "Mairie de Riom" in page and "Mobilité" in page

    experience = ExperienceFactory(title="Covoiturage rural", author=author, themes=[theme])
    experience.organisations.set([organisation])
    EventFactory(title="Atelier vélo", themes=[theme], created_by=bystander)
    ExperienceFactory(title="Sans rapport")
    old = ExperienceFactory(title="Trop ancien", themes=[theme])
    old.published_at = timezone.now() - timedelta(days=5)
    old.save()

    assert follows_notify() == 2
    assert follows_notify() == 0  # idempotent
    # By content, not by title: the bystander's random name may sort before "Camille".
    titles = list(
        Notification.objects.filter(recipient=follower, kind=Kind.FOLLOW).values_list("title", flat=True)
    )
    assert "Camille Martin (Mairie de Riom) a publié le retour d'expérience « Covoiturage rural »" in titles
    (event_title,) = [t for t in titles if "Atelier vélo" in t]
    assert event_title.startswith(bystander.get_full_name())
    assert not Notification.objects.filter(recipient=bystander).exists()

    follow = SubjectFollow.objects.filter(user=follower).first()
    client.force_login(bystander)
    client.post(reverse("mailing:follow_remove", args=[follow.pk]))  # not theirs
    assert SubjectFollow.objects.filter(pk=follow.pk).exists()
    client.force_login(follower)
    client.post(reverse("mailing:follow_remove", args=[follow.pk]))
    assert not SubjectFollow.objects.filter(pk=follow.pk).exists()


def test_follows_need_an_account(client):
    assert client.get(reverse("mailing:follows")).status_code == 302
    assert client.post(reverse("mailing:follow_add"), {"kind": "theme", "object_id": "1"}).status_code == 302
