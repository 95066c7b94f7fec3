import pytest
from axes.models import AccessLog
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.directory.models import Invitation, JoinRequest, Membership, Person
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


@pytest.fixture
def member():
    user = UserFactory(email="nadia@exemple.fr", first_name="Nadia", last_name="Martin")
    person = PersonFactory(
        user=user, first_name="Nadia", last_name="Martin", email=user.email, phone="0467000000", bio="Ma vie"
    )
    person.themes.add(ThemeFactory())
    Membership.objects.create(person=person, organisation=OrganisationFactory(), is_referent=True)
    return user


def test_erase_needs_password(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:erase"), {"password": "faux"})
    assert response.status_code == 200
    assert "Mot de passe incorrect : votre compte n&#x27;a pas été supprimé." in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_erase_confirm_page_explains(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:erase")).content.decode()
    assert "Cette action est définitive" in html
    assert "1 rattachement à des organisations" in html


def test_erase_removes_personal_data_and_logs_out(client, member):
    client.post(reverse("accounts:login"), {"username": member.email, "password": PASSWORD})
    assert AccessLog.objects.filter(username=member.email).exists()
    org = Membership.objects.get(person__user=member).organisation
    JoinRequest.objects.create(organisation=org, requested_by=member, motivation="x")
    Invitation.objects.create(organisation=org, email="c@exemple.fr", invited_by=member, token="tok")
    person_pk = member.person.pk
    other = PersonFactory(with_user=True, organisation=org)

    response = client.post(reverse("accounts:erase"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert "_auth_user_id" not in client.session
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Votre compte a été supprimé" in m for m in messages)

    assert not User.objects.filter(email="nadia@exemple.fr").exists()
    person = Person.objects.get(pk=person_pk)
    assert person.is_removed and person.user is None
    assert (person.first_name, person.last_name) == ("Personne", "effacée")
    assert person.email == person.phone == person.bio == person.function == ""
    assert not person.directory_consent and person.consent_at is None
    assert not person.themes.exists()
    assert not Membership.objects.filter(person=person).exists()
    assert person not in Person.objects.listed()
    assert not Person.objects.filter(email="nadia@exemple.fr").exists()
    assert not AccessLog.objects.filter(username="nadia@exemple.fr").exists()
    assert not JoinRequest.objects.filter(motivation="x").exists()
    # The organisation's invitation outlives the inviter's account, without them (issue 11).
    assert Invitation.objects.get(token="tok").invited_by is None
    # Others are untouched.
    other.refresh_from_db()
    assert other.user is not None and Membership.objects.filter(person=other).exists()
    # The address can sign up again from scratch.
    assert (
        client.post(
            reverse("accounts:login"), {"username": "nadia@exemple.fr", "password": PASSWORD}
        ).status_code
        == 200
    )


def test_erase_falls_back_to_anonymising_when_protected(member, monkeypatch):
    from django.db.models.deletion import ProtectedError

    def refuse(*args, **kwargs):
        raise ProtectedError("protégé", set())

    monkeypatch.setattr(User, "delete", refuse)
    services.user_erase(user=member)
    member.refresh_from_db()
    assert member.email == f"compte-efface-{member.pk}@invalid"
    assert not member.is_active and not member.has_usable_password()
    assert member.first_name == member.last_name == ""
    assert Person.objects.filter(user=member).count() == 0


def test_apps_contribute_to_export_and_erase(member, monkeypatch):
    """An app's gdpr.py module (apps.core.gdpr registry) is called for the export and the erasure."""
    import sys
    import types

    from apps.core import gdpr

    calls = []
    fake = types.ModuleType("apps.themes.gdpr")
    fake.PERSONAL_DATA = gdpr.PersonalData(
        label="Thématiques",
        export=lambda *, user: [{"note": f"données de {user.email}"}],
        erase=lambda *, user: calls.append(user.email),
    )
    monkeypatch.setitem(sys.modules, "apps.themes.gdpr", fake)
    gdpr.registry.cache_clear()
    try:
        data = services.user_export_data(user=member)
        assert data["other_data"]["themes"] == [{"note": "données de nadia@exemple.fr"}]
        services.user_erase(user=member)
        assert calls == ["nadia@exemple.fr"]
    finally:
        gdpr.registry.cache_clear()
