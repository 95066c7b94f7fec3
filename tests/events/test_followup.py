"""Issue 15, item 3: attendance recorded per registration (present / absent / not recorded) and
what an event leaves behind (replays, links, photos through apps.core.files)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.events import perms, services
from apps.events.models import EventKind, FollowupItem, Registration, RegistrationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.events.test_views import make
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db


def test_report_event_kinds_exist():
    labels = dict(EventKind.choices)
    for label in ("Journée de rencontre", "Webinaire", "Formation", "Visite de terrain", "Atelier"):
        assert label in labels.values()


def test_attendance_record_touches_only_the_listed_confirmed_registrations():
    event = EventFactory(past=True)
    a, b, c = (RegistrationFactory(event=event) for _ in range(3))
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    other = RegistrationFactory()
    c.attended = True
    c.save()
    changed = services.attendance_record(
        event=event, marks={a.pk: True, b.pk: False, waiting.pk: True, other.pk: True}
    )
    assert changed == 2
    values = dict(Registration.objects.values_list("pk", "attended"))
    assert values == {a.pk: True, b.pk: False, c.pk: True, waiting.pk: None, other.pk: None}
    # Back to "not recorded".
    assert services.attendance_record(event=event, marks={a.pk: None}) == 1
    a.refresh_from_db()
    assert a.attended is None


def test_participants_page_records_absent_and_keeps_other_pages(client):
    animator = UserFactory(animator=True)
    event = EventFactory(past=True)
    first, second = RegistrationFactory(event=event), RegistrationFactory(event=event, attended=True)
    client.force_login(animator)
    url = reverse("events:participants", args=[event.slug])
    html = client.get(url).content.decode()
    assert f'name="attendance-{first.pk}"' in html and "Absent·e" in html
    response = client.post(url, {f"attendance-{first.pk}": "absent", "page": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?page=1")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attended is False and second.attended is True  # not on the form: unchanged


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("anonymous", False), ("member", False), ("referent", False), ("organiser", True), ("animator", True)],
)
def test_followup_permissions(client, role, allowed):
    event = EventFactory(past=True)
    if role == "organiser":
        org = OrganisationFactory()
        user = UserFactory()
        MembershipFactory(person__user=user, organisation=org, is_referent=True)
        event.organisers.add(org)
    else:
        user = make(role)
    assert perms.can_manage_followup(user, event) is allowed
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(reverse("events:followup", args=[event.slug]))
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


def test_followup_video_link_and_photo_shown_on_the_event(client):
    animator = UserFactory(animator=True)
    event = EventFactory(past=True, kind=EventKind.SITE_VISIT, title="Visite de la chaufferie")
    client.force_login(animator)
    url = reverse("events:followup", args=[event.slug])
    response = client.post(url, {"kind": "video", "title": "Replay", "url": "https://video.exemple.test/1"})
    assert response.status_code == 302
    response = client.post(url, {"kind": "link", "title": "Supports", "url": ""})
    assert "Indiquez l&#x27;adresse" in response.content.decode()
    photo = SimpleUploadedFile("chaufferie.png", image_bytes("PNG"), content_type="image/png")
    response = client.post(url, {"kind": "photo", "title": "La chaufferie", "photo": photo, "alt": ""})
    assert "texte alternatif" in response.content.decode()
    photo = SimpleUploadedFile("chaufferie.png", image_bytes("PNG"), content_type="image/png")
    client.post(url, {"kind": "photo", "title": "La chaufferie", "photo": photo, "alt": "Une chaudière bois"})
    items = list(event.followup_items.all())
    assert [i.kind for i in items] == ["video", "photo"]
    assert items[1].photo.name.startswith("events/") and items[1].original_name == "chaufferie.png"
    client.logout()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "https://video.exemple.test/1" in html and 'alt="Une chaudière bois"' in html
    assert client.get(items[1].photo.url).status_code == 200  # open event: anyone sees its photos


def test_photo_of_a_members_only_event_needs_a_login(client):
    event = EventFactory(past=True, members_only=True)
    photo = SimpleUploadedFile("p.png", image_bytes("PNG"), content_type="image/png")
    item = services.followup_item_create(
        event=event, user=None, kind=FollowupItem.Kind.PHOTO, title="Photo", photo=photo, alt="Salle"
    )
    assert client.get(item.photo.url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(item.photo.url).status_code == 200


def test_followup_delete_confirms_then_removes_the_file(client):
    animator = UserFactory(animator=True)
    event = EventFactory(past=True)
    photo = SimpleUploadedFile("p.png", image_bytes("PNG"), content_type="image/png")
    item = services.followup_item_create(
        event=event, user=animator, kind=FollowupItem.Kind.PHOTO, title="Photo", photo=photo, alt="Salle"
    )
    storage, name = item.photo.storage, item.photo.name
    client.force_login(animator)
    url = reverse("events:followup_delete", args=[event.slug, item.pk])
    assert client.get(url).status_code == 200 and FollowupItem.objects.exists()
    client.post(url, {"confirm": "on"})
    assert not FollowupItem.objects.exists() and not storage.exists(name)
