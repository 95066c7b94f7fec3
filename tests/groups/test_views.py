import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.directory.models import PersonCategory
from apps.groups.models import Access, GroupKind, GroupMembership
from apps.notifications.models import Kind, Notification
from tests.factories import PersonFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


def test_join_open_group(client):
    group = GroupFactory(open=True)
    user = UserFactory()
    client.force_login(user)
    assert client.post(f"/groupes/{group.slug}/rejoindre/").status_code == 302
    assert GroupMembership.objects.get(group=group, user=user).status == GroupMembership.Status.ACTIVE
    # Cannot join twice / cannot join a request group directly.
    assert client.post(f"/groupes/{group.slug}/rejoindre/").status_code == 403
    other = GroupFactory()
    assert client.post(f"/groupes/{other.slug}/rejoindre/").status_code == 403


def test_request_then_animator_decides(client):
    group = GroupFactory()
    animator = GroupMembershipFactory(group=group, animator=True).user
    user = UserFactory()
    client.force_login(user)
    client.post(f"/groupes/{group.slug}/demande/", {"motivation": "Je suis élue à Annecy."})
    membership = GroupMembership.objects.get(group=group, user=user)
    assert membership.status == GroupMembership.Status.PENDING
    assert Notification.objects.filter(recipient=animator, kind=Kind.GROUP).exists()
    assert client.get(f"/groupes/{group.slug}/documents/").status_code == 404
    client.force_login(user)
    assert (
        client.post(
            f"/groupes/{group.slug}/membres/", {"action": "accept", "membership": membership.pk}
        ).status_code
        == 404
    )
    client.force_login(animator)
    assert "Je suis élue à Annecy." in client.get(f"/groupes/{group.slug}/membres/").content.decode()
    client.post(f"/groupes/{group.slug}/membres/", {"action": "accept", "membership": membership.pk})
    membership.refresh_from_db()
    assert membership.is_active
    client.post(f"/groupes/{group.slug}/membres/", {"action": "animator", "membership": membership.pk})
    membership.refresh_from_db()
    assert membership.role == GroupMembership.Role.ANIMATOR
    response = client.post(
        f"/groupes/{group.slug}/membres/", {"action": "add", "email": "personne@nulle.part"}
    )
    assert "Aucun compte actif" in response.content.decode()


def test_peer_group_restricted_to_category(client):
    group = GroupFactory(open=True, kind=GroupKind.CATEGORY, category=PersonCategory.ELECTED)
    agent = PersonFactory(with_user=True).user
    elu = PersonFactory(with_user=True, elu=True).user
    client.force_login(agent)
    assert client.post(f"/groupes/{group.slug}/rejoindre/").status_code == 403
    client.force_login(elu)
    assert client.post(f"/groupes/{group.slug}/rejoindre/").status_code == 302


def test_leave_with_confirmation(client):
    membership = GroupMembershipFactory()
    client.force_login(membership.user)
    assert client.get(f"/groupes/{membership.group.slug}/quitter/").status_code == 200
    assert GroupMembership.objects.filter(pk=membership.pk).exists()
    client.post(f"/groupes/{membership.group.slug}/quitter/")
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()


def test_document_upload_checks_and_download(client):
    membership = GroupMembershipFactory()
    group = membership.group
    client.force_login(membership.user)
    url = f"/groupes/{group.slug}/documents/"
    response = client.post(url, {"title": "Exe", "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "Les fichiers .exe ne sont pas acceptés" in response.content.decode()
    response = client.post(url, {"title": "Faux", "file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert "ne correspond pas" in response.content.decode()
    big = SimpleUploadedFile("gros.txt", b"a" * (10 * 1024 * 1024 + 1))
    assert "10 Mo au plus" in client.post(url, {"title": "Gros", "file": big}).content.decode()
    assert (
        client.post(
            url, {"title": "CR réunion", "file": SimpleUploadedFile("cr.pdf", b"%PDF-1.4 ok")}
        ).status_code
        == 302
    )
    document = group.documents.get()
    response = client.get(document.get_absolute_url())
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ok"
    assert "attachment" in response["Content-Disposition"]
    # Stored in the private storage (outside MEDIA_ROOT), so never served by /media/.
    from django.core.files.storage import storages

    assert document.file.storage is storages["private"] and storages["private"] is not storages["default"]
    client.post(f"/groupes/{group.slug}/documents/{document.pk}/supprimer/")
    assert not group.documents.exists()


def test_create_group_by_animator_only(client):
    client.force_login(UserFactory())
    assert client.get("/groupes/creer/").status_code == 403
    client.force_login(UserFactory(animator=True))
    response = client.post(
        "/groupes/creer/", {"name": "Élus", "kind": GroupKind.CATEGORY, "access": Access.REQUEST}
    )
    assert "doit préciser la catégorie" in response.content.decode()
    client.post(
        "/groupes/creer/",
        {
            "name": "Élus du programme",
            "kind": GroupKind.CATEGORY,
            "category": "elected",
            "access": Access.CLOSED,
        },
    )
    assert client.get("/groupes/elus-du-programme/").status_code == 200


def test_group_list_query_count(client, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(25):
        GroupMembershipFactory(user=user)
    client.force_login(user)
    with django_assert_max_num_queries(10):
        assert client.get("/groupes/").status_code == 200
