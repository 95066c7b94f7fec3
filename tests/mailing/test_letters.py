"""The network's letter: drafting, editing, preview, test send, segments, consent, archive."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.mailing import services
from apps.mailing.models import Delivery, Edition, EditionStatus, Kind, Segment, Status, Subscription
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    DepartementFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def animator(client):
    user = UserFactory(animator=True, first_name="Anne")
    client.force_login(user)
    return user


def test_draft_is_built_from_what_happened_and_the_coordinator_edits_it(client, animator):
    energy = ThemeFactory(name="Énergie")
    ExperienceFactory(title="Chaufferie bois à Thiers", themes=[energy])
    ExperienceFactory(title="Vieille histoire", published_at=timezone.now() - timedelta(days=90))
    ExperienceFactory(title="Brouillon secret", draft=True)
    EventFactory(title="Webinaire réseaux de chaleur")
    EventFactory(title="Atelier réservé", members_only=True)
    OrganisationFactory(name="Commune de Riom")

    response = client.post(reverse("mailing:edition_create"), {"title": ""})
    edition = Edition.objects.get()
    assert response.url == reverse("mailing:edition_edit", args=[edition.pk])
    assert edition.title.startswith("La lettre de ")
    kinds = [b["kind"] for b in edition.blocks]
    assert kinds[:2] == ["experiences", "events"] and "members" in kinds
    titles = [item["title"] for block in edition.blocks for item in block["items"]]
    assert "Chaufferie bois à Thiers" in titles and "Webinaire réseaux de chaleur" in titles
    assert "Vieille histoire" not in titles and "Brouillon secret" not in titles
    assert "Atelier réservé" not in titles  # the archive may be public: only public content
    page = client.get(reverse("mailing:edition_edit", args=[edition.pk]))
    assert page.status_code == 200 and "Chaufferie bois à Thiers" in page.content.decode()

    block_url = reverse("mailing:edition_block", args=[edition.pk])
    events_id = edition.blocks[1]["id"]
    client.post(block_url, {"action": "up", "block": events_id})
    edition.refresh_from_db()
    assert edition.blocks[0]["kind"] == "events"
    client.post(
        block_url, {"action": "add", "new-title": "Le mot de la présidente", "new-text": "**Bonne** année"}
    )
    edition.refresh_from_db()
    client.post(block_url, {"action": "remove", "block": edition.blocks[-2]["id"]})  # members block
    edition.refresh_from_db()
    assert [b["kind"] for b in edition.blocks] == ["events", "experiences", "text"]
    text_id = edition.blocks[-1]["id"]
    client.post(
        block_url,
        {"action": "save", "block": text_id, f"{text_id}-title": "Édito", f"{text_id}-text": "Merci à tous"},
    )
    client.post(block_url, {"action": "drop-item", "block": events_id, "item": "0"})
    client.post(
        block_url, {"action": "drop-item", "block": events_id, "item": "99"}
    )  # gone: a message, no 500
    edition.refresh_from_db()
    assert edition.blocks[-1]["title"] == "Édito" and edition.blocks[0]["items"] == []

    # Thematic edition: only that theme's content.
    client.post(reverse("mailing:edition_create"), {"title": "Lettre énergie", "theme": energy.pk})
    thematic = Edition.objects.get(theme=energy)
    titles = [item["title"] for block in thematic.blocks for item in block["items"]]
    assert titles[0] == "Chaufferie bois à Thiers" and "Webinaire réseaux de chaleur" not in titles


def test_preview_test_send_and_send_to_a_segment_once(client, animator, commit):
    region = RegionFactory(name="Auvergne-Rhône-Alpes")
    other = RegionFactory(name="Bretagne", code="53")
    inside = UserFactory(first_name="Inès")
    outside = UserFactory()
    PersonFactory(user=inside, organisation=OrganisationFactory(territory=region))
    PersonFactory(user=outside, organisation=OrganisationFactory(territory=other))
    ExperienceFactory(title="Chaufferie bois à Thiers")
    edition = services.edition_create(created_by=animator)
    edit_url = reverse("mailing:edition_edit", args=[edition.pk])
    response = client.post(
        edit_url,
        {
            "title": "Lettre de la région",
            "intro": "Bonjour à **toutes et tous**",
            "audience": f"region:{region.pk}",
        },
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.segment, edition.segment_value, edition.is_public) == (
        Segment.REGION,
        str(region.pk),
        False,
    )
    assert (
        client.post(edit_url, {"title": "x", "audience": "region:999999"}).status_code == 200
    )  # French error

    preview = client.get(reverse("mailing:edition_preview", args=[edition.pk])).content.decode()
    assert "Chaufferie bois à Thiers" in preview and 'style="' in preview and "<style" not in preview
    assert "<strong>toutes et tous</strong>" in preview and 'lang="fr"' in preview
    text = client.get(
        reverse("mailing:edition_preview", args=[edition.pk]) + "?format=texte"
    ).content.decode()
    assert "Chaufferie bois à Thiers" in text and "<" not in text.split("==")[0]

    with commit():
        client.post(reverse("mailing:edition_test", args=[edition.pk]))
    (test_mail,) = mail.outbox
    assert test_mail.to == [animator.email] and test_mail.subject == "[Test] Lettre de la région"
    assert Edition.objects.get().status == EditionStatus.DRAFT

    send_url = reverse("mailing:edition_send", args=[edition.pk])
    assert "1 destinataire(s)" in client.get(send_url).content.decode()
    with commit():
        response = client.post(send_url, {"confirm": "on"})
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT and response.url == reverse(
        "mailing:message", args=[edition.message_id]
    )
    letter = mail.outbox[-1]
    assert letter.to == [inside.email] and len(mail.outbox) == 2
    html = letter.alternatives[0].content
    unsubscribe = letter.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in html and unsubscribe in letter.body
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Sending twice (double click, scheduled send racing): nothing more leaves.
    with commit():
        client.post(send_url, {"confirm": "on"})
    assert len(mail.outbox) == 2 and Delivery.objects.filter(message__kind=Kind.NEWSLETTER).count() == 1
    log = client.get(reverse("mailing:message", args=[edition.message_id])).content.decode()
    assert inside.email in log and "Envoyé" in log


def test_one_click_unsubscribe_without_login_and_members_resubscribe(client, commit):
    member = UserFactory()
    edition = services.edition_create(title="Lettre d'hiver")
    with commit():
        services.edition_send(edition=edition)
    url = mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://127.0.0.1:8000")
    assert member.email in client.get(path).content.decode()
    # RFC 8058: the mail client POSTs without cookie nor CSRF token.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get().status == "unsubscribed"
    assert client.post(path).status_code == 200  # twice: still fine
    assert client.get("/lettres/desinscription/pas-un-jeton/").status_code == 404

    with commit():
        services.edition_send(edition=services.edition_create(title="Lettre de printemps"))
    assert Delivery.objects.filter(message__edition__title="Lettre de printemps").count() == 0

    client.force_login(member)
    assert "Vous ne recevez pas la lettre" in client.get(reverse("mailing:subscription")).content.decode()
    client.post(reverse("mailing:subscription"), {"subscribed": "oui"})
    assert not Subscription.objects.exists()


def test_double_opt_in_for_non_members(client, commit):
    with commit():
        response = client.post(reverse("mailing:subscription"), {"address": "Curieux@Exemple.test"})
    assert "Vérifiez votre messagerie" in response.content.decode()
    assert Subscription.objects.get().status == "pending"
    with commit():
        services.edition_send(edition=services.edition_create(title="Avant confirmation"))
    assert not Delivery.objects.filter(address="curieux@exemple.test", message__kind=Kind.NEWSLETTER).exists()

    link = re.search(r"http://\S+/confirmer/\S+/", mail.outbox[0].body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    # Opening the link (a mail scanner does) confirms nothing: the page asks.
    page = client.get(path).content.decode()
    assert "Confirmer mon abonnement" in page and Subscription.objects.get().status == "pending"
    page = client.post(path).content.decode()
    assert "curieux@exemple.test recevra la lettre" in page
    with commit():
        services.edition_send(edition=services.edition_create(title="Après confirmation"))
    assert (
        Delivery.objects.get(message__edition__title="Après confirmation").address == "curieux@exemple.test"
    )
    # Same page whether or not the address is known: no enumeration.
    again = client.post(reverse("mailing:subscription"), {"address": "curieux@exemple.test"}).content.decode()
    assert "Vérifiez votre messagerie" in again
    assert "pas valide" in client.get("/lettres/abonnement/confirmer/faux/").content.decode()


def test_archive_rss_and_members_only_editions(client):
    public = services.edition_create(title="Lettre publique")
    private = services.edition_create(
        title="Lettre des membres", period_start=timezone.now() - timedelta(days=3)
    )
    private.is_public = False
    private.save()
    draft = services.edition_create(title="Brouillon")
    for edition in (public, private):
        services.edition_send(edition=edition)
    listing = client.get("/lettres/").content.decode()
    assert "Lettre publique" in listing and "Lettre des membres" not in listing and "Brouillon" not in listing
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 302  # login first
    assert client.get(draft.get_absolute_url()).status_code == 302
    feed = client.get("/lettres/flux.xml")
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert b"Lettre publique" in feed.content and b"Lettre des membres" not in feed.content
    client.force_login(UserFactory())
    assert client.get(private.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_scheduled_edition_is_sent_by_the_cron_command(commit):
    from django.core.management import call_command

    UserFactory()
    edition = services.edition_create(title="Programmée")
    with pytest.raises(services.EditionError):
        services.edition_schedule(edition=edition, when=timezone.now() - timedelta(minutes=1))
    services.edition_schedule(edition=edition, when=timezone.now() + timedelta(hours=1))
    call_command("mailing_wake", stdout=StringIO())
    assert Edition.objects.get().status == EditionStatus.SCHEDULED
    Edition.objects.update(scheduled_at=timezone.now() - timedelta(seconds=1))
    with commit():
        call_command("mailing_wake", stdout=StringIO())
    assert Edition.objects.get().status == EditionStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "segment",
    ["theme", "department", "category", "organisation_type", "group"],
)
def test_segments(segment):
    from apps.groups.models import Group, GroupMembership
    from apps.mailing import audiences

    theme, departement = ThemeFactory(), DepartementFactory()
    target, other = UserFactory(), UserFactory()
    organisation = OrganisationFactory(territory=departement, themes=[theme], association=True)
    PersonFactory(user=target, organisation=organisation, elu=True)
    PersonFactory(user=other, organisation=OrganisationFactory())
    group = Group.objects.create(name="Groupe chaleur", slug="groupe-chaleur")
    GroupMembership.objects.create(group=group, user=target)
    value = {
        "theme": theme.pk,
        "department": departement.pk,
        "category": "elected",
        "organisation_type": "association",
        "group": group.pk,
    }[segment]
    assert [a for a, _ in audiences.recipients(segment, str(value))] == [target.email]


def test_only_animators_manage_letters_and_see_the_log(client):
    edition = services.edition_create(title="Brouillon")
    member = UserFactory()
    client.force_login(member)
    for url in [
        reverse("mailing:edition_create"),
        reverse("mailing:edition_edit", args=[edition.pk]),
        reverse("mailing:edition_preview", args=[edition.pk]),
        reverse("mailing:edition_send", args=[edition.pk]),
        reverse("mailing:messages"),
        reverse("mailing:failed_addresses"),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("mailing:edition_test", args=[edition.pk]),
        reverse("mailing:edition_block", args=[edition.pk]),
    ]:
        assert client.post(url, {"action": "redraft"}).status_code == 404, url
    client.logout()
    assert client.get(reverse("mailing:messages")).status_code == 302


def test_event_organiser_writes_to_registrants_and_waiting_list(client, commit):
    organiser = UserFactory()
    event = EventFactory(title="Atelier sobriété", created_by=organiser)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waiting")
    RegistrationFactory(event=event, status="cancelled")
    url = reverse("mailing:event_message", args=[event.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(organiser)
    assert "Liste d&#x27;attente (1)" in client.get(url).content.decode()
    with commit():
        response = client.post(
            url, {"targets": ["confirmed"], "subject": "Infos pratiques", "body": "Salle **B**"}
        )
    assert [m.to for m in mail.outbox] == [[confirmed.user.email]]
    assert mail.outbox[0].reply_to == [organiser.email]
    with commit():
        client.post(
            url, {"targets": ["confirmed", "waiting"], "subject": "Changement", "body": "Nouvelle salle"}
        )
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted([confirmed.user.email, waiting.user.email])
    # The organiser sees their message in the log.
    assert client.get(response.url).status_code == 200
    assert Delivery.objects.filter(status=Status.SENT).count() == 3


def test_consultation_reminder_reaches_only_organisations_that_have_not_contributed(client, commit):
    from apps.consultations.models import Audience
    from tests.consultations.factories import ConsultationFactory, ContributionFactory, ObjectiveFactory

    silent_org, active_org = OrganisationFactory(), OrganisationFactory()
    silent, active = UserFactory(), UserFactory()
    PersonFactory(user=silent, organisation=silent_org)
    PersonFactory(user=active, organisation=active_org)
    consultation = ConsultationFactory(title="Feuille de route 2027", audience=Audience.ORGANISATIONS)
    consultation.invited_organisations.set([silent_org, active_org])
    ContributionFactory(
        action__objective=ObjectiveFactory(consultation=consultation), organisation=active_org
    )
    url = reverse("mailing:consultation_reminder", args=[consultation.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(animator=True))
    page = client.get(url).content.decode()
    assert "1 personne(s)" in page and "Votre contribution est attendue" in page
    with commit():
        client.post(url, {"subject": "Relance", "body": "Il reste deux semaines."})
    assert [m.to for m in mail.outbox] == [[silent.email]]
    assert Delivery.objects.get().message.kind == Kind.CONSULTATION


def test_poll_author_invites_a_segment(client, commit):
    from apps.polls.models import Poll

    author, invited = UserFactory(), UserFactory()
    PersonFactory(user=invited, organisation=OrganisationFactory(), elu=True)
    poll = Poll.objects.create(title="Comité de pilotage", slug="comite", created_by=author)
    url = reverse("mailing:poll_invitation", args=[poll.slug])
    client.force_login(invited)
    assert client.get(url).status_code == 404
    client.force_login(author)
    assert "Quelle date vous convient" in client.get(url).content.decode()
    with commit():
        client.post(url, {"audience": "category:elected", "subject": "Vos dates", "body": "Répondez ici."})
    assert [m.to for m in mail.outbox] == [[invited.email]]
    assert "/sondages/comite/" in mail.outbox[0].body


def test_a_message_to_a_private_group_event_stays_in_the_group(client, commit):
    """Issue 11: the sent-messages log showed a group event's message (subject, recipients) to every
    network animator; group content exists for the group's active members only."""
    from apps.events.models import Audience
    from apps.groups.models import Access
    from tests.groups.factories import GroupFactory, GroupMembershipFactory

    group = GroupFactory(access=Access.CLOSED)
    group_animator = UserFactory()
    GroupMembershipFactory(group=group, user=group_animator, animator=True)
    event = EventFactory(title="Réunion du groupe", audience=Audience.GROUP, audience_group=group)
    RegistrationFactory(event=event)
    client.force_login(group_animator)
    with commit():
        response = client.post(
            reverse("mailing:event_message", args=[event.slug]),
            {"targets": ["confirmed"], "subject": "Ordre du jour confidentiel", "body": "Texte"},
        )
    assert client.get(response.url).status_code == 200
    client.force_login(UserFactory(animator=True))  # an animator of the network, outside the group
    assert client.get(response.url).status_code == 404
    assert "Ordre du jour confidentiel" not in client.get(reverse("mailing:messages")).content.decode()
    inside = UserFactory(animator=True)  # a network animator who is a member of the group
    GroupMembershipFactory(group=group, user=inside)
    client.force_login(inside)
    assert "Ordre du jour confidentiel" in client.get(reverse("mailing:messages")).content.decode()
