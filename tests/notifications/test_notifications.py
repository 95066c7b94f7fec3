import re

import pytest
from django.core import mail
from django.core.management import call_command

from apps.notifications import services
from apps.notifications.models import Frequency, Kind, Notification, Preference
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(users, event="e1", kind=Kind.ANSWER):
    target = ThemeFactory(name="Cible")
    return services.notification_create(
        recipients=users, kind=kind, target=target, event=event, title="Nouvelle réponse", url="/questions/1/"
    )


def test_never_the_same_notification_twice():
    user = UserFactory()
    _notify([user])
    _notify([user, user])
    assert Notification.objects.filter(recipient=user).count() == 1
    _notify([user], event="e2")
    assert Notification.objects.filter(recipient=user).count() == 2


def test_unique_constraint_in_database():
    from django.db import IntegrityError, transaction

    user = UserFactory()
    _notify([user])
    n = Notification.objects.get(recipient=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=user,
            kind=n.kind,
            content_type=n.content_type,
            object_id=n.object_id,
            event=n.event,
            title="x",
            url="/",
        )


def test_immediate_email_with_unsubscribe_link(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user], kind=Kind.SOLICITATION)  # immediate by default
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Nouvelle réponse" in body
    link = re.search(r"https?://[^\s]+/notifications/desabonnement/[^\s]+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    # Works without login: confirm page, then POST.
    assert client.get("/" + path).status_code == 200
    assert client.post("/" + path).status_code == 200
    assert set(Preference.objects.filter(user=user).values_list("frequency", flat=True)) == {Frequency.NONE}
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user], kind=Kind.SOLICITATION, event="e9")
    assert len(mail.outbox) == 1
    # The in-app notification still exists.
    assert Notification.objects.filter(recipient=user).count() == 2


def test_bad_unsubscribe_token(client):
    response = client.get("/notifications/desabonnement/faux-jeton/")
    assert response.status_code == 400
    assert "pas valide" in response.content.decode()


def test_daily_digest_groups_one_email_per_person_and_sends_once(django_capture_on_commit_callbacks):
    alice, bob = UserFactory(), UserFactory()
    _notify([alice, bob], event="a")
    _notify([alice], event="b")
    assert mail.outbox == []  # answers default to the daily digest
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_send", "daily")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    alice_mail = next(m for m in mail.outbox if m.to == [alice.email])
    assert "2 notifications" in alice_mail.subject
    assert "desabonnement" in alice_mail.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notifications_send", "daily")
    assert len(mail.outbox) == 2


def test_digest_in_batches():
    users = [UserFactory() for _ in range(5)]
    _notify(users)
    assert services.notifications_send(frequency=Frequency.DAILY, batch_size=2) == 5
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_preferences_page(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/notifications/preferences/").status_code == 200
    data = dict.fromkeys(Kind.values, Frequency.WEEKLY)
    data[Kind.SOLICITATION] = "n-importe-quoi"
    response = client.post("/notifications/preferences/", data)
    assert "Choisissez une fréquence" in response.content.decode()
    data[Kind.SOLICITATION] = Frequency.DAILY
    assert client.post("/notifications/preferences/", data).status_code == 302
    assert services.frequency_for(user=user, kind=Kind.ANSWER) == Frequency.WEEKLY


def test_list_open_and_mark_read(client, django_assert_max_num_queries):
    user, other = UserFactory(), UserFactory()
    _notify([user, other])
    n, theirs = Notification.objects.get(recipient=user), Notification.objects.get(recipient=other)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get("/notifications/")
    assert "Nouvelle réponse" in response.content.decode()
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/notifications/{theirs.pk}/").status_code == 404
    # The list opens an unread notification with a button (a POST form, no JS needed).
    assert f'<form method="post" action="/notifications/{n.pk}/">' in response.content.decode()
    # A GET follows the link and writes nothing…
    assert client.get(f"/notifications/{n.pk}/")["Location"] == "/questions/1/"
    n.refresh_from_db()
    assert n.read_at is None
    # …the POST marks it read, then goes to the same place.
    assert client.post(f"/notifications/{n.pk}/")["Location"] == "/questions/1/"
    n.refresh_from_db()
    assert n.read_at is not None
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post("/notifications/tout-lu/")


def test_list_requires_login(client):
    assert client.get("/notifications/").status_code == 302


def test_unread_count_tag(rf):
    from django.template import Context, Template

    user = UserFactory()
    _notify([user])
    request = rf.get("/")
    request.user = user
    html = Template(
        "{% load notifications %}{% notifications_unread_count %}|{% notifications_link %}"
    ).render(Context({"request": request}))
    assert html.startswith("1|")
    assert "1 non lue" in html


def test_gdpr(db):
    from apps.notifications.gdpr import user_erase, user_export

    user = UserFactory()
    _notify([user])
    assert len(user_export(user=user)["notifications"]) == 1
    user_erase(user=user)
    assert not Notification.objects.filter(recipient=user).exists()
