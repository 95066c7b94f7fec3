import pytest
from django.urls import reverse

from apps.accounts import perms
from apps.accounts.models import Role, User
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def make(role):
    if role == "anonymous":
        return None
    if role == "member":
        return UserFactory()
    if role == "referent":
        user = UserFactory()
        MembershipFactory(person=PersonFactory(user=user), referent=True)
        return user
    if role == "animator":
        return UserFactory(animator=True)
    if role == "admin":
        return UserFactory(role=Role.ADMIN)  # no superuser flag: the role alone grants is_staff
    raise AssertionError(role)


@pytest.mark.parametrize(
    ("role", "can_enter"),
    [("anonymous", False), ("member", False), ("referent", False), ("animator", False), ("admin", True)],
)
def test_admin_access_matrix(client, role, can_enter):
    user = make(role)
    if user:
        client.force_login(user)
    response = client.get("/admin/")
    if can_enter:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
    assert perms.can_access_admin(user or _anonymous()) is can_enter


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "Visiteur·se"),
        ("member", "Membre"),
        ("referent", "Référent·e d'une organisation"),
        ("animator", "Animateur·rice du réseau"),
        ("admin", "Administrateur·rice"),
    ],
)
def test_role_labels(role, expected):
    assert perms.role_label(make(role) or _anonymous()) == expected


def test_is_referent_for_given_organisation():
    membership = MembershipFactory(person=PersonFactory(with_user=True), referent=True)
    other = MembershipFactory()
    user = membership.person.user
    assert perms.is_referent(user, membership.organisation)
    assert not perms.is_referent(user, other.organisation)


def test_one_is_referent_rule_a_removed_card_is_no_referent():
    """One rule (issue 18): the directory asks the same function, and a removed card does not
    manage its former organisation, for one organisation or any."""
    from apps.directory import perms as directory_perms
    from apps.directory.models import Person

    assert directory_perms.is_referent is perms.is_referent
    membership = MembershipFactory(person=PersonFactory(with_user=True), referent=True)
    Person.objects.filter(pk=membership.person_id).update(is_removed=True)
    user = User.objects.get(pk=membership.person.user_id)  # a fresh object: no memoised answer
    assert not perms.is_referent(user, membership.organisation)
    assert not perms.is_referent(user)


def test_account_perms_only_self():
    alice, bob = UserFactory(), UserFactory()
    for check in (
        perms.can_view_account,
        perms.can_edit_account,
        perms.can_export_account_data,
        perms.can_erase_account,
    ):
        assert check(alice, alice)
        assert not check(alice, bob)
        assert not check(_anonymous(), alice)
        assert not check(UserFactory(admin=True), alice)  # even admins go through /admin/, not these pages


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(admin=True))
    return client


def test_admin_user_list_search_and_filters(admin_client, django_assert_max_num_queries):
    UserFactory(email="verifiee@exemple.fr")
    UserFactory(email="attente@exemple.fr", unverified=True)
    url = reverse("admin:accounts_user_changelist")
    with django_assert_max_num_queries(15):
        response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "verifiee@exemple.fr" in html and "attente@exemple.fr" in html
    html = admin_client.get(url, {"verifiee": "non"}).content.decode()
    assert "attente@exemple.fr" in html and "verifiee@exemple.fr" not in html
    html = admin_client.get(url, {"q": "verifiee"}).content.decode()
    assert "verifiee@exemple.fr" in html and "attente@exemple.fr" not in html
    html = admin_client.get(url, {"role__exact": "admin"}).content.decode()
    assert "verifiee@exemple.fr" not in html


def test_admin_creates_user_by_email(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nouvelle@Exemple.fr",
            "usable_password": "true",
            "password1": "Tres-solide-2026-x",
            "password2": "Tres-solide-2026-x",
            "first_name": "Nina",
            "last_name": "Nouvelle",
            "role": "animator",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="nouvelle@exemple.fr")
    assert user.username == "nouvelle@exemple.fr" and user.role == Role.ANIMATOR
    assert user.check_password("Tres-solide-2026-x")


def test_admin_change_page_renders(admin_client):
    user = UserFactory()
    response = admin_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200


def test_admin_action_activates_and_creates_card(admin_client):
    user = UserFactory(unverified=True)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "mark_verified", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    assert user.person.user_id == user.pk
