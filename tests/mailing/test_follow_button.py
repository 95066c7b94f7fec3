"""The "Suivre" button on the pages of organisations, people, themes and territories, and what a
follow then brings: notifications saying who did what, and the digest e-mail."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.experiences.services import experience_publish
from apps.mailing.follows import FollowedTargets, follow_button_context
from apps.mailing.models import FollowKind, SubjectFollow
from apps.mailing.perms import can_follow
from apps.notifications.models import Frequency, Kind, Notification
from apps.notifications.services import notifications_send, preference_set
from apps.questions.services import question_create
from apps.territories.models import Kind as TerritoryKind
from apps.themes.models import Theme
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def project_territory(name, members):
    territory = RegionFactory(kind=TerritoryKind.PROJECT, code=f"P-{name}", name=name)
    territory.members.set(members)
    return territory


# --------------------------------------------------------------------------------------------- perms


def test_who_may_follow_what():
    member, other = UserFactory(), UserFactory()
    me = PersonFactory(user=member)
    assert can_follow(member, FollowKind.ORGANISATION, OrganisationFactory())
    assert not can_follow(member, FollowKind.ORGANISATION, OrganisationFactory(pending=True))
    assert can_follow(member, FollowKind.PERSON, PersonFactory(user=other))
    assert not can_follow(member, FollowKind.PERSON, PersonFactory(hidden=True))
    assert not can_follow(member, FollowKind.PERSON, PersonFactory(is_removed=True))
    assert not can_follow(member, FollowKind.PERSON, me)  # oneself
    assert can_follow(member, FollowKind.THEME, ThemeFactory())
    assert not can_follow(member, FollowKind.THEME, ThemeFactory(is_active=False))
    assert can_follow(member, FollowKind.TERRITORY, CommuneFactory())
    assert not can_follow(member, FollowKind.ORGANISATION, None)
    assert not can_follow(member, "nimporte", OrganisationFactory())
    from django.contrib.auth.models import AnonymousUser

    assert not can_follow(AnonymousUser(), FollowKind.THEME, ThemeFactory())
    assert not can_follow(UserFactory(is_active=False), FollowKind.THEME, ThemeFactory())


def test_a_territory_follow_matches_content_of_the_territories_it_contains():
    commune = CommuneFactory()
    project = project_territory("PETR du Grand Clermont", [commune.epci])
    elsewhere = CommuneFactory()
    item = ExperienceFactory(territory=commune)
    author = UserFactory()
    for followed, matches in [
        (project, True),
        (commune.epci, True),
        (commune.departement, True),
        (commune.region, True),
        (commune, True),
        (elsewhere, False),
        (elsewhere.epci, False),
    ]:
        SubjectFollow.objects.all().delete()
        SubjectFollow.objects.create(user=UserFactory(), kind=FollowKind.TERRITORY, object_id=followed.pk)
        conditions = FollowedTargets().conditions(item, author, [])
        assert (conditions is not None) is matches, followed
        if matches:
            assert SubjectFollow.objects.filter(conditions).count() == 1
    SubjectFollow.objects.all().delete()
    assert not FollowedTargets()  # nobody follows anything: a run reads no content at all


# --------------------------------------------------------------------------------------------- pages


def button_pages():
    organisation = OrganisationFactory(name="Mairie de Riom")
    person = PersonFactory(first_name="Camille", last_name="Martin", user=UserFactory())
    theme = ThemeFactory(name="Mobilité")
    territory = CommuneFactory(name="Riom")
    return [
        (FollowKind.ORGANISATION, organisation, organisation.get_absolute_url()),
        (FollowKind.PERSON, person, reverse("directory:person_detail", args=[person.slug])),
        (FollowKind.THEME, theme, reverse("themes:list")),
        (FollowKind.TERRITORY, territory, territory.get_absolute_url()),
    ]


def test_follow_button_on_each_page_without_javascript(client):
    pages = button_pages()
    for _, _, url in pages:
        assert "Suivre<span" not in client.get(url).content.decode()  # visitors: no button
    member = UserFactory()
    client.force_login(member)
    for kind, target, url in pages:
        page = client.get(url).content.decode()
        assert f'name="object_id" value="{target.pk}"' in page, url
        assert "Ne plus suivre" not in page
        response = client.post(
            reverse("mailing:follow_add"), {"kind": kind, "object_id": target.pk, "next": url}
        )
        assert response.status_code == 302 and response.url == url
        follow = SubjectFollow.objects.get(user=member, kind=kind, object_id=target.pk)
        page = client.get(url).content.decode()
        assert "Ne plus suivre" in page and f"« {target} »" in page
        assert reverse("mailing:follow_remove", args=[follow.pk]) in page
        response = client.post(reverse("mailing:follow_remove", args=[follow.pk]), {"next": url})
        assert response.status_code == 302 and response.url == url
        assert not SubjectFollow.objects.filter(pk=follow.pk).exists()
        assert "Ne plus suivre" not in client.get(url).content.decode()


def test_follow_button_with_htmx_answers_the_button_in_its_new_state(client):
    organisation = OrganisationFactory(name="Mairie de Riom")
    url = organisation.get_absolute_url()
    client.force_login(UserFactory())
    response = client.post(
        reverse("mailing:follow_add"),
        {"kind": "organisation", "object_id": organisation.pk, "next": url},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="suivi-organisation-' in body and "Ne plus suivre" in body
    follow = SubjectFollow.objects.get()
    response = client.post(
        reverse("mailing:follow_remove", args=[follow.pk]), {"next": url}, headers={"HX-Request": "true"}
    )
    assert "Suivre<span" in response.content.decode() and not SubjectFollow.objects.exists()
    # A refusal reloads the whole page (with its message) instead of swapping a page into the button.
    response = client.post(
        reverse("mailing:follow_add"),
        {"kind": "organisation", "object_id": OrganisationFactory(pending=True).pk, "next": url},
        headers={"HX-Request": "true"},
    )
    assert response.headers["HX-Redirect"] == url and not SubjectFollow.objects.exists()


def test_follow_never_redirects_elsewhere_and_refuses_what_may_not_be_followed(client):
    member = UserFactory()
    client.force_login(member)
    organisation = OrganisationFactory()
    for unsafe in ("https://ailleurs.example/", "//ailleurs.example/"):
        response = client.post(
            reverse("mailing:follow_add"),
            {"kind": "organisation", "object_id": organisation.pk, "next": unsafe},
        )
        assert response.url == reverse("mailing:follows")
    me = PersonFactory(user=member)
    hidden_org = OrganisationFactory(pending=True)
    for kind, object_id in (("person", me.pk), ("organisation", hidden_org.pk)):
        client.post(reverse("mailing:follow_add"), {"kind": kind, "object_id": object_id})
    assert list(SubjectFollow.objects.values_list("kind", flat=True)) == ["organisation"]
    # Someone else's follow cannot be removed through the button.
    other = SubjectFollow.objects.create(user=UserFactory(), kind="theme", object_id=ThemeFactory().pk)
    client.post(reverse("mailing:follow_remove", args=[other.pk]), {"next": "/"})
    assert SubjectFollow.objects.filter(pk=other.pk).exists()


def test_no_button_on_ones_own_page_and_a_way_out_of_a_deactivated_theme(client):
    member = UserFactory()
    me = PersonFactory(user=member)
    client.force_login(member)
    page = client.get(reverse("directory:person_detail", args=[me.slug])).content.decode()
    assert 'name="kind" value="person"' not in page
    theme = ThemeFactory(name="Ancienne thématique", is_active=False)
    SubjectFollow.objects.create(user=member, kind=FollowKind.THEME, object_id=theme.pk)
    request = RequestFactory().get("/")
    request.user = member
    context = follow_button_context(request=request, kind=FollowKind.THEME, target=theme, next_url="/")
    assert context["show"] and context["follow_id"]


def test_theme_list_reads_the_follows_once_whatever_the_number_of_themes(client):
    client.force_login(UserFactory())
    url = reverse("themes:list")
    ThemeFactory.create_batch(2)
    client.get(url)  # warm caches (network settings, content types)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    ThemeFactory.create_batch(6)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('name="kind" value="theme"') == Theme.objects.filter(is_active=True).count() >= 8
    assert len(many) == len(few)
    assert sum("mailing_subjectfollow" in q["sql"] for q in many) == 1


# --------------------------------------------------------------------------------------------- end to end


def test_followed_content_reaches_notifications_and_digest_saying_who_did_what(client, commit):
    """A member clicks "Suivre" on a territory and a person; the cron line turns the new content
    into notifications; the weekly digest e-mails them; nothing about the content of others."""
    commune = CommuneFactory(name="Riom")
    project = project_territory("PETR du Grand Clermont", [commune.epci])
    organisation = OrganisationFactory(name="Mairie de Riom", territory=commune)
    author = UserFactory(first_name="Camille", last_name="Martin")
    author_person = PersonFactory(user=author, organisation=organisation)
    follower = UserFactory(first_name="Lou", email="lou@exemple.test")
    client.force_login(follower)
    client.post(
        reverse("mailing:follow_add"),
        {"kind": "territory", "object_id": project.pk, "next": project.get_absolute_url()},
    )
    client.post(reverse("mailing:follow_add"), {"kind": "person", "object_id": author_person.pk})
    assert SubjectFollow.objects.filter(user=follower).count() == 2

    experience = ExperienceFactory(
        title="Covoiturage rural", author=author, territory=commune, submitted=True
    )
    experience.organisations.set([organisation])
    experience_publish(experience=experience, by=UserFactory(animator=True))
    ExperienceFactory(title="Ailleurs", territory=CommuneFactory())  # matches no follow
    call_command("mailing_wake", stdout=StringIO())
    call_command("mailing_wake", stdout=StringIO())  # idempotent
    notes = list(Notification.objects.filter(recipient=follower, kind=Kind.FOLLOW))
    assert [n.title for n in notes] == [
        "Camille Martin (Mairie de Riom) a publié le retour d'expérience « Covoiturage rural »"
    ]
    assert notes[0].url == experience.get_absolute_url() and notes[0].frequency == Frequency.WEEKLY
    assert not Notification.objects.filter(recipient=author).exists()

    page = client.get(reverse("notifications:list")).content.decode()
    assert "Camille Martin (Mairie de Riom) a publié le retour d&#x27;expérience" in page

    mail.outbox.clear()
    with commit():
        assert notifications_send(frequency=Frequency.WEEKLY) == 1
    (email,) = [m for m in mail.outbox if m.to == ["lou@exemple.test"]]
    assert (
        "Camille Martin (Mairie de Riom) a publié le retour d'expérience « Covoiturage rural »" in email.body
    )
    assert experience.get_absolute_url() in email.body


def test_immediate_follow_preference_emails_right_away(commit):
    theme = ThemeFactory(name="Eau")
    follower = UserFactory(email="vite@exemple.test")
    preference_set(user=follower, kind=Kind.FOLLOW, frequency=Frequency.IMMEDIATE)
    SubjectFollow.objects.create(user=follower, kind=FollowKind.THEME, object_id=theme.pk)
    author = UserFactory(first_name="Sami", last_name="Haddad", animator=True)
    mail.outbox.clear()
    with commit():
        question_create(
            author=author, title="Qui récupère l'eau de pluie ?", body="Retours ?", themes=[theme]
        )
        call_command("mailing_wake", stdout=StringIO())
    (email,) = [m for m in mail.outbox if m.to == ["vite@exemple.test"]]
    assert "Sami Haddad a posé la question « Qui récupère l'eau de pluie ? »" in email.subject + email.body
