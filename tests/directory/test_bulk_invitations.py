"""Bulk invitations: pasted list, spreadsheet through apps.core.tabular, people imported without an
account; personal message in the e-mail, pending/accepted follow-up, re-sending at most daily.
Permission matrix for each page."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.directory import selectors
from apps.directory.models import Invitation
from tests.directory.factories import InvitationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["directory:invitation_list", "directory:invitation_bulk", "directory:invitation_imported"]


@pytest.mark.parametrize("role", ["anonymous", "member", "referent", "animator", "admin"])
def test_permission_matrix(client, as_role, roles, org, role):
    as_role(role)
    expected = {"anonymous": 302, "animator": 200, "admin": 200}.get(role, 403)
    for name in PAGES:
        assert client.get(reverse(name)).status_code == expected, name
    client.post(reverse("directory:invitation_bulk"), {"lines": "x@exemple.test", "organisation": org.name})
    assert Invitation.objects.exists() is (expected == 200)


def test_resend_permission(client, roles, org):
    invitation = InvitationFactory(organisation=org, last_sent_at=timezone.now() - datetime.timedelta(days=2))
    url = reverse("directory:invitation_resend", args=[invitation.pk])
    client.force_login(roles["other_member"])
    assert client.post(url).status_code == 403
    client.force_login(roles["referent"])  # a référent of the organisation may re-send
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.send_count == 2


def test_pasted_list_with_message(client, mailoutbox, django_capture_on_commit_callbacks, org):
    other = OrganisationFactory(name="Syndicat des eaux", siren="200067106")
    member = UserFactory(email="deja@exemple.test")
    MembershipFactory(person=PersonFactory(user=member), organisation=org)
    InvitationFactory(organisation=org, email="attente@exemple.test")
    client.force_login(UserFactory(animator=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("directory:invitation_bulk"),
            {
                "lines": "Nouvelle@Exemple.test\ndeja@exemple.test\nattente@exemple.test\nautre@exemple.test ; 200067106",
                "organisation": org.name,
                "message": "Bienvenue dans le réseau, Camille !",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "2 invitations envoyées" in html
    assert "Déjà membres : deja@exemple.test" in html and "attente@exemple.test" in html
    new = Invitation.objects.get(email="nouvelle@exemple.test")
    assert new.organisation == org and new.message == "Bienvenue dans le réseau, Camille !"
    assert Invitation.objects.get(email="autre@exemple.test").organisation == other
    bodies = [m.body for m in mailoutbox if "nouvelle@exemple.test" in m.to]
    assert bodies and "Bienvenue dans le réseau, Camille !" in bodies[0]


def test_errors_send_nothing(client, org):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("directory:invitation_bulk"),
        {
            "lines": "bonne@exemple.test\npas-une-adresse\nautre@exemple.test;Organisation inconnue\nsans@org.test"
        },
    )
    html = response.content.decode()
    assert "Rien n&#x27;a été envoyé" in html
    assert "ligne 2" in html and "ligne 3" in html and "ligne 4 : pas d&#x27;organisation" in html
    assert not Invitation.objects.exists()


def test_spreadsheet(client, org):
    client.force_login(UserFactory(animator=True))
    csv = f"Nom;Courriel;Organisation\nDupont;a@exemple.test;{org.name}\nMartin;=HYPERLINK(1);\n"
    upload = SimpleUploadedFile("invites.csv", csv.encode("utf-8"), content_type="text/csv")
    response = client.post(reverse("directory:invitation_bulk"), {"file": upload})
    assert "ligne 3" in response.content.decode()  # the formula is not an address
    assert not Invitation.objects.exists()
    csv = f"Nom;Courriel;Organisation\nDupont;a@exemple.test;{org.name}\n"
    upload = SimpleUploadedFile("invites.csv", csv.encode("utf-8"), content_type="text/csv")
    client.post(reverse("directory:invitation_bulk"), {"file": upload})
    assert Invitation.objects.get().email == "a@exemple.test"
    upload = SimpleUploadedFile("invites.csv", b"Nom;Ville\nA;B\n", content_type="text/csv")
    html = client.post(reverse("directory:invitation_bulk"), {"file": upload}).content.decode()
    assert "Aucune colonne « adresse électronique »" in html


def test_imported_people_are_invited_once(client, org):
    imported = [PersonFactory(organisation=org, hidden=True) for _ in range(3)]
    PersonFactory(organisation=org, email="")  # no address: cannot be invited
    with_account = PersonFactory(organisation=org, with_user=True)
    PersonFactory(hidden=True)  # attached to no organisation
    assert set(selectors.people_to_invite()) == set(imported)
    assert with_account not in selectors.people_to_invite()
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("directory:invitation_imported"), {"message": "Votre fiche vous attend."}, follow=True
    )
    assert "3 invitations envoyées" in response.content.decode()
    assert set(Invitation.objects.values_list("email", flat=True)) == {p.email.lower() for p in imported}
    assert not selectors.people_to_invite().exists()


def test_resend_at_most_daily_and_not_when_accepted(
    client, mailoutbox, django_capture_on_commit_callbacks, org
):
    invitation = InvitationFactory(organisation=org, last_sent_at=timezone.now())
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:invitation_resend", args=[invitation.pk])
    response = client.post(url, follow=True)
    assert "moins de 24 heures" in response.content.decode()
    Invitation.objects.filter(pk=invitation.pk).update(
        last_sent_at=timezone.now() - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert any(invitation.token in m.body for m in mailoutbox)
    Invitation.objects.filter(pk=invitation.pk).update(
        accepted_at=timezone.now(), last_sent_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert client.post(url).status_code == 403


def test_list_filters_pending_and_accepted(client, org):
    InvitationFactory(organisation=org, email="attente@exemple.test")
    InvitationFactory(organisation=org, email="ok@exemple.test", accepted_at=timezone.now())
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:invitation_list")
    html = client.get(url).content.decode()
    assert "attente@exemple.test" in html and "ok@exemple.test" not in html
    html = client.get(url, {"etat": "acceptees"}).content.decode()
    assert "ok@exemple.test" in html and "attente@exemple.test" not in html
