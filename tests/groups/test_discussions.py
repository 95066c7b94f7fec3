"""Group discussions: distinct from questions, threaded, @mentions notify members only, the author
may turn one into a public question; outsiders never see any of it."""

import pytest

from apps.groups import services
from apps.groups.models import Discussion, DiscussionMessage
from apps.notifications.models import Kind, Notification
from apps.questions.models import Question
from tests.factories import PersonFactory, ThemeFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Élu·es des petites villes")


def member(group, **kwargs):
    return GroupMembershipFactory(group=group, **kwargs).user


def test_start_discussion_from_group_page(client, group):
    author = member(group)
    other = member(group)
    client.force_login(author)
    html = client.get(group.get_absolute_url()).content.decode()
    assert f'href="/groupes/{group.slug}/discussions/lancer/"' in html
    assert (
        "Le contexte, ce que vous avez déjà essayé"
        not in client.get(f"/groupes/{group.slug}/discussions/lancer/").content.decode()
    )
    response = client.post(
        f"/groupes/{group.slug}/discussions/lancer/",
        {"subject": "Covoiturage vers le marché", "body": "Qui a essayé ?"},
    )
    discussion = Discussion.objects.get()
    assert response["Location"] == discussion.get_absolute_url()
    assert discussion.message_count == 1 and not Question.objects.exists()
    assert Notification.objects.filter(recipient=other, kind=Kind.GROUP, event="new").exists()
    assert not Notification.objects.filter(recipient=author).exists()
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Covoiturage vers le marché" in html and "1 message" in html


def test_empty_inputs_get_french_errors(client, group):
    client.force_login(member(group))
    html = client.post(
        f"/groupes/{group.slug}/discussions/lancer/", {"subject": "", "body": ""}
    ).content.decode()
    assert "Donnez un sujet à la discussion." in html and "Écrivez votre premier message." in html
    discussion = services.discussion_create(group=group, author=member(group), subject="Sujet", body="Texte")
    first = discussion.messages.get()
    html = client.post(discussion.get_absolute_url(), {"body": "", "parent": first.pk}).content.decode()
    assert "Votre message est vide." in html
    assert DiscussionMessage.objects.count() == 1


def test_replies_are_threaded_one_level(client, group):
    author, replier = member(group), member(group)
    discussion = services.discussion_create(group=group, author=author, subject="Sujet", body="Premier")
    first = discussion.messages.get()
    client.force_login(replier)
    response = client.post(discussion.get_absolute_url(), {"body": "Une réponse", "parent": first.pk})
    reply = DiscussionMessage.objects.get(body="Une réponse")
    assert response["Location"] == reply.get_absolute_url()
    assert reply.parent == first
    deeper = services.discussion_message_post(discussion=discussion, author=author, body="Re", parent=reply)
    assert deeper.parent == first
    discussion.refresh_from_db()
    assert discussion.message_count == 3
    # The author of the discussion hears about the reply.
    assert Notification.objects.filter(recipient=author, event="message").exists()
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert html.index("Premier") < html.index("Une réponse")
    # A message of another discussion cannot be a parent.
    other = services.discussion_create(group=group, author=author, subject="Autre", body="…")
    response = client.post(other.get_absolute_url(), {"body": "x", "parent": first.pk})
    assert response.status_code == 404


def test_mentions_notify_members_only(group):
    author = member(group)
    lea = PersonFactory(with_user=True, user__first_name="Léa", user__last_name="Martin").user
    GroupMembershipFactory(group=group, user=lea)
    outsider = UserFactory(first_name="Paul", last_name="Dehors")
    discussion = services.discussion_create(
        group=group, author=author, subject="Budget", body="Qu'en pensez-vous @lea martin ? Et @Paul Dehors ?"
    )
    message = discussion.messages.get()
    assert list(message.mentioned.all()) == [lea]
    mention = Notification.objects.get(recipient=lea, event="mention")
    assert "vous mentionne" in mention.title and mention.url.endswith(f"#message-{message.pk}")
    assert not Notification.objects.filter(recipient=lea, event="new").exists()  # told once
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_outsiders_never_see_discussions(client, group):
    discussion = services.discussion_create(group=group, author=member(group), subject="Secret", body="…")
    client.force_login(UserFactory())
    for url in [
        discussion.get_absolute_url(),
        f"/groupes/{group.slug}/discussions/lancer/",
        f"/questions/depuis-une-discussion/{discussion.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(discussion.get_absolute_url(), {"body": "Intrus"}).status_code == 404
    client.force_login(UserFactory(animator=True))  # network animators do not read groups either
    assert client.get(discussion.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(discussion.get_absolute_url()).status_code == 302


def test_leaving_forgets_discussion_notifications(group):
    author, leaver = member(group), member(group)
    services.discussion_create(group=group, author=author, subject="Secret", body="…")
    assert Notification.objects.filter(recipient=leaver).exists()
    services.group_leave(group=group, user=leaver)
    assert not Notification.objects.filter(recipient=leaver).exists()


def test_author_turns_discussion_into_public_question(client, group, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Mobilité")
    group.themes.set([theme])
    author, other = member(group), member(group)
    discussion = services.discussion_create(
        group=group, author=author, subject="Transport à la demande en zone rurale", body="Nos essais."
    )
    url = f"/questions/depuis-une-discussion/{discussion.pk}/"
    client.force_login(other)
    assert client.get(url).status_code == 403
    client.force_login(author)
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Poser comme question au réseau" in html
    html = client.get(url).content.decode()
    assert 'value="Transport à la demande en zone rurale"' in html and "Nos essais." in html
    response = client.post(
        url,
        {
            "title": "Transport à la demande en zone rurale ?",
            "body": "Qui l'a mis en place ?",
            "themes": [theme.pk],
        },
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert question.group is None and question.author == author
    discussion.refresh_from_db()
    assert discussion.question == question
    assert (
        "a été posée comme question à tout le réseau"
        in client.get(discussion.get_absolute_url()).content.decode()
    )
    assert client.get(url).status_code == 403  # once
