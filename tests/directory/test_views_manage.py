"""Editing an organisation, managing colleagues, invitations, join and membership requests (views)."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.directory.models import Invitation, JoinRequest, Membership, Organisation, OrganisationStatus
from tests.directory.factories import EngagementFactory, InvitationFactory, JoinRequestFactory
from tests.factories import CommuneFactory, MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referent(org):
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), organisation=org, referent=True)
    return user


def _png(size=(40, 40), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, fmt)
    return buffer.getvalue()


def _edit_data(org, **extra):
    data = {
        "name": org.name,
        "type": org.type,
        "territory": "",
        "territory_id": "",
        "address": "",
        "siren": "",
        "website": "",
        "email": "",
        "description": "",
        "competences": "",
        "needs": "",
        "engagements-TOTAL_FORMS": "1",
        "engagements-INITIAL_FORMS": "0",
        "engagements-MIN_NUM_FORMS": "0",
        "engagements-MAX_NUM_FORMS": "10",
        "engagements-0-kind": "",
        "engagements-0-stage": "",
        "engagements-0-label": "",
        "engagements-0-year": "",
    }
    data.update(extra)
    return data


def test_edit_organisation_with_engagement_and_logo(client, org, referent):
    client.force_login(referent)
    commune = CommuneFactory(code="29019", name="Brest")
    url = reverse("directory:organisation_edit", kwargs={"slug": org.slug})
    data = _edit_data(
        org,
        territory="29019",
        description="Une **belle** présentation.",
        needs="Des partenaires.",
        siren="732829320",
        **{"engagements-0-kind": "pcaet", "engagements-0-stage": "adopted", "engagements-0-year": "2021"},
    )
    data["logo"] = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    org.refresh_from_db()
    assert org.territory == commune and org.needs == "Des partenaires." and org.siren == "732829320"
    assert org.logo.name.startswith("logos/")
    assert org.engagements.get().get_stage_display() == "Adopté / signé"
    page = client.get(org.get_absolute_url())
    assert "<strong>belle</strong>" in page.text
    assert "Adopté / signé" in page.text


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"not an image", content_type="image/png"), "image"),
        (
            SimpleUploadedFile("logo.bmp", _png(fmt="BMP"), content_type="image/bmp"),
            "Type de fichier non accepté (« .bmp »)",
        ),
        (SimpleUploadedFile("big.png", b"\0" * 10, content_type="image/png"), "image"),
    ],
)
def test_logo_is_checked(client, org, referent, upload, message):
    client.force_login(referent)
    data = _edit_data(org)
    data["logo"] = upload
    response = client.post(reverse("directory:organisation_edit", kwargs={"slug": org.slug}), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["logo"])


def test_logo_too_heavy(client, org, referent, monkeypatch):
    monkeypatch.setattr("apps.directory.forms.LOGO_POLICY.max_bytes", 100)
    client.force_login(referent)
    data = _edit_data(org)
    data["logo"] = SimpleUploadedFile("logo.png", _png((200, 200)), content_type="image/png")
    response = client.post(reverse("directory:organisation_edit", kwargs={"slug": org.slug}), data)
    assert "100 octets au plus" in " ".join(response.context["form"].errors["logo"])


def test_edit_errors_are_french_and_nothing_saved(client, org, referent):
    client.force_login(referent)
    data = _edit_data(
        org,
        name="",
        siren="123456789",
        website="pas une url",
        **{"engagements-0-kind": "pcaet", "engagements-0-stage": "", "engagements-0-year": "1800"},
    )
    response = client.post(reverse("directory:organisation_edit", kwargs={"slug": org.slug}), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["name"] == ["Indiquez le nom de l'organisation."]
    assert "clé de contrôle" in errors["siren"][0]
    assert "adresse internet valide" in errors["website"][0]
    engagement_errors = response.context["engagements"].forms[0].errors
    assert engagement_errors["stage"] == ["Indiquez l'avancement."]
    assert "1990" in engagement_errors["year"][0]
    org.refresh_from_db()
    assert org.name == "Communauté de communes du Val"


def test_duplicate_engagement_kind_is_refused(client, org, referent):
    EngagementFactory(organisation=org, kind="pcaet")
    client.force_login(referent)
    engagement = org.engagements.get()
    data = _edit_data(
        org,
        **{
            "engagements-TOTAL_FORMS": "2",
            "engagements-INITIAL_FORMS": "1",
            "engagements-0-id": str(engagement.pk),
            "engagements-0-kind": "pcaet",
            "engagements-0-stage": "adopted",
            "engagements-1-kind": "pcaet",
            "engagements-1-stage": "planned",
            "engagements-1-label": "",
            "engagements-1-year": "",
        },
    )
    response = client.post(reverse("directory:organisation_edit", kwargs={"slug": org.slug}), data)
    assert response.status_code == 200
    assert "déjà indiquée" in str(response.context["engagements"].forms[1].errors)


def test_toggle_referent_and_remove_with_confirmation(client, org, referent):
    colleague = MembershipFactory(organisation=org)
    client.force_login(referent)
    toggle = reverse("directory:membership_toggle_referent", kwargs={"slug": org.slug, "pk": colleague.pk})
    assert client.get(toggle).status_code == 405  # POST only
    client.post(toggle)
    colleague.refresh_from_db()
    assert colleague.is_referent
    remove = reverse("directory:membership_remove", kwargs={"slug": org.slug, "pk": colleague.pk})
    confirm = client.get(remove)
    assert confirm.status_code == 200 and "Oui, retirer" in confirm.text
    assert Membership.objects.filter(pk=colleague.pk).exists()  # GET never deletes
    response = client.post(remove, follow=True)
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    assert "ne fait plus partie" in response.text


def test_last_referent_is_protected_in_views(client, org, referent):
    client.force_login(referent)
    own = Membership.objects.get(organisation=org, person__user=referent)
    response = client.post(
        reverse("directory:membership_toggle_referent", kwargs={"slug": org.slug, "pk": own.pk}), follow=True
    )
    own.refresh_from_db()
    assert own.is_referent
    assert "au moins un·e référent·e" in response.text


def test_membership_of_another_org_is_404(client, org, referent):
    foreign = MembershipFactory()
    client.force_login(referent)
    url = reverse("directory:membership_remove", kwargs={"slug": org.slug, "pk": foreign.pk})
    assert client.post(url).status_code == 404


def test_invite_validation(client, org, referent):
    client.force_login(referent)
    url = reverse("directory:organisation_members", kwargs={"slug": org.slug})
    assert "Adresse électronique invalide." in client.post(url, {"email": "pas-un-mail"}).text
    client.post(url, {"email": "collegue@exemple.test"})
    assert Invitation.objects.filter(organisation=org, email="collegue@exemple.test").count() == 1
    again = client.post(url, {"email": "Collegue@exemple.test"})
    assert "déjà en attente" in again.text
    member_email = org.memberships.first().person.user.email
    assert "fait déjà partie" in client.post(url, {"email": member_email}).text


def test_invitation_accept_flow(client, django_capture_on_commit_callbacks):
    invitation = InvitationFactory()
    url = reverse("directory:invitation_accept", kwargs={"token": invitation.token})
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert f"/compte/connexion/?next={url}" in anonymous.text
    assert client.post(url).status_code == 302
    assert invitation.organisation.memberships.count() == 0
    user = UserFactory()
    client.force_login(user)
    page = client.get(url)
    assert "J'accepte d'apparaître" in page.text
    response = client.post(url, {"directory_consent": "on"})
    assert response.status_code == 302 and response["Location"] == invitation.organisation.get_absolute_url()
    membership = Membership.objects.get(organisation=invitation.organisation, person__user=user)
    assert membership.person.directory_consent
    again = client.post(url, follow=True)
    assert "déjà" in again.text
    assert client.get(reverse("directory:invitation_accept", kwargs={"token": "inconnu"})).status_code == 404


def test_join_request_view(client, django_capture_on_commit_callbacks):
    UserFactory(animator=True)
    commune = CommuneFactory(code="29232", name="Quimper")
    user = UserFactory()
    url = reverse("directory:join_request")
    assert client.get(url).status_code == 302  # login required
    client.force_login(user)
    page = client.get(url)
    assert "Votre catégorie" in page.text  # no directory entry yet: asked
    data = {
        "name": "Ville de Quimper",
        "type": "municipality",
        "territory": "29232",
        "siren": "123456789",
        "motivation": "",
        "category": "staff",
    }
    invalid = client.post(url, data)
    errors = invalid.context["form"].errors
    assert "clé de contrôle" in errors["siren"][0]
    assert "motivation" in errors
    data.update(siren="732 829 320", motivation="Partager nos actions.", directory_consent="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(siren="732829320")
    assert organisation.status == OrganisationStatus.PENDING and organisation.territory == commune
    assert len(mail.outbox) == 1
    follow = client.get(url)
    assert "Ville de Quimper" in follow.text and "en attente" in follow.text
    # The pending organisation is visible to its requester only (and animators).
    assert client.get(organisation.get_absolute_url()).status_code == 200
    client.logout()
    # Anonymous: asked to log in; another member: 404 (it may not know the organisation exists).
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
    client.force_login(UserFactory())
    assert client.get(organisation.get_absolute_url()).status_code == 404
    # Same SIREN again: told to ask for attachment instead.
    client.force_login(UserFactory())
    duplicate = client.post(url, data)
    assert "déjà dans l&#x27;annuaire" in duplicate.text


def test_join_page_search_finds_member_organisations(client, org):
    client.force_login(UserFactory())
    response = client.get(reverse("directory:join_request"), {"q": "communes du val"})
    assert org.name in response.text
    assert reverse("directory:membership_request", kwargs={"slug": org.slug}) in response.text


def test_membership_request_view(client, org, referent, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    url = reverse("directory:membership_request", kwargs={"slug": org.slug})
    assert "Je fais partie de cette organisation" in client.get(org.get_absolute_url()).text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"function": "Chargée de mission", "motivation": "Bonjour", "category": "staff"}
        )
    assert response.status_code == 302
    jr = JoinRequest.objects.get(organisation=org, requested_by=user)
    assert jr.kind == JoinRequest.Kind.MEMBERSHIP
    assert mail.outbox[-1].to == [referent.email]
    detail = client.get(org.get_absolute_url())
    assert "en attente" in detail.text and "Je fais partie de cette organisation" not in detail.text
    # The référent sees it on the members page and approves it there.
    client.force_login(referent)
    members = client.get(reverse("directory:organisation_members", kwargs={"slug": org.slug}))
    assert f'id="decision-{jr.pk}"' in members.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:join_request_decide", kwargs={"pk": jr.pk}),
            {"decision": "approve", "next": members.request["PATH_INFO"]},
        )
    assert Membership.objects.filter(organisation=org, person__user=user).exists()
    assert mail.outbox[-1].to == [user.email]


def test_decision_rejects_open_redirect_and_bad_input(client):
    jr = JoinRequestFactory()
    client.force_login(UserFactory(animator=True))
    url = reverse("directory:join_request_decide", kwargs={"pk": jr.pk})
    response = client.post(url, {"decision": "maybe", "next": "https://evil.example/"})
    assert response["Location"] == reverse("directory:animation")
    jr.refresh_from_db()
    assert jr.is_pending
    client.post(url, {"decision": "refuse", "message": "Non."})
    jr.refresh_from_db()
    assert jr.status == JoinRequest.Status.REFUSED and jr.decision_message == "Non."


def test_animation_dashboard_lists_pending_requests(client):
    org_request = JoinRequestFactory()
    member_request = JoinRequestFactory(membership=True)
    client.force_login(UserFactory(animator=True))
    response = client.get(reverse("directory:animation"))
    assert org_request.organisation.name in response.text
    assert member_request.organisation.name in response.text
    assert response.context["figures"]["join_pending"] == 2
    assert reverse("themes:list") in response.text
