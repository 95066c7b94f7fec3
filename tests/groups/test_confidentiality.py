"""Confidentiality matrix: role x group kind x object x action, over every view that returns content
of a group. Outsiders get 404 (never 403: the existence of a closed group's content is private),
visitors are sent to the login page, and no page or list ever shows a private title."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.groups import services as group_services
from apps.groups.models import Access
from apps.questions import services
from apps.search.services import search_reindex
from tests.factories import ThemeFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

SECRET = "Zorglub confidentiel"
ROLES = ["anonymous", "outsider", "network_animator", "pending", "member", "group_animator"]
KINDS = [Access.OPEN, Access.REQUEST, Access.CLOSED]


@pytest.fixture
def world(db, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    data = {}
    for kind in KINDS:
        group = GroupFactory(access=kind, name=f"Groupe {kind}")
        animator = GroupMembershipFactory(group=group, animator=True).user
        member = GroupMembershipFactory(group=group).user
        pending = GroupMembershipFactory(group=group, pending=True).user
        question = services.question_create(
            author=member,
            title=f"{SECRET} {kind}",
            body="Texte privé.",
            themes=[ThemeFactory(name="Énergie")],
            group=group,
            files=[SimpleUploadedFile("note.txt", b"secret", content_type="text/plain")],
        )
        answer = services.answer_create(question=question, author=animator, body=f"{SECRET} réponse")
        document = group_services.document_upload(
            group=group, by=member, title=f"{SECRET} document", upload=SimpleUploadedFile("a.txt", b"hello")
        )
        data[kind] = {
            "group": group,
            "question": question,
            "answer": answer,
            "document": document,
            "users": {
                "anonymous": None,
                "outsider": UserFactory(),
                "network_animator": UserFactory(animator=True),
                "pending": pending,
                "member": member,
                "group_animator": animator,
            },
        }
    search_reindex()
    return data


def urls(d):
    g, q, a, doc = d["group"], d["question"], d["answer"], d["document"]
    return {
        "group_detail": f"/groupes/{g.slug}/",
        "group_members": f"/groupes/{g.slug}/membres/",
        "group_documents": f"/groupes/{g.slug}/documents/",
        "document_download": f"/groupes/{g.slug}/documents/{doc.pk}/",
        "document_delete": f"/groupes/{g.slug}/documents/{doc.pk}/supprimer/",
        "question_detail": f"/questions/{q.pk}/",
        "question_history": f"/questions/{q.pk}/historique/",
        "question_edit": f"/questions/{q.pk}/modifier/",
        "question_report": f"/questions/{q.pk}/signaler/",
        "question_moderate": f"/questions/{q.pk}/moderer/?action=verrouiller",
        "answer_moderate": f"/questions/reponses/{a.pk}/moderer/",
        "attachment": f"/questions/pieces-jointes/{q.attachments.get().pk}/",
        "new_discussion": f"/questions/poser/?groupe={g.slug}",
    }


# Who may open each object (200); the others: 404 (or 403 for an action on a visible object).
CONTENT_READERS = {"member", "group_animator"}
EXPECTED = {
    "group_detail": lambda role, kind: (
        200 if role in CONTENT_READERS | {"network_animator"} or kind != Access.CLOSED else 404
    ),
    "group_members": lambda role, kind: 200 if role in CONTENT_READERS | {"network_animator"} else 404,
    "group_documents": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    "document_download": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    # The uploader is `member`; the group animator may delete too.
    "document_delete": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    "question_detail": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    "question_history": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    # The author is `member`; the group animator moderates.
    "question_edit": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    # The author cannot report their own question.
    "question_report": lambda role, kind: {"member": 403, "group_animator": 200}.get(role, 404),
    "question_moderate": lambda role, kind: {"member": 403, "group_animator": 200}.get(role, 404),
    "answer_moderate": lambda role, kind: {"member": 403, "group_animator": 200}.get(role, 404),
    "attachment": lambda role, kind: 200 if role in CONTENT_READERS else 404,
    "new_discussion": lambda role, kind: 200 if role in CONTENT_READERS else 404,
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_matrix(client, world, kind, role, page):
    d = world[kind]
    user = d["users"][role]
    if user:
        client.force_login(user)
    response = client.get(urls(d)[page])
    if response.streaming:  # read to the end: closes the file as a WSGI server would
        b"".join(response.streaming_content)
    if role == "anonymous":
        assert response.status_code == 302 and "/compte/" in response["Location"]
        return
    expected = EXPECTED[page](role, kind)
    assert response.status_code == expected, (page, role, kind)
    if role not in CONTENT_READERS and response.status_code == 200 and not page.startswith("document"):
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("role", ["outsider", "network_animator", "pending"])
def test_lists_search_notifications_never_leak(client, world, role):
    """Lists, counts, search, FAQ, stats, notifications: nothing of any group for non-members."""
    for kind in KINDS:
        user = world[kind]["users"][role]
        client.force_login(user)
        pages = [
            "/questions/",
            "/questions/?vue=sans-reponse",
            "/questions/faq/",
            "/questions/expertises/",
            "/groupes/",
            "/notifications/",
            f"/recherche/?q={SECRET.split()[0]}",
            f"/questions/similaires/?title={SECRET.split()[0]}",
        ]
        if role == "network_animator":
            pages += ["/questions/moderation/", "/questions/statistiques/"]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url
        client.logout()


def test_closed_group_name_hidden_from_outsiders(client, world):
    client.force_login(world[Access.CLOSED]["users"]["outsider"])
    body = client.get("/groupes/").content.decode()
    assert "Groupe closed" not in body
    assert "Groupe open" in body


def test_member_sees_group_content_in_lists(client, world):
    client.force_login(world[Access.CLOSED]["users"]["member"])
    body = client.get(f"/groupes/{world[Access.CLOSED]['group'].slug}/").content.decode()
    assert f"{SECRET} closed" in body
    # ...but group questions are not mixed into the network list.
    assert SECRET not in client.get("/questions/").content.decode()


def test_leaving_forgets_private_notifications(client, world):
    d = world[Access.CLOSED]
    animator = d["users"]["group_animator"]
    assert animator.notifications.filter(title__contains=SECRET).exists()
    group_services.group_leave(group=d["group"], user=animator)
    assert not animator.notifications.filter(title__contains=SECRET).exists()
    client.force_login(animator)
    assert client.get(f"/questions/{d['question'].pk}/").status_code == 404


def test_outsiders_cannot_post_answer_or_vote(client, world):
    d = world[Access.OPEN]
    client.force_login(d["users"]["outsider"])
    q, a = d["question"], d["answer"]
    assert client.post(f"/questions/{q.pk}/repondre/", {"body": "intrus"}).status_code == 404
    assert client.post(f"/questions/reponses/{a.pk}/utile/").status_code == 404
    assert client.post(f"/questions/reponses/{a.pk}/commenter/", {"body": "x"}).status_code == 404
    assert client.post(f"/questions/{q.pk}/suivre/", {"suivre": "1"}).status_code == 404
    assert not q.answers.filter(body="intrus").exists()
