import pytest
from django.core import mail

from apps.directory import services
from apps.directory.models import (
    Invitation,
    JoinRequest,
    Membership,
    OrganisationStatus,
    OrganisationType,
    Person,
)
from tests.directory.factories import InvitationFactory, JoinRequestFactory
from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and run its on-commit hooks (mail enqueueing), as a real commit would."""

    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def test_organisation_join_request_creates_pending_org_person_membership_and_notifies_animators(run):
    animator = UserFactory(animator=True)
    user = UserFactory(first_name="Anne", last_name="Morvan")
    jr = run(
        services.organisation_join_request_create,
        user=user,
        name="Ville de Quimper",
        type=OrganisationType.MUNICIPALITY,
        territory=CommuneFactory(),
        siren="732829320",
        motivation="Partager notre PCAET.",
        person_data={"category": "staff", "function": "Chargée de mission", "directory_consent": True},
    )
    organisation = jr.organisation
    assert organisation.status == OrganisationStatus.PENDING
    assert jr.kind == JoinRequest.Kind.ORGANISATION and jr.is_pending
    person = Person.objects.get(user=user)
    assert person.full_name == "Anne Morvan" and person.directory_consent and person.consent_at
    assert Membership.objects.get(person=person, organisation=organisation).is_referent
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [animator.email]
    assert "Ville de Quimper" in mail.outbox[0].subject


def test_join_request_keeps_existing_person(run):
    user = UserFactory()
    person = PersonFactory(user=user)
    jr = run(
        services.organisation_join_request_create,
        user=user,
        name="Asso",
        type=OrganisationType.ASSOCIATION,
        territory=None,
        motivation="x",
    )
    assert Membership.objects.get(organisation=jr.organisation).person == person
    assert Person.objects.filter(user=user).count() == 1


def test_approve_organisation_request_activates_and_mails_requester(run):
    jr = JoinRequestFactory()
    animator = UserFactory(animator=True)
    run(
        services.join_request_approve,
        join_request=jr,
        decided_by=animator,
        message="Bienvenue dans le réseau !",
    )
    jr.refresh_from_db()
    jr.organisation.refresh_from_db()
    assert jr.status == JoinRequest.Status.APPROVED
    assert jr.decided_by == animator and jr.decided_at is not None
    assert jr.organisation.status == OrganisationStatus.ACTIVE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [jr.requested_by.email]
    assert "acceptée" in message.subject
    assert "Bienvenue dans le réseau !" in message.body
    assert "&#x27;" not in message.body  # text mails are not HTML-escaped


def test_refuse_organisation_request_marks_org_refused_and_mails_requester(run):
    jr = JoinRequestFactory()
    run(
        services.join_request_refuse,
        join_request=jr,
        decided_by=UserFactory(animator=True),
        message="Hors périmètre.",
    )
    jr.organisation.refresh_from_db()
    assert jr.organisation.status == OrganisationStatus.REFUSED
    assert len(mail.outbox) == 1
    assert "n'a pas été retenue" in mail.outbox[0].subject
    assert "Hors périmètre." in mail.outbox[0].body


def test_decision_twice_is_refused(run):
    jr = JoinRequestFactory()
    animator = UserFactory(animator=True)
    run(services.join_request_approve, join_request=jr, decided_by=animator)
    with pytest.raises(services.DirectoryError):
        run(services.join_request_refuse, join_request=jr, decided_by=animator)


def test_membership_request_notifies_referents_and_approval_attaches_person(run):
    org = OrganisationFactory()
    referent = UserFactory()
    MembershipFactory(person=PersonFactory(user=referent), organisation=org, referent=True)
    requester = UserFactory()
    jr = run(
        services.membership_request_create,
        user=requester,
        organisation=org,
        motivation="Je suis la nouvelle chargée de mission.",
        function="Chargée",
    )
    assert jr.kind == JoinRequest.Kind.MEMBERSHIP
    assert mail.outbox[-1].to == [referent.email]
    with pytest.raises(services.DirectoryError):
        run(services.membership_request_create, user=requester, organisation=org)
    run(services.join_request_approve, join_request=jr, decided_by=referent)
    assert Membership.objects.filter(organisation=org, person__user=requester, is_referent=False).exists()
    assert mail.outbox[-1].to == [requester.email]


def test_membership_request_to_pending_org_is_refused(run):
    with pytest.raises(services.DirectoryError):
        run(
            services.membership_request_create,
            user=UserFactory(),
            organisation=OrganisationFactory(pending=True),
        )


def test_invitation_create_sends_link_and_accept_attaches_user(run):
    org = OrganisationFactory()
    inviter = UserFactory()
    invitation = run(
        services.invitation_create, organisation=org, email="Collegue@Exemple.test", invited_by=inviter
    )
    assert invitation.email == "collegue@exemple.test"
    assert len(invitation.token) >= 32
    assert mail.outbox[-1].to == ["collegue@exemple.test"]
    assert f"/annuaire/invitations/{invitation.token}/" in mail.outbox[-1].body
    with pytest.raises(services.DirectoryError):
        run(services.invitation_create, organisation=org, email="collegue@exemple.test", invited_by=inviter)
    user = UserFactory(email="collegue@exemple.test")
    membership = run(services.invitation_accept, invitation=invitation, user=user, directory_consent=True)
    assert membership.organisation == org and membership.person.user == user
    assert membership.person.directory_consent
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    with pytest.raises(services.DirectoryError):
        run(services.invitation_accept, invitation=invitation, user=UserFactory())


def test_invitation_accept_without_consent_keeps_person_out_of_directory(run):
    invitation = InvitationFactory()
    user = UserFactory()
    run(services.invitation_accept, invitation=invitation, user=user, directory_consent=False)
    assert not Person.objects.listed().filter(user=user).exists()


def test_last_referent_cannot_be_demoted_or_removed(run):
    org = OrganisationFactory()
    only = MembershipFactory(organisation=org, referent=True)
    with pytest.raises(services.DirectoryError):
        run(services.membership_set_referent, membership=only, is_referent=False)
    with pytest.raises(services.DirectoryError):
        run(services.membership_remove, membership=only)
    second = MembershipFactory(organisation=org)
    run(services.membership_set_referent, membership=second, is_referent=True)
    run(services.membership_set_referent, membership=only, is_referent=False)
    run(services.membership_remove, membership=only)
    assert list(org.memberships.all()) == [second]


def test_invitation_cancel_only_pending(run):
    invitation = InvitationFactory()
    run(services.invitation_cancel, invitation=invitation)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
