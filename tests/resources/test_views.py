import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.resources.models import CollectionItem, Resource, ResourceStatus
from tests.factories import ThemeFactory, UserFactory
from tests.resources.factories import CollectionFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def login(client, role):
    if role == "anonymous":
        return None
    user = {"member": UserFactory, "animator": lambda: UserFactory(animator=True)}[role]()
    client.force_login(user)
    return user


def test_list_flags_filters_and_empty_state(client):
    assert "Aucune ressource ne correspond" in client.get(reverse("resources:list")).content.decode()
    theme = ThemeFactory(name="Énergie", slug="energie")
    ResourceFactory(title="Guide périmé", stale=True, themes=[theme])
    ResourceFactory(title="Guide cassé", link_status="broken")
    ResourceFactory(title="Suggestion cachée", suggested=True)
    content = client.get(reverse("resources:list")).content.decode()
    assert "Guide périmé" in content and "Guide cassé" in content and "Suggestion cachée" not in content
    assert "À revoir : revue prévue le" in content and "Lien cassé" in content
    content = client.get(reverse("resources:list"), {"thematique": "energie"}).content.decode()
    assert "Guide périmé" in content and "Guide cassé" not in content
    content = client.get(reverse("resources:list"), {"fraicheur": "stale"}).content.decode()
    assert "Guide périmé" in content and "Guide cassé" not in content
    response = client.get(reverse("resources:list"), {"type": "inconnu", "fraicheur": "x", "page": "abc"})
    assert response.status_code == 200 and "Ce type de ressource n" in response.content.decode()


def test_list_query_count(client, django_assert_max_num_queries):
    themes = [ThemeFactory(), ThemeFactory()]
    for _ in range(25):
        ResourceFactory(themes=themes)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("resources:list"))
    assert len(response.context["resources"]) == 20


@pytest.mark.parametrize(
    ("role", "create", "moderation", "freshness", "suggestion", "edit_other"),
    [
        # A pending suggestion: login page for anonymous visitors, 404 (never 403) for members.
        ("anonymous", 302, 302, 302, 302, 302),
        ("member", 200, 403, 403, 404, 403),
        ("animator", 200, 200, 200, 200, 200),
    ],
)
def test_permission_matrix(client, role, create, moderation, freshness, suggestion, edit_other):
    suggested = ResourceFactory(suggested=True)
    published = ResourceFactory()
    login(client, role)
    assert client.get(reverse("resources:create")).status_code == create
    assert client.get(reverse("resources:moderation")).status_code == moderation
    assert client.get(reverse("resources:freshness")).status_code == freshness
    assert client.get(suggested.get_absolute_url()).status_code == suggestion
    assert client.get(reverse("resources:update", args=[published.slug])).status_code == edit_other
    assert client.get(published.get_absolute_url()).status_code == 200


def test_member_suggests_and_animator_accepts(client, django_capture_on_commit_callbacks):
    animator = UserFactory(animator=True, email="animation@exemple.test")
    member = UserFactory(email="membre@exemple.test")
    client.force_login(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("resources:create"),
            {
                "title": "Guide du compostage",
                "kind": "guide",
                "summary": "Pour les communes.",
                "url": "https://exemple.test/compost",
                "audience": "everyone",
                "level": "beginner",
            },
        )
    resource = Resource.objects.get(title="Guide du compostage")
    assert response.status_code == 302
    assert resource.status == ResourceStatus.SUGGESTED and resource.suggested_by == member
    assert [m.to for m in mail.outbox] == [["animation@exemple.test"]]
    # The member sees their own suggestion, not others.
    assert client.get(resource.get_absolute_url()).status_code == 200

    client.force_login(animator)
    assert "Guide du compostage" in client.get(reverse("resources:moderation")).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources:accept", args=[resource.slug]))
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED and resource.moderated_by == animator
    assert mail.outbox[0].to == ["membre@exemple.test"] and "publiée" in mail.outbox[0].subject


def test_animator_refuses_with_a_reason(client, django_capture_on_commit_callbacks):
    member = UserFactory(email="membre@exemple.test")
    resource = ResourceFactory(suggested=True, suggested_by=member)
    client.force_login(UserFactory(animator=True))
    response = client.post(reverse("resources:refuse", args=[resource.slug]), {"reason": ""})
    assert "Expliquez en une phrase" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources:refuse", args=[resource.slug]), {"reason": "Déjà présente."})
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.REFUSED and "Déjà présente." in mail.outbox[0].body


def test_form_needs_a_link_or_a_file_and_checks_files(client):
    client.force_login(UserFactory(animator=True))
    data = {
        "title": "X",
        "kind": "guide",
        "summary": "Y",
        "audience": "everyone",
        "level": "beginner",
        "review_by": "2030-01-01",
    }
    response = client.post(reverse("resources:create"), data)
    assert "Indiquez un lien ou joignez un fichier" in response.content.decode()
    bad = SimpleUploadedFile("virus.exe", b"MZ")
    response = client.post(reverse("resources:create"), {**data, "file": bad})
    assert "Les fichiers .exe ne sont pas acceptés" in response.content.decode()
    good = SimpleUploadedFile("guide.pdf", b"%PDF-1.4")
    response = client.post(reverse("resources:create"), {**data, "file": good})
    resource = Resource.objects.get(title="X")
    assert response.status_code == 302 and resource.status == ResourceStatus.PUBLISHED and resource.file


def test_owner_renews_in_one_click(client):
    owner = UserFactory()
    resource = ResourceFactory(owner=owner, stale=True)
    client.force_login(UserFactory())
    assert client.post(reverse("resources:renew", args=[resource.slug])).status_code == 403
    client.force_login(owner)
    response = client.post(reverse("resources:renew", args=[resource.slug]), follow=True)
    resource.refresh_from_db()
    assert resource.review_by == timezone.localdate() + datetime.timedelta(days=365)
    assert "marquée à jour" in response.content.decode()


def test_freshness_dashboard(client, django_assert_max_num_queries):
    ResourceFactory(title="Périmée", stale=True)
    ResourceFactory(title="Bientôt", review_by=timezone.localdate() + datetime.timedelta(days=5))
    ResourceFactory(title="Cassée", link_status="broken", link_error="Erreur HTTP 404")
    client.force_login(UserFactory(animator=True))
    with django_assert_max_num_queries(12):
        content = client.get(reverse("resources:freshness")).content.decode()
    assert "Périmée" in content and "Bientôt" not in content
    assert "Bientôt" in client.get(reverse("resources:freshness"), {"vue": "bientot"}).content.decode()
    content = client.get(reverse("resources:freshness"), {"vue": "liens"}).content.decode()
    assert "Cassée" in content and "Erreur HTTP 404" in content
    assert client.get(reverse("resources:freshness"), {"vue": "n'importe"}).status_code == 200


def test_delete_needs_confirmation(client):
    resource = ResourceFactory()
    client.force_login(UserFactory(animator=True))
    client.post(reverse("resources:delete", args=[resource.slug]), {})
    assert Resource.objects.filter(pk=resource.pk).exists()
    client.post(reverse("resources:delete", args=[resource.slug]), {"confirm": "on"})
    assert not Resource.objects.filter(pk=resource.pk).exists()


def test_collections_curated_and_ordered(client):
    animator = UserFactory(animator=True)
    a, b, c = ResourceFactory(title="A"), ResourceFactory(title="B"), ResourceFactory(title="C")
    hidden = ResourceFactory(title="Suggestion", suggested=True)
    client.force_login(animator)
    response = client.post(
        reverse("resources:collection_create"),
        {"title": "Financer", "intro": "Intro", "position": 0, "is_published": "on"},
    )
    assert response.status_code == 302
    url = response.url
    slug = url.rstrip("/").split("/")[-1]
    for resource in (a, b, c):
        client.post(reverse("resources:collection_add", args=[slug]), {"resource": resource.pk})
    response = client.post(
        reverse("resources:collection_add", args=[slug]), {"resource": hidden.pk}, follow=True
    )
    assert "n&#x27;est pas publiée" in response.content.decode()
    items = CollectionItem.objects.filter(collection__slug=slug)
    assert [i.resource.title for i in items] == ["A", "B", "C"]
    item_c = items.get(resource=c)
    client.post(reverse("resources:collection_item", args=[slug, item_c.pk]), {"action": "up"})
    client.post(reverse("resources:collection_item", args=[slug, item_c.pk]), {"action": "up"})
    assert [i.resource.title for i in CollectionItem.objects.filter(collection__slug=slug)] == ["C", "A", "B"]
    item_a = items.get(resource=a)
    client.post(reverse("resources:collection_item", args=[slug, item_a.pk]), {"action": "remove"})
    client.logout()
    content = client.get(url).content.decode()
    assert content.index(">C<") < content.index(">B<") and ">A<" not in content
    assert "Monter" not in content


def test_unpublished_collection_hidden_from_members(client):
    collection = CollectionFactory(is_published=False)
    login(client, "member")
    assert client.get(collection.get_absolute_url()).status_code == 404
    assert collection.title not in client.get(reverse("resources:collection_list")).content.decode()


def test_writes_keep_the_search_index_in_step(client):
    from apps.search.models import SearchDocument

    member = UserFactory()
    client.force_login(member)
    client.post(
        reverse("resources:create"),
        {
            "title": "Guide des haies",
            "kind": "guide",
            "summary": "Planter.",
            "url": "https://exemple.test/haies",
            "audience": "everyone",
            "level": "beginner",
        },
    )
    resource = Resource.objects.get(title="Guide des haies")
    assert SearchDocument.objects.get(kind="resource", object_id=resource.pk).visibility == "animators"
    client.force_login(UserFactory(animator=True))
    client.post(reverse("resources:accept", args=[resource.slug]))
    assert SearchDocument.objects.get(kind="resource", object_id=resource.pk).visibility == "public"


def test_territory_scope_is_picked_by_code(client):
    from tests.factories import CommuneFactory

    commune = CommuneFactory(name="Compiègne", code="60159")
    client.force_login(UserFactory(animator=True))
    client.post(
        reverse("resources:create"),
        {
            "title": "Atlas local",
            "kind": "study",
            "summary": "Un atlas.",
            "url": "https://exemple.test/atlas",
            "audience": "everyone",
            "level": "beginner",
            "review_by": "2030-01-01",
            "territory": "60159",
        },
    )
    resource = Resource.objects.get(title="Atlas local")
    assert resource.territory == commune
    assert "Compiègne" in client.get(resource.get_absolute_url()).content.decode()
    response = client.get(reverse("resources:update", args=[resource.slug]))
    assert "Compiègne" in response.content.decode()


def test_my_resources_lists_owned_and_suggested(client):
    user = UserFactory()
    ResourceFactory(title="Mon guide", owner=user, stale=True)
    ResourceFactory(title="Ma suggestion", suggested=True, suggested_by=user, owner=user)
    ResourceFactory(title="Le guide d'un autre")
    assert client.get(reverse("resources:mine")).status_code == 302
    client.force_login(user)
    content = client.get(reverse("resources:mine")).content.decode()
    assert "Mon guide" in content and "Ma suggestion" in content and "Le guide d&#x27;un autre" not in content
    assert "Date de revue dépassée" in content
