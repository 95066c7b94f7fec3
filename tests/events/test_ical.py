from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from apps.events import services
from apps.events.ical import site_host
from tests.events.factories import EventFactory
from tests.factories import OrganisationFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_agenda_ics_is_valid_rfc5545_with_urls_uids_and_vtimezone(client, settings):
    settings.MAILLAGE_SITE_URL = "https://reseau.exemple.test"
    event = EventFactory(
        title="Webinaire sol",
        start=datetime(2027, 3, 10, 9, 0, tzinfo=PARIS),
        end=datetime(2027, 3, 10, 12, 0, tzinfo=PARIS),
    )
    EventFactory(members_only=True, title="Réservé")
    cal = parse(client.get(reverse("events:feed_ical")))
    assert cal["version"] == "2.0" and cal["prodid"]
    vevents = cal.walk("VEVENT")
    assert [str(v["summary"]) for v in vevents] == ["Webinaire sol"]
    vevent = vevents[0]
    assert str(vevent["url"]) == f"https://reseau.exemple.test{event.get_absolute_url()}"
    assert str(vevent["uid"]) == f"event-{event.pk}@reseau.exemple.test"
    assert "dtstamp" in vevent
    assert vevent["dtstart"].params["TZID"] == "Europe/Paris"
    assert vevent.decoded("dtstart") == datetime(2027, 3, 10, 9, 0, tzinfo=PARIS)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    # Stable UID: a second download gives the same one.
    again = parse(client.get(reverse("events:feed_ical")))
    assert str(again.walk("VEVENT")[0]["uid"]) == str(vevent["uid"])


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        (datetime(2027, 3, 27, 10, 0), 9),  # Saturday before the spring change: UTC+1
        (datetime(2027, 3, 28, 10, 0), 8),  # day of the change: UTC+2
        (datetime(2027, 10, 30, 10, 0), 8),  # Saturday before autumn change: UTC+2
        (datetime(2027, 10, 31, 10, 0), 9),  # day of the change: UTC+1
    ],
)
def test_dst_transitions_round_trip(client, local, utc_hour):
    start = local.replace(tzinfo=PARIS)
    EventFactory(start=start, end=start.replace(hour=12))
    vevent = parse(client.get(reverse("events:feed_ical"))).walk("VEVENT")[0]
    decoded = vevent.decoded("dtstart")
    assert decoded.astimezone(ZoneInfo("UTC")).hour == utc_hour
    assert decoded.replace(tzinfo=None) == local
    # The VTIMEZONE shipped with the feed must give the same offset as the zoneinfo database.
    vtz = parse(client.get(reverse("events:feed_ical"))).walk("VTIMEZONE")[0]
    tz = vtz.to_tz()
    assert local.replace(tzinfo=tz).utcoffset() == start.utcoffset()


def test_overseas_event_keeps_its_zone(client):
    reunion = ZoneInfo("Indian/Reunion")
    EventFactory(
        timezone_name="Indian/Reunion",
        start=datetime(2027, 5, 4, 9, 0, tzinfo=reunion),
        end=datetime(2027, 5, 4, 11, 0, tzinfo=reunion),
    )
    cal = parse(client.get(reverse("events:feed_ical")))
    vevent = cal.walk("VEVENT")[0]
    assert vevent["dtstart"].params["TZID"] == "Indian/Reunion"
    assert vevent.decoded("dtstart").hour == 9
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == {"Indian/Reunion"}


def test_theme_and_organisation_feeds(client):
    theme = ThemeFactory(name="Thème de test agenda")
    org = OrganisationFactory()
    EventFactory(title="Sur l'alimentation", themes=[theme])
    EventFactory(title="Par l'organisation", organisers=[org])
    EventFactory(title="Autre")
    titles = lambda r: [str(v["summary"]) for v in parse(r).walk("VEVENT")]  # noqa: E731
    assert titles(client.get(reverse("events:feed_ical_scoped", args=["thematique", theme.slug]))) == [
        "Sur l'alimentation"
    ]
    assert titles(client.get(reverse("events:feed_ical_scoped", args=["organisation", org.slug]))) == [
        "Par l'organisation"
    ]
    assert client.get(reverse("events:feed_ical_scoped", args=["inconnu", "x"])).status_code == 404
    assert client.get(reverse("events:feed_ical_scoped", args=["thematique", "nope"])).status_code == 404


def test_rss_feed(client):
    EventFactory(title="Webinaire RSS")
    response = client.get(reverse("events:feed_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert b"<title>Webinaire RSS" in response.content
    org = OrganisationFactory()
    assert client.get(reverse("events:feed_rss_scoped", args=["organisation", org.slug])).status_code == 200


def test_private_feed_token(client):
    user = UserFactory()
    event = EventFactory(members_only=True, title="Privé")
    services.registration_create(event=event, user=user)
    token = services.feed_token_create(user=user).token
    url = reverse("events:feed_private", kwargs={"token": token})
    assert [str(v["summary"]) for v in parse(client.get(url)).walk("VEVENT")] == ["Privé"]
    assert client.get(reverse("events:feed_private", kwargs={"token": "faux"})).status_code == 404
    services.feed_token_regenerate(user=user)
    assert client.get(url).status_code == 404


def test_single_event_ics_has_same_uid_and_respects_audience(client):
    event = EventFactory(members_only=True, title="Réservé")
    url = reverse("events:event_ical", args=[event.slug])
    assert client.get(url).status_code == 302  # the login page (issue 11: never 403)
    client.force_login(UserFactory())
    cal = parse(client.get(url))
    assert [str(v["uid"]) for v in cal.walk("VEVENT")] == [f"event-{event.pk}@{site_host()}"]
