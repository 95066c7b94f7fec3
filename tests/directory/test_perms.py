"""Permission matrix: every role × every directory action, through perms.py AND over HTTP."""

import pytest
from django.urls import reverse

from apps.directory import perms
from apps.directory.models import JoinRequest, Organisation, OrganisationStatus, Visibility
from apps.themes import perms as theme_perms
from tests.directory.factories import JoinRequestFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "referent", "other_member", "animator", "admin"]


def expect(allowed: set[str]):
    return [(role, role in allowed) for role in ROLES]


MATRIX = {
    "view_list": expect(set(ROLES)),
    "view_pending_org": expect({"member", "referent", "animator", "admin"}),
    "edit_org": expect({"referent", "animator", "admin"}),
    "manage_members": expect({"referent", "animator", "admin"}),
    "invite": expect({"referent", "animator", "admin"}),
    "decide_membership_request": expect({"referent", "animator", "admin"}),
    "decide_organisation_request": expect({"animator", "admin"}),
    "manage_themes": expect({"animator", "admin"}),
    "see_hidden_contact": expect({"animator", "admin"}),
    "see_members_contact": expect({"member", "referent", "other_member", "animator", "admin"}),
    "see_public_contact": expect(set(ROLES)),
    "view_non_consenting_person": expect({"animator", "admin"}),
    "access_animation": expect({"animator", "admin"}),
}

CASES = [(action, role, allowed) for action, rows in MATRIX.items() for role, allowed in rows]


def _user(roles, role):
    from django.contrib.auth.models import AnonymousUser

    return roles[role] or AnonymousUser()


def _contact_person(org, visibility):
    return PersonFactory(organisation=org, contact_visibility=visibility, email="cible@exemple.test")


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_perms_matrix(action, role, allowed, roles, org):
    user = _user(roles, role)
    if action == "view_list":
        # An active organisation: its page and the list (the same rule, through the QuerySet).
        listed = Organisation.objects.visible_to(user).filter(pk=org.pk).exists()
        result = perms.can_view_organisation(user, org)
        assert listed is result
    elif action == "view_pending_org":
        org.status = OrganisationStatus.PENDING
        org.save()
        result = perms.can_view_organisation(user, org)
    elif action == "edit_org":
        result = perms.can_edit_organisation(user, org)
    elif action == "manage_members":
        result = perms.can_manage_members(user, org)
    elif action == "invite":
        result = perms.can_invite(user, org)
    elif action == "decide_membership_request":
        result = perms.can_decide_join_request(user, JoinRequestFactory(membership=True, organisation=org))
    elif action == "decide_organisation_request":
        result = perms.can_decide_join_request(user, JoinRequestFactory())
    elif action == "manage_themes":
        result = perms.can_manage_themes(user)
        assert theme_perms.can_manage_themes(user) is result
    elif action == "see_hidden_contact":
        result = perms.can_see_contact(user, _contact_person(org, Visibility.HIDDEN))
    elif action == "see_members_contact":
        result = perms.can_see_contact(user, _contact_person(org, Visibility.MEMBERS))
    elif action == "see_public_contact":
        result = perms.can_see_contact(user, _contact_person(org, Visibility.PUBLIC))
    elif action == "view_non_consenting_person":
        result = perms.can_view_person(user, PersonFactory(organisation=org, hidden=True))
    elif action == "access_animation":
        result = perms.can_access_animation(user)
    assert result is allowed


def _status_ok(response, allowed):
    if allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        # Anonymous users are sent to the login page; logged-in users get 403 or 404.
        assert response.status_code in (302, 403, 404), response.status_code


@pytest.mark.parametrize(("action", "role", "allowed"), CASES)
def test_http_matrix(action, role, allowed, roles, org, as_role, client):
    as_role(role)
    if action == "view_list":
        response = client.get(reverse("directory:organisation_list"))
        assert response.status_code == 200
        assert org.name in response.text
    elif action == "view_pending_org":
        org.status = OrganisationStatus.PENDING
        org.save()
        response = client.get(org.get_absolute_url())
        if allowed:
            assert response.status_code == 200
        elif role == "anonymous":
            # apps.core.access: an anonymous visitor is asked to log in, never told "not found".
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 404
        listed = client.get(reverse("directory:organisation_list"))
        assert (org.name in listed.text) is allowed
    elif action == "edit_org":
        response = client.get(reverse("directory:organisation_edit", kwargs={"slug": org.slug}))
        assert response.status_code == 200 if allowed else response.status_code in (302, 403)
        detail = client.get(org.get_absolute_url())
        assert ("Modifier la fiche" in detail.text) is allowed
    elif action == "manage_members":
        response = client.get(reverse("directory:organisation_members", kwargs={"slug": org.slug}))
        assert response.status_code == 200 if allowed else response.status_code in (302, 403)
        detail = client.get(org.get_absolute_url())
        assert ("Gérer les membres" in detail.text) is allowed
    elif action == "invite":
        response = client.post(
            reverse("directory:organisation_members", kwargs={"slug": org.slug}),
            {"email": "nouvelle@exemple.test"},
        )
        _status_ok(response, allowed)
        assert org.invitations.filter(email="nouvelle@exemple.test").exists() is allowed
    elif action in ("decide_membership_request", "decide_organisation_request"):
        if action == "decide_membership_request":
            jr = JoinRequestFactory(membership=True, organisation=org)
        else:
            jr = JoinRequestFactory()
        response = client.post(
            reverse("directory:join_request_decide", kwargs={"pk": jr.pk}), {"decision": "approve"}
        )
        _status_ok(response, allowed)
        jr.refresh_from_db()
        assert (jr.status == JoinRequest.Status.APPROVED) is allowed
    elif action == "manage_themes":
        response = client.get(reverse("themes:create"))
        assert response.status_code == 200 if allowed else response.status_code in (302, 403)
    elif action in ("see_hidden_contact", "see_members_contact", "see_public_contact"):
        visibility = {
            "see_hidden_contact": Visibility.HIDDEN,
            "see_members_contact": Visibility.MEMBERS,
            "see_public_contact": Visibility.PUBLIC,
        }[action]
        person = _contact_person(org, visibility)
        response = client.get(person.get_absolute_url())
        assert response.status_code == 200
        assert ("cible@exemple.test" in response.text) is allowed
        people = client.get(reverse("directory:person_list"))
        assert ("cible@exemple.test" in people.text) is allowed
    elif action == "view_non_consenting_person":
        person = PersonFactory(organisation=org, hidden=True)
        response = client.get(person.get_absolute_url())
        assert response.status_code == (200 if allowed else 404)
    elif action == "access_animation":
        response = client.get(reverse("directory:animation"))
        assert response.status_code == 200 if allowed else response.status_code in (302, 403)


def test_person_always_sees_own_entry_and_contact():
    user = UserFactory()
    person = PersonFactory(user=user, hidden=True, contact_visibility=Visibility.HIDDEN)
    assert perms.can_view_person(user, person)
    assert perms.can_see_contact(user, person)


def test_removed_person_is_invisible_even_to_animators():
    person = PersonFactory(is_removed=True)
    assert not perms.can_view_person(UserFactory(animator=True), person)


def test_requester_cannot_decide_own_membership_request(org):
    referent = UserFactory()
    MembershipFactory(person=PersonFactory(user=referent), organisation=org, referent=True)
    jr = JoinRequestFactory(membership=True, organisation=org, requested_by=referent)
    assert not perms.can_decide_join_request(referent, jr)


def test_referent_of_pending_organisation_cannot_approve_it():
    jr = JoinRequestFactory()
    referent = jr.requested_by
    MembershipFactory(person=PersonFactory(user=referent), organisation=jr.organisation, referent=True)
    assert not perms.can_decide_join_request(referent, jr)


def test_decided_request_cannot_be_decided_again():
    jr = JoinRequestFactory(status=JoinRequest.Status.APPROVED)
    assert not perms.can_decide_join_request(UserFactory(animator=True), jr)


def test_inactive_animator_has_no_rights():
    user = UserFactory(animator=True, is_active=False)
    assert not perms.can_manage_themes(user)
    assert not perms.can_access_animation(user)
