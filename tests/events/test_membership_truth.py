"""Group membership is the single source of truth for a group's events (issue 11, item 3): leaving
or being removed cancels the registrations and frees the seats; reminders, waiting-list promotions
and notification digests read membership again when they send; the registered person can always
cancel, even after losing sight of the event."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from apps.events import services
from apps.events.models import Audience, RegistrationStatus
from apps.groups import services as group_services
from apps.groups.models import GroupMembership
from apps.mailing.outbox import outbox_run
from apps.notifications.models import Notification
from tests.events.factories import EventFactory, event_form_data
from tests.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db

LINK = "https://visio.exemple.test/salle-secrete"


@pytest.fixture
def world():
    group = GroupFactory(closed=True)
    animator = GroupMembershipFactory(group=group, animator=True).user
    leaver = GroupMembershipFactory(group=group).user
    waiting = GroupMembershipFactory(group=group).user
    event = EventFactory(audience=Audience.GROUP, audience_group=group, capacity=1, online_url=LINK)
    seat = services.registration_create(event=event, user=leaver)
    queued = services.registration_create(event=event, user=waiting)
    assert (seat.status, queued.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    # The set-up's confirmation mails leave the outbox now, not with the mails the tests look at.
    outbox_run()
    mail.outbox.clear()
    return {"group": group, "animator": animator, "leaver": leaver, "waiting": waiting, "event": event,
            "seat": seat, "queued": queued}  # fmt: skip


def _drop_membership(world):
    """Membership ended by a path that does not clean up (data fixed by hand, an older release)."""
    GroupMembership.objects.filter(group=world["group"], user=world["leaver"]).delete()


def test_leaving_cancels_registration_and_promotes_the_waiting_list(world, commit):
    with commit():
        group_services.group_leave(group=world["group"], user=world["leaver"])
    world["seat"].refresh_from_db()
    world["queued"].refresh_from_db()
    assert world["seat"].status == RegistrationStatus.CANCELLED
    assert world["queued"].status == RegistrationStatus.CONFIRMED
    to_leaver = [m for m in mail.outbox if m.to == [world["leaver"].email]]
    assert len(to_leaver) == 1 and LINK not in to_leaver[0].body
    assert any(m.to == [world["waiting"].email] for m in mail.outbox)


def test_removal_by_the_group_animator_cancels_too(world, client):
    client.force_login(world["animator"])
    membership = GroupMembership.objects.get(group=world["group"], user=world["leaver"])
    response = client.post(
        reverse("groups:members", kwargs={"slug": world["group"].slug}),
        {"action": "remove", "membership": membership.pk},
    )
    assert response.status_code == 302
    world["seat"].refresh_from_db()
    assert world["seat"].status == RegistrationStatus.CANCELLED


def test_reminder_is_not_sent_to_a_former_member(world, commit):
    _drop_membership(world)
    with commit():
        call_command("events_send_reminders", heures=24 * 30)
    assert all(m.to != [world["leaver"].email] for m in mail.outbox)
    assert all(LINK not in m.body for m in mail.outbox if m.to == [world["leaver"].email])


def test_promotion_skips_a_former_member_on_the_waiting_list(world, commit):
    third = GroupMembershipFactory(group=world["group"]).user
    services.registration_create(event=world["event"], user=third)
    GroupMembership.objects.filter(group=world["group"], user=world["waiting"]).delete()
    with commit():
        promoted = services.registration_cancel(registration=world["seat"])
    assert promoted.user == third
    world["queued"].refresh_from_db()
    assert world["queued"].status == RegistrationStatus.CANCELLED
    assert all(m.to != [world["waiting"].email] for m in mail.outbox)


def test_former_member_can_still_cancel_and_free_the_seat(world, client):
    _drop_membership(world)
    client.force_login(world["leaver"])
    url = reverse("events:unregister", kwargs={"slug": world["event"].slug})
    assert client.get(url).status_code == 200
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    world["seat"].refresh_from_db()
    world["queued"].refresh_from_db()
    assert world["seat"].status == RegistrationStatus.CANCELLED
    assert world["queued"].status == RegistrationStatus.CONFIRMED
    # The event page itself stays hidden from them.
    assert client.get(world["event"].get_absolute_url()).status_code == 404


def test_unregister_stays_404_for_an_outsider_without_registration(world, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    url = reverse("events:unregister", kwargs={"slug": world["event"].slug})
    assert client.get(url).status_code == 404


def test_digest_rechecks_group_access_at_send_time(world, commit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with commit():
        group_services.document_upload(
            group=world["group"],
            by=world["animator"],
            title="Compte rendu Zorglub",
            upload=SimpleUploadedFile("cr.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        )
    assert Notification.objects.filter(recipient=world["leaver"]).exists()
    _drop_membership(world)
    mail.outbox.clear()
    with commit():
        call_command("notifications_send", "daily")
    assert [m for m in mail.outbox if "Zorglub" in m.body and m.to == [world["leaver"].email]] == []
    assert any("Zorglub" in m.body and m.to == [world["waiting"].email] for m in mail.outbox)
    assert not Notification.objects.filter(recipient=world["leaver"]).exists()


def test_organiser_cannot_promote_a_former_member_by_hand(world):
    from apps.events.services_registrations import RegistrationError, registration_promote

    services.registration_cancel(registration=world["seat"])  # frees the seat: queued is promoted
    third = GroupMembershipFactory(group=world["group"]).user
    waiting = services.registration_create(event=world["event"], user=third)
    world["event"].capacity = 2
    world["event"].save()
    GroupMembership.objects.filter(group=world["group"], user=third).delete()
    with pytest.raises(RegistrationError, match="n'a plus accès"):
        registration_promote(registration=waiting)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING


def test_only_the_group_animators_take_an_event_out_of_the_group(world):
    """Its author, a référent·e who may publish open events, is still not the group's decision."""
    from apps.events.forms import EventForm
    from tests.factories import MembershipFactory, PersonFactory

    author = world["leaver"]
    MembershipFactory(person=PersonFactory(user=author), referent=True)
    event = world["event"]
    event.created_by = author
    event.save()
    from apps.events.models import Event

    def fresh():  # a form changes its instance while validating, as each request loads it anew
        return Event.objects.get(pk=event.pk)

    form = EventForm(data=event_form_data(audience="open"), instance=fresh(), user=author)
    assert not form.is_valid()
    assert "Seul·es les animateur·rices du groupe" in str(form.errors["audience"])
    # Staying in the group is fine for the author; the group's animator may open it.
    same = event_form_data(audience="group", audience_group=world["group"].pk)
    assert EventForm(data=same, instance=fresh(), user=author).is_valid()
    animator = world["animator"]
    MembershipFactory(person=PersonFactory(user=animator), referent=True)
    assert EventForm(data=event_form_data(audience="open"), instance=fresh(), user=animator).is_valid()
