"""Every write of the directory that has side effects (mails, several rows). Keyword-only, typed."""

import secrets

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core.emails import email_send_templated
from apps.directory.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
    PersonCategory,
)


class DirectoryError(Exception):
    """A business rule refused the action; the message is French and shown to the user."""


def _absolute(path: str) -> str:
    from django.conf import settings

    return f"{settings.MAILLAGE_SITE_URL}{path}"


def map_cache_invalidate() -> None:
    """New cache generation for the members' map: an approved or edited organisation shows at once
    instead of after the cache timeout. Old entries simply expire."""
    from apps.directory.selectors import MAP_GENERATION_KEY, map_cache_generation

    generation = map_cache_generation()
    cache.set(MAP_GENERATION_KEY, generation + 1, None)


def organisations_changed(*, organisations) -> None:
    """Every write to organisations ends here: refresh their search documents now (same
    transaction) and the map's cached points once committed."""
    from apps.search.services import search_index_object

    for organisation in organisations:
        search_index_object(organisation)
    transaction.on_commit(map_cache_invalidate)


def person_get_or_create_for_user(
    *, user: User, category: str | None = None, function: str = "", directory_consent: bool = False
) -> Person:
    """The directory entry of an account, created from the account's names the first time."""
    try:
        return user.person
    except Person.DoesNotExist:
        pass
    first_name = user.first_name or user.email.split("@")[0]
    person = Person.objects.create(
        user=user,
        first_name=first_name,
        last_name=user.last_name,
        email=user.email,
        category=category or PersonCategory.AUTRE,
        function=function,
        directory_consent=directory_consent,
        consent_at=timezone.now() if directory_consent else None,
    )
    user.person = person
    return person


@transaction.atomic
def organisation_join_request_create(
    *,
    user: User,
    name: str,
    type: str,
    territory,
    motivation: str,
    siren: str = "",
    website: str = "",
    description: str = "",
    person_data: dict | None = None,
) -> JoinRequest:
    """A new organisation asks to join: pending organisation + the requester as its référent."""
    person = person_get_or_create_for_user(user=user, **(person_data or {}))
    organisation = Organisation.objects.create(
        name=name,
        type=type,
        territory=territory,
        siren=siren,
        website=website,
        description=description,
        status=OrganisationStatus.PENDING,
    )
    organisations_changed(organisations=[organisation])
    Membership.objects.create(
        person=person, organisation=organisation, is_referent=True, function=person.function
    )
    join_request = JoinRequest.objects.create(
        organisation=organisation,
        requested_by=user,
        motivation=motivation,
        kind=JoinRequest.Kind.ORGANISATION,
    )
    animators = list(User.objects.animators().values_list("email", flat=True))
    if animators:
        email_send_templated(
            to=animators,
            template="directory/emails/join_request_new",
            context={
                "join_request": join_request,
                "organisation": organisation,
                "requester": person,
                "url": _absolute(reverse("directory:animation")),
            },
        )
    return join_request


@transaction.atomic
def membership_request_create(
    *,
    user: User,
    organisation: Organisation,
    motivation: str = "",
    function: str = "",
    person_data: dict | None = None,
) -> JoinRequest:
    """A person asks to be attached to a member organisation; its référents (or animators) decide."""
    if organisation.status != OrganisationStatus.ACTIVE:
        raise DirectoryError("Cette organisation n'est pas (encore) membre du réseau.")
    person = person_get_or_create_for_user(user=user, function=function, **(person_data or {}))
    if Membership.objects.filter(person=person, organisation=organisation).exists():
        raise DirectoryError("Vous faites déjà partie de cette organisation.")
    if JoinRequest.objects.filter(
        organisation=organisation,
        requested_by=user,
        kind=JoinRequest.Kind.MEMBERSHIP,
        status=JoinRequest.Status.PENDING,
    ).exists():
        raise DirectoryError("Vous avez déjà une demande en attente pour cette organisation.")
    if function and not person.function:
        person.function = function
        person.save(update_fields=["function", "updated_at"])
    join_request = JoinRequest.objects.create(
        organisation=organisation, requested_by=user, motivation=motivation, kind=JoinRequest.Kind.MEMBERSHIP
    )
    referents = list(
        organisation.memberships.filter(is_referent=True, person__user__is_active=True)
        .exclude(person__user__isnull=True)
        .values_list("person__user__email", flat=True)
    )
    recipients = referents or list(User.objects.animators().values_list("email", flat=True))
    if recipients:
        email_send_templated(
            to=recipients,
            template="directory/emails/membership_request_new",
            context={
                "join_request": join_request,
                "organisation": organisation,
                "requester": person,
                "url": _absolute(
                    reverse("directory:organisation_members", kwargs={"slug": organisation.slug})
                ),
            },
        )
    return join_request


def _decide(*, join_request: JoinRequest, decided_by: User, message: str, status: str) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update().select_related("organisation").get(pk=join_request.pk)
    )
    if join_request.status != JoinRequest.Status.PENDING:
        raise DirectoryError("Cette demande a déjà été traitée.")
    join_request.status = status
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.decision_message = message
    join_request.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
    return join_request


def _notify_decision(join_request: JoinRequest) -> None:
    organisation = join_request.organisation
    email_send_templated(
        to=join_request.requested_by.email,
        template="directory/emails/join_request_decided",
        context={
            "join_request": join_request,
            "organisation": organisation,
            "approved": join_request.status == JoinRequest.Status.APPROVED,
            "url": _absolute(organisation.get_absolute_url()),
        },
    )


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, decided_by: User, message: str = "") -> JoinRequest:
    join_request = _decide(
        join_request=join_request, decided_by=decided_by, message=message, status=JoinRequest.Status.APPROVED
    )
    organisation = join_request.organisation
    if join_request.kind == JoinRequest.Kind.ORGANISATION:
        organisation.status = OrganisationStatus.ACTIVE
        organisation.save()
        organisations_changed(organisations=[organisation])
    else:
        person = person_get_or_create_for_user(user=join_request.requested_by)
        Membership.objects.get_or_create(
            person=person, organisation=organisation, defaults={"function": person.function}
        )
    _notify_decision(join_request)
    return join_request


@transaction.atomic
def join_request_refuse(*, join_request: JoinRequest, decided_by: User, message: str = "") -> JoinRequest:
    join_request = _decide(
        join_request=join_request, decided_by=decided_by, message=message, status=JoinRequest.Status.REFUSED
    )
    organisation = join_request.organisation
    if (
        join_request.kind == JoinRequest.Kind.ORGANISATION
        and organisation.status == OrganisationStatus.PENDING
    ):
        organisation.status = OrganisationStatus.REFUSED
        organisation.save()
        organisations_changed(organisations=[organisation])
    _notify_decision(join_request)
    return join_request


@transaction.atomic
def organisation_update(*, form, engagements) -> Organisation:
    """Save the organisation form and its engagements together, or nothing."""
    organisation = form.save()
    engagements.instance = organisation
    engagements.save()
    organisations_changed(organisations=[organisation])
    return organisation


def _referent_count(organisation: Organisation) -> int:
    return organisation.memberships.filter(is_referent=True).count()


@transaction.atomic
def membership_set_referent(*, membership: Membership, is_referent: bool) -> Membership:
    if not is_referent and membership.is_referent and _referent_count(membership.organisation) <= 1:
        raise DirectoryError(
            "L'organisation doit garder au moins un·e référent·e : désignez-en un·e autre d'abord."
        )
    membership.is_referent = is_referent
    membership.save(update_fields=["is_referent"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    if membership.is_referent and _referent_count(membership.organisation) <= 1:
        raise DirectoryError(
            "C'est le ou la dernier·e référent·e de l'organisation : désignez-en un·e autre avant de le ou la retirer."
        )
    membership.delete()


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, invited_by: User) -> Invitation:
    email = email.strip().lower()
    if Invitation.objects.filter(organisation=organisation, email=email, accepted_at__isnull=True).exists():
        raise DirectoryError("Une invitation est déjà en attente pour cette adresse.")
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, invited_by=invited_by, token=secrets.token_urlsafe(32)
    )
    email_send_templated(
        to=email,
        template="directory/emails/invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "inviter": invited_by,
            "url": _absolute(reverse("directory:invitation_accept", kwargs={"token": invitation.token})),
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, directory_consent: bool | None = None
) -> Membership:
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise DirectoryError("Cette invitation a déjà été utilisée.")
    if invitation.organisation.status == OrganisationStatus.REFUSED:
        raise DirectoryError("Cette organisation ne fait pas partie du réseau.")
    person = person_get_or_create_for_user(user=user, directory_consent=bool(directory_consent))
    membership, _ = Membership.objects.get_or_create(
        person=person, organisation=invitation.organisation, defaults={"function": person.function}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def invitation_cancel(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None:
        invitation.delete()
