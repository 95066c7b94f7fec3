from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.mailing.models import Announcement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def form(**extra):
    data = {
        "title": "Assemblée générale le 12 mars",
        "body": "Inscrivez-vous avant le 1er mars.",
        "link_url": "/agenda/",
        "link_label": "Voir l'agenda",
        "audience": "everyone",
        "starts_at": (timezone.localtime() - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
    }
    return {**data, **extra}


def test_animator_publishes_a_banner_for_an_audience_between_dates(client):
    client.force_login(UserFactory(animator=True))
    assert (
        client.post(reverse("mailing:announcement_create"), form(link_url="javascript:alert(1)")).status_code
        == 200
    )
    end = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(reverse("mailing:announcement_create"), form(ends_at=end)).status_code == 200
    assert client.post(reverse("mailing:announcement_create"), form()).status_code == 302
    home = client.get("/").content.decode()
    assert "Assemblée générale le 12 mars" in home and 'href="/agenda/"' in home
    assert "Assemblée générale" not in client.get("/lettres/").content.decode()  # home only

    announcement = Announcement.objects.get()
    data = form(audience="visitors", all_pages="on")
    client.post(reverse("mailing:announcement_edit", args=[announcement.pk]), data)
    assert "Assemblée générale" not in client.get("/").content.decode()  # members don't see it
    client.logout()
    assert "Assemblée générale" in client.get("/lettres/").content.decode()

    Announcement.objects.update(starts_at=timezone.now() + timedelta(days=1))
    from apps.mailing.announcements import forget

    forget()
    assert "Assemblée générale" not in client.get("/").content.decode()


def test_only_animators_manage_announcements(client):
    announcement = Announcement.objects.create(title="A", starts_at=timezone.now())
    client.force_login(UserFactory())
    for url in [
        reverse("mailing:announcements"),
        reverse("mailing:announcement_create"),
        reverse("mailing:announcement_edit", args=[announcement.pk]),
        reverse("mailing:announcement_delete", args=[announcement.pk]),
    ]:
        assert client.get(url).status_code == 404
    client.force_login(UserFactory(animator=True))
    client.post(reverse("mailing:announcement_delete", args=[announcement.pk]), {"confirm": "on"})
    assert not Announcement.objects.exists()
