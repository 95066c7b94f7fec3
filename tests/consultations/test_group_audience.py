"""Consultations addressed to a private peer group: confidential outside the group (404, never
counted nor listed), open to its members, signed by their own organisations."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from apps.consultations import perms
from apps.consultations.forms import ConsultationForm
from apps.consultations.models import Audience, Booklet, Consultation, Contribution
from apps.groups.models import GroupMembership
from tests.consultations.factories import ActionFactory, ConsultationFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

SECRET = "Feuille de route Zorglub confidentielle"
ROLES = ["anonymous", "outsider", "other_animator", "group_member", "group_animator", "creator"]
INSIDERS = {"group_member", "group_animator", "creator"}


@pytest.fixture
def world(db):
    group = GroupFactory(closed=True, name="Groupe des élu·es")
    creator = UserFactory(animator=True)
    other_animator = UserFactory(animator=True)
    people = {}
    for role, org_name in [
        ("group_member", "Commune de Pontoise"),
        ("group_animator", "Communauté d'agglomération"),
        ("outsider", "Commune hors du groupe"),
    ]:
        user = UserFactory()
        PersonFactory(user=user, organisation=OrganisationFactory(name=org_name))
        people[role] = user
    GroupMembershipFactory(group=group, user=people["group_member"])
    GroupMembershipFactory(group=group, user=people["group_animator"], animator=True)
    # A pending request does not open the door.
    GroupMembershipFactory(group=group, user=people["outsider"], pending=True)
    consultation = ConsultationFactory(title=SECRET, audience=Audience.GROUP, group=group, created_by=creator)
    action = ActionFactory(objective__consultation=consultation, title="Action Zorglub")
    booklet = Booklet.objects.create(consultation=consultation, title="Livret Zorglub")
    booklet.pdf.save("livret.pdf", ContentFile(b"%PDF-1.4 Zorglub"), save=False)
    booklet.odt.save("livret.odt", ContentFile(b"Zorglub odt"), save=False)
    booklet.file_status = Booklet.FileStatus.READY
    booklet.save()
    users = {**people, "creator": creator, "other_animator": other_animator, "anonymous": None}
    return {"group": group, "consultation": consultation, "action": action, "users": users}


def _client(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def _assert_no_leak(response):
    assert "Zorglub" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_list(client, world, role):
    response = _client(client, world, role).get(reverse("consultations:index"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    assert response.status_code == 200
    if role in INSIDERS:
        assert SECRET in response.content.decode()
    else:
        _assert_no_leak(response)
        # Not counted either: the paginator counts only what the user may see.
        assert response.context["consultations"].paginator.count == 0


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url_name",
    ["consultations:detail", "consultations:by_organisation", "consultations:consultation_booklet"],
)
def test_read_pages(client, world, role, url_name):
    url = reverse(url_name, args=[world["consultation"].slug])
    response = _client(client, world, role).get(url)
    if role in INSIDERS:
        assert response.status_code == 200
        assert "Zorglub" in response.content.decode()
    else:
        assert response.status_code == 404
        _assert_no_leak(response)


@pytest.mark.parametrize("role", ROLES)
def test_action_page(client, world, role):
    action = world["action"]
    response = _client(client, world, role).get(action.get_absolute_url())
    assert response.status_code == (200 if role in INSIDERS else 404)
    if role not in INSIDERS:
        _assert_no_leak(response)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["pdf", "odt"])
def test_booklet_files(client, world, role, fmt):
    url = reverse(f"consultations:consultation_booklet_{fmt}", args=[world["consultation"].slug])
    response = _client(client, world, role).get(url)
    if role in INSIDERS:
        assert response.status_code == 200
        assert b"Zorglub" in b"".join(response.streaming_content)
    else:
        assert response.status_code == 404
        _assert_no_leak(response)


@pytest.mark.parametrize("role", ROLES)
def test_progress(client, world, role):
    url = reverse("consultations:progress", args=[world["consultation"].slug])
    response = _client(client, world, role).get(url)
    expected = {"group_member": 403, "group_animator": 200, "creator": 200}.get(role, 404)
    assert response.status_code == expected
    if expected == 200:
        content = response.content.decode()
        # Invited = the organisations of the group's active members, nobody else.
        assert "Commune de Pontoise" in content
        assert "Communauté d&#x27;agglomération" in content or "Communauté d'agglomération" in content
        assert "Commune hors du groupe" not in content
        assert response.context["invited_count"] == 2
    else:
        _assert_no_leak(response)


@pytest.mark.parametrize("role", ROLES)
def test_contribute(client, world, role):
    action = world["action"]
    signer = world["users"]["group_member"]
    org = perms.user_organisations(signer).get()
    if role in ("group_member", "group_animator", "outsider"):
        org = perms.user_organisations(world["users"][role]).get()
    body = f"Proposition de {role} pour le groupe"
    response = _client(client, world, role).post(
        action.get_absolute_url(), {"body": body, "organisation": org.pk}
    )
    created = Contribution.objects.filter(body=body).first()
    if role in INSIDERS:
        assert response.status_code == 302
        assert created is not None and created.organisation == org
    else:
        assert response.status_code == 404
        assert created is None


def test_member_signs_only_with_own_organisation(client, world):
    """A group member cannot sign with another member's organisation, nor an outsider's."""
    member = world["users"]["group_member"]
    other_org = perms.user_organisations(world["users"]["group_animator"]).get()
    client.force_login(member)
    response = client.post(
        world["action"].get_absolute_url(), {"body": "Au nom d'un autre", "organisation": other_org.pk}
    )
    assert response.status_code == 200
    assert not Contribution.objects.filter(body="Au nom d'un autre").exists()
    assert list(perms.contributable_organisations(member, world["consultation"])) == list(
        perms.user_organisations(member)
    )


def test_leaving_the_group_closes_the_door(client, world):
    member = world["users"]["group_member"]
    GroupMembership.objects.filter(user=member).update(status=GroupMembership.Status.REFUSED)
    client.force_login(member)
    assert client.get(world["consultation"].get_absolute_url()).status_code == 404
    assert not Consultation.objects.visible_to(member).exists()


def test_management_pages_hidden_from_other_animators(client, world):
    client.force_login(world["users"]["other_animator"])
    slug = world["consultation"].slug
    for name in ["edit", "structure", "consultation_booklet_edit"]:
        response = client.get(reverse(f"consultations:{name}", args=[slug]))
        assert response.status_code == 404, name
        _assert_no_leak(response)


def test_orphan_group_consultation_stays_with_its_creator(world):
    consultation = world["consultation"]
    world["group"].delete()
    consultation.refresh_from_db()
    assert consultation.group is None and consultation.audience == Audience.GROUP
    assert perms.can_view_consultation(world["users"]["creator"], consultation)
    assert not perms.can_view_consultation(world["users"]["group_member"], consultation)
    assert not perms.can_view_consultation(world["users"]["other_animator"], consultation)
    assert consultation.invited_organisations_qs().count() == 0


def test_unpublished_group_consultation_hidden_from_members(world):
    consultation = world["consultation"]
    consultation.is_published = False
    consultation.save()
    assert not Consultation.objects.visible_to(world["users"]["group_member"]).exists()
    assert Consultation.objects.visible_to(world["users"]["creator"]).exists()


def test_visible_to_matches_perms(world):
    ConsultationFactory(title="Consultation ouverte à tous")
    for role, user in world["users"].items():
        if user is None:
            continue
        titles = set(Consultation.objects.visible_to(user).values_list("title", flat=True))
        assert (SECRET in titles) == (role in INSIDERS), role
        assert "Consultation ouverte à tous" in titles


def test_index_query_count(client, world, django_assert_max_num_queries):
    for n in range(12):
        ConsultationFactory(title=f"Groupe {n}", audience=Audience.GROUP, group=world["group"])
    client.force_login(world["users"]["group_member"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("consultations:index"))
    assert response.context["consultations"].paginator.count == 13


BASE = {"title": "Feuille de route du groupe", "opens_on": "2027-01-01", "closes_on": "2027-02-01"}


def test_form_requires_group_iff_group_audience(world):
    group = world["group"]
    animator = world["users"]["creator"]
    form = ConsultationForm({**BASE, "audience": "group"}, user=animator)
    assert not form.is_valid()
    assert form.errors["group"] == ["Choisissez le groupe de pairs invité."]
    form = ConsultationForm({**BASE, "audience": "all", "group": group.pk}, user=animator)
    assert not form.is_valid()
    assert form.errors["group"] == [
        "Ne choisissez un groupe que si le public invité est « Un groupe de pairs »."
    ]
    form = ConsultationForm({**BASE, "audience": "group", "group": 999999}, user=animator)
    assert form.errors["group"] == ["Ce groupe n'existe pas ou plus."]
    form = ConsultationForm({**BASE, "audience": "group", "group": group.pk}, user=animator)
    assert form.is_valid(), form.errors


def test_animator_creates_group_consultation(client, world):
    creator = world["users"]["creator"]
    client.force_login(creator)
    response = client.post(
        reverse("consultations:create"), {**BASE, "audience": "group", "group": world["group"].pk}
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(title=BASE["title"])
    assert consultation.group == world["group"] and consultation.created_by == creator
    client.force_login(world["users"]["other_animator"])
    assert client.get(consultation.get_absolute_url()).status_code == 404
