"""Events reserved to a private peer group: a permission matrix proving that nothing of such an
event reaches anyone outside the group (lists, month grid, detail, registration, feeds, search,
speakers' counts), and the group's private feed (iCal parsed back, RSS)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from apps.events import perms
from apps.events.forms import EventForm
from apps.events.models import Audience, Event, FeedToken, Registration
from apps.events.services import feed_token_create
from apps.search.models import SearchDocument
from apps.search.services import search_reindex
from tests.events.factories import EventFactory, RegistrationFactory, event_form_data
from tests.factories import PersonFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

SECRET = "Zorglub conciliabule"
ROLES = ["anonymous", "member", "group_member", "group_animator", "network_animator"]
INSIDERS = {"group_member", "group_animator"}


@pytest.fixture
def world(db):
    group = GroupFactory(closed=True, name="Groupe des maires ruraux")
    group_animator = GroupMembershipFactory(group=group, animator=True).user
    group_member = GroupMembershipFactory(group=group).user
    speaker = PersonFactory(first_name="Oratrice", last_name="Privée")
    event = EventFactory(title=SECRET, audience=Audience.GROUP, audience_group=group, capacity=10)
    event.speakers.set([speaker])
    open_event = EventFactory(title="Webinaire ouvert du réseau")
    search_reindex()
    return {
        "group": group,
        "event": event,
        "open_event": open_event,
        "speaker": speaker,
        "users": {
            "anonymous": None,
            "member": UserFactory(),
            "group_member": group_member,
            "group_animator": group_animator,
            "network_animator": UserFactory(animator=True),
        },
    }


def _client(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_lists_month_and_search(client, world, role):
    _client(client, world, role)
    event = world["event"]
    inside = role in INSIDERS
    pages = [
        reverse("events:agenda"),
        reverse("events:month", kwargs={"year": event.start.year, "month": event.start.month}),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Webinaire ouvert du réseau" in html or url != pages[0]
        assert (SECRET in html) is inside, url
    # Search never has it, even for the group: the index knows nothing of groups.
    html = client.get(reverse("search:search"), {"q": "Zorglub"}).content.decode()
    assert SECRET not in html
    assert not SearchDocument.objects.filter(title__icontains="Zorglub").exists()


@pytest.mark.parametrize("role", ROLES)
def test_detail_ical_and_subpages(client, world, role):
    user = _client(client, world, role)
    event = world["event"]
    inside = role in INSIDERS
    response = client.get(event.get_absolute_url())
    assert response.status_code == (200 if inside else 404)
    assert (SECRET in response.content.decode()) is inside
    assert client.get(reverse("events:event_ical", args=[event.slug])).status_code == (200 if inside else 404)
    # Editing pages: 404 for outsiders, whatever their role in the network.
    editor = role == "group_animator"
    for name in ["update", "delete", "participants", "participants_csv"]:
        status = client.get(reverse(f"events:{name}", args=[event.slug])).status_code
        if user is None:
            assert status == 302
        elif editor:
            assert status == 200
        else:
            assert status in ((403,) if inside else (404,)), name
        assert perms.can_edit_event(user, event) is editor if user else True


@pytest.mark.parametrize("role", ROLES)
def test_register(client, world, role):
    user = _client(client, world, role)
    event = world["event"]
    response = client.post(reverse("events:register", args=[event.slug]))
    if user is None:
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    elif role in INSIDERS:
        assert response.status_code == 302
        assert Registration.objects.filter(event=event, user=user).exists()
    else:
        assert response.status_code == 404
    assert Registration.objects.filter(event=event).count() == (1 if role in INSIDERS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_public_feeds_never_have_group_events(client, world, role):
    _client(client, world, role)
    theme_free = [
        reverse("events:feed_ical"),
        reverse("events:feed_rss"),
    ]
    for url in theme_free:
        body = client.get(url).content.decode()
        assert "Webinaire ouvert du réseau" in body
        assert SECRET not in body


@pytest.mark.parametrize("role", ROLES)
def test_group_feed(client, world, role):
    user = world["users"][role]
    group = world["group"]
    token = feed_token_create(user=user).token if user else "jeton-inconnu"
    kwargs = {"group_slug": group.slug, "token": token}
    ics = client.get(reverse("events:feed_group_ical", kwargs=kwargs))
    rss = client.get(reverse("events:feed_group_rss", kwargs=kwargs))
    if role not in INSIDERS:
        assert ics.status_code == rss.status_code == 404
        assert SECRET not in ics.content.decode() + rss.content.decode()
        return
    assert ics.status_code == rss.status_code == 200
    assert ics["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(ics.content)
    titles = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert titles == [SECRET]  # the group's events only, not the network's open ones
    assert SECRET in rss.content.decode()


def test_group_feed_stops_when_member_leaves(client, world):
    user = world["users"]["group_member"]
    url = reverse(
        "events:feed_group_ical",
        kwargs={"group_slug": world["group"].slug, "token": feed_token_create(user=user).token},
    )
    assert client.get(url).status_code == 200
    user.group_memberships.update(status="refused")
    assert client.get(url).status_code == 404


def test_left_member_loses_registration_everywhere(client, world):
    user = world["users"]["group_member"]
    RegistrationFactory(event=world["event"], user=user)
    private = reverse("events:feed_private", kwargs={"token": feed_token_create(user=user).token})
    client.force_login(user)
    assert SECRET in client.get(reverse("events:my_registrations")).content.decode()
    assert SECRET in client.get(private).content.decode()
    user.group_memberships.all().delete()
    assert SECRET not in client.get(reverse("events:my_registrations")).content.decode()
    assert SECRET not in client.get(private).content.decode()
    assert client.get(world["event"].get_absolute_url()).status_code == 404


def test_member_pages_link_to_group_feed(client, world):
    user = world["users"]["group_member"]
    client.force_login(user)
    # Before the member creates their link, the group event's page offers its button, writes nothing.
    page = client.get(world["event"].get_absolute_url()).content.decode()
    assert "Créer mon lien d'abonnement" in page and "flux/groupe/" not in page
    assert not FeedToken.objects.filter(user=user).exists()
    token = feed_token_create(user=user).token
    expected = reverse("events:feed_group_ical", kwargs={"group_slug": world["group"].slug, "token": token})
    assert expected in client.get(world["event"].get_absolute_url()).content.decode()
    assert expected in client.get(reverse("events:my_registrations")).content.decode()
    # An open event's page has no group feed.
    assert "flux/groupe/" not in client.get(world["open_event"].get_absolute_url()).content.decode()


def test_speakers_directory_does_not_count_group_events(client, world):
    html = client.get(reverse("events:speakers")).content.decode()
    assert "Oratrice" not in html
    world["open_event"].speakers.add(world["speaker"])
    html = client.get(reverse("events:speakers")).content.decode()
    assert "Oratrice" in html and "1 événement<" in html.replace("\n", "").replace(" <", "<")


def test_visible_to_counts(world):
    event = world["event"]
    for role, user in world["users"].items():
        visible = Event.objects.visible_to(user)
        assert visible.filter(pk=event.pk).exists() is (role in INSIDERS), role
        assert visible.filter(pk=world["open_event"].pk).exists()


def test_group_animator_creates_group_event_only(client, world):
    group = world["group"]
    client.force_login(world["users"]["group_animator"])
    form = client.get(reverse("events:create")).context["form"]
    assert [c[0] for c in form.fields["audience"].choices] == [Audience.GROUP]
    assert list(form.fields["audience_group"].queryset) == [group]
    response = client.post(reverse("events:create"), event_form_data(audience="open"))
    assert response.status_code == 200 and "audience" in response.context["form"].errors
    response = client.post(reverse("events:create"), event_form_data(audience="group"))
    assert "Choisissez le groupe" in response.content.decode()
    other = GroupFactory()
    response = client.post(
        reverse("events:create"), event_form_data(audience="group", audience_group=other.pk)
    )
    assert "Choisissez un groupe que vous animez" in response.content.decode()
    response = client.post(
        reverse("events:create"), event_form_data(audience="group", audience_group=group.pk)
    )
    event = Event.objects.get(title="Atelier entre pairs")
    assert response.status_code == 302 and event.audience_group == group
    assert not SearchDocument.objects.filter(object_id=event.pk, kind="event").exists()


def test_plain_member_and_network_animator_cannot_pick_group(world):
    for role in ["member", "network_animator", "group_member"]:
        form = EventForm(user=world["users"][role])
        assert "audience_group" not in form.fields
        assert Audience.GROUP not in [c[0] for c in form.fields["audience"].choices]
    assert not perms.can_create_event(world["users"]["group_member"])
    assert perms.can_create_event(world["users"]["group_animator"])


def test_network_animator_who_animates_group_picks_it_and_clears_it(world):
    user = world["users"]["network_animator"]
    GroupMembershipFactory(group=world["group"], user=user, animator=True)
    form = EventForm(data=event_form_data(audience="members", audience_group=world["group"].pk), user=user)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["audience_group"] is None  # only a group audience keeps a group
    assert Audience.GROUP in [c[0] for c in form.fields["audience"].choices]
