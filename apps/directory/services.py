"""Every write of the directory that has side effects (mails, several rows). Keyword-only, typed."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.core.cache import cache
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core import files
from apps.core.emails import email_send_templated
from apps.core.services import model_save
from apps.directory.models import (
    Engagement,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
    PersonCategory,
)
from apps.notifications.models import Kind
from apps.notifications.services import notification_create, notification_resolve

if TYPE_CHECKING:
    from apps.territories.models import Territory
    from apps.themes.models import Theme


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


def organisations_changed(*, organisations: Iterable[Organisation]) -> None:
    """Every write to organisations ends here: refresh their search documents now (same
    transaction) and the map's cached points once committed."""
    from apps.search.services import search_index_object

    for organisation in organisations:
        search_index_object(organisation)
    transaction.on_commit(map_cache_invalidate)


def organisation_delete(*, organisation: Organisation) -> None:
    """Delete an organisation that has no history. One with history (arbitrage answers, programme
    enrolments and their support record: `on_delete=PROTECT`) is refused with a French message —
    it stays in the network's record. Its search document and the map follow."""
    from django.db.models.deletion import ProtectedError

    from apps.search.services import search_remove_object

    try:
        with transaction.atomic():
            search_remove_object(organisation)
            organisation.delete()
    except ProtectedError as exc:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
        raise DirectoryError(
            f"« {organisation.name} » a un historique dans le réseau ({', '.join(kinds)}) : elle ne peut "
            "pas être supprimée. Fusionnez-la avec la fiche qui reste (« Fusionner » sur sa page) ou gardez-la."
        ) from exc
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
        category=category or PersonCategory.OTHER,
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
    territory: Territory,
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
    _notify_in_app(
        recipients=list(User.objects.animators()),
        kind=Kind.MODERATION,
        join_request=join_request,
        title=f"Demande d'adhésion de « {organisation.name} »",
        url=reverse("cockpit:moderation") + "?type=adhesions",
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
    referent_users = list(
        User.objects.filter(
            person__memberships__organisation=organisation,
            person__memberships__is_referent=True,
            person__is_removed=False,
            is_active=True,
        ).distinct()
    )
    title = f"{person.full_name} demande à rejoindre « {organisation.name} »"
    if referent_users:
        _notify_in_app(
            recipients=referent_users,
            kind=Kind.REQUEST,
            join_request=join_request,
            title=title,
            url=reverse("directory:organisation_members", kwargs={"slug": organisation.slug}),
        )
    else:
        _notify_in_app(
            recipients=list(User.objects.animators()),
            kind=Kind.MODERATION,
            join_request=join_request,
            title=title,
            url=reverse("cockpit:moderation") + "?type=rattachements",
        )
    referents = [user.email for user in referent_users]
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


def _notify_in_app(
    *, recipients: Iterable[User], kind: str, join_request: JoinRequest, title: str, url: str
) -> None:
    notification_create(
        recipients=recipients, kind=kind, target=join_request, event="new", title=title, url=url
    )


def _decide(*, join_request: JoinRequest, decided_by: User, message: str, status: str) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=join_request.pk)
    )
    if join_request.status != JoinRequest.Status.PENDING:
        raise DirectoryError("Cette demande a déjà été traitée.")
    join_request.status = status
    join_request.decided_by = decided_by
    join_request.decided_at = timezone.now()
    join_request.decision_message = message
    join_request.save(update_fields=["status", "decided_by", "decided_at", "decision_message"])
    # Whoever decided, the request is no longer waiting for the others told about it.
    notification_resolve(target=join_request, kinds=[Kind.MODERATION, Kind.REQUEST])
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


class OrganisationData(TypedDict, total=False):
    name: str
    type: str
    territory: Territory | None
    address: str
    siren: str
    website: str
    email: str
    description: str
    themes: Iterable[Theme]
    competences: str
    needs: str
    need_themes: Iterable[Theme]
    # An upload replaces the logo; False removes it; None (or absent) keeps it (form convention).
    logo: File | bool | None


class EngagementData(TypedDict):
    kind: str
    stage: str
    label: str
    year: int | None


def _engagements_replace(organisation: Organisation, engagements: Sequence[EngagementData]) -> None:
    """The organisation's engagements become exactly `engagements` (one per kind)."""
    organisation.engagements.exclude(kind__in=[row["kind"] for row in engagements]).delete()
    for row in engagements:
        Engagement.objects.update_or_create(
            organisation=organisation,
            kind=row["kind"],
            defaults={"stage": row["stage"], "label": row["label"], "year": row["year"]},
        )


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: OrganisationData, engagements: Sequence[EngagementData]
) -> Organisation:
    """The card and its engagements together, or nothing."""
    model_save(instance=organisation, data=dict(data))
    _engagements_replace(organisation, engagements)
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
def invitation_create(
    *, organisation: Organisation, email: str, invited_by: User, message: str = ""
) -> Invitation:
    email = email.strip().lower()
    if Invitation.objects.filter(organisation=organisation, email=email, accepted_at__isnull=True).exists():
        raise DirectoryError("Une invitation est déjà en attente pour cette adresse.")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        invited_by=invited_by,
        token=secrets.token_urlsafe(32),
        message=message.strip(),
        last_sent_at=timezone.now(),
    )
    _invitation_mail(invitation)
    return invitation


def _invitation_mail(invitation: Invitation) -> None:
    email_send_templated(
        to=invitation.email,
        template="directory/emails/invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "message": invitation.message,
            "url": _absolute(reverse("directory:invitation_accept", kwargs={"token": invitation.token})),
        },
    )


RESEND_DELAY_HOURS = 24


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """The same invitation (same link) sent again; at most once a day, so that nobody is flooded."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "invited_by")
        .get(pk=invitation.pk)
    )
    if invitation.accepted_at is not None:
        raise DirectoryError("Cette invitation a déjà été acceptée.")
    last = invitation.last_sent_at or invitation.created_at
    if last and timezone.now() - last < datetime.timedelta(hours=RESEND_DELAY_HOURS):
        raise DirectoryError(f"{invitation.email} a déjà reçu cette invitation il y a moins de 24 heures.")
    invitation.last_sent_at = timezone.now()
    invitation.send_count += 1
    invitation.save(update_fields=["last_sent_at", "send_count"])
    _invitation_mail(invitation)
    return invitation


@dataclass
class BulkInvitationResult:
    sent: list[str] = field(default_factory=list)
    already_pending: list[str] = field(default_factory=list)
    already_member: list[str] = field(default_factory=list)


def invitations_bulk_create(
    *, rows: list[tuple[str, Organisation]], invited_by: User, message: str = ""
) -> BulkInvitationResult:
    """Invite many people at once (pasted list, spreadsheet, people imported without an account).
    Each row is (address, organisation); people already invited or already members are skipped
    and reported. Each invitation is its own transaction: one failure never spoils the others."""
    result = BulkInvitationResult()
    seen = set()
    for email, organisation in rows:
        email = email.strip().lower()
        key = (email, organisation.pk)
        if key in seen:
            continue
        seen.add(key)
        label = f"{email} ({organisation.name})"
        if Membership.objects.filter(organisation=organisation, person__user__email=email).exists():
            result.already_member.append(label)
            continue
        try:
            invitation_create(organisation=organisation, email=email, invited_by=invited_by, message=message)
        except DirectoryError:
            result.already_pending.append(label)
        else:
            result.sent.append(label)
    return result


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, directory_consent: bool | None = None
) -> Membership:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
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


# --- Coordinator tasks: an organisation added by the animation team, another person's card ------


@transaction.atomic
def organisation_create(*, data: OrganisationData, engagements: Sequence[EngagementData]) -> Organisation:
    """An organisation added directly by the animation team: a member of the network at once."""
    organisation = model_save(instance=Organisation(status=OrganisationStatus.ACTIVE), data=dict(data))
    _engagements_replace(organisation, engagements)
    organisations_changed(organisations=[organisation])
    return organisation


@transaction.atomic
def person_update(
    *,
    person: Person,
    first_name: str,
    last_name: str,
    category: str,
    function: str = "",
    email: str = "",
    phone: str = "",
    bio: str = "",
    competences: str = "",
    themes: list | None = None,
    resource_themes: list | None = None,
) -> Person:
    """The animation team corrects a person's card. Consent and the visibility of contact details
    stay the person's own choice: they are not changed here."""
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.category = category
    person.function = function.strip()
    person.email = email.strip().lower()
    person.phone = phone.strip()
    person.bio = bio
    person.competences = competences
    person.save()
    if themes is not None:
        person.themes.set(themes)
    if resource_themes is not None:
        person.resource_themes.set(resource_themes)
    return person


# --- the account's own card (the "Mon compte" pages; accounts imports no directory) ---------------

AVATAR_SIDE = 512  # pixels, longer side of a profile photo once resized


def person_attach_account(*, user: User) -> Person:
    """Give a newly verified account its directory card (registered as accounts' activation hook).

    A card the network already imported with this address (and no account yet) is linked rather
    than duplicated; only now, because the address is proven to belong to this person."""
    existing: Person | None = getattr(user, "person", None)
    if existing is not None:
        return existing
    now = timezone.now()
    person = (
        Person.objects.select_for_update(of=("self",))
        .filter(user__isnull=True, is_removed=False, email__iexact=user.email)
        .order_by("pk")
        .first()
    )
    if person is not None:
        person.user = user
        fields = ["user", "updated_at"]
        # Ticking the box is an explicit consent; leaving it unticked does not withdraw a consent the
        # network already recorded: the account page shows the state and lets the person withdraw it.
        if user.signup_directory_consent and not person.directory_consent:
            person.directory_consent = True
            person.consent_at = now
            fields += ["directory_consent", "consent_at"]
        person.save(update_fields=fields)
        return person
    return Person.objects.create(
        user=user,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        category=PersonCategory.OTHER,
        directory_consent=user.signup_directory_consent,
        consent_at=now if user.signup_directory_consent else None,
    )


@dataclass(frozen=True)
class CardChanges:
    """What the account form may change on the person's own directory card."""

    function: str
    category: str
    phone: str
    bio: str
    competences: str
    contact_visibility: str
    directory_consent: bool
    themes: list[Theme]
    resource_themes: list[Theme]
    photo: File | None = None
    remove_photo: bool = False


def account_profile_update(
    *, user: User, first_name: str, last_name: str, card: CardChanges | None = None
) -> User:
    """Update the account's names and, if the person has one, their directory card."""
    from apps.accounts.services import user_update_profile

    with transaction.atomic():
        user_update_profile(user=user, first_name=first_name, last_name=last_name)
        person: Person | None = getattr(user, "person", None)
        if person is None or person.is_removed:
            return user
        person.first_name = user.first_name or person.first_name
        person.last_name = user.last_name or person.last_name
        if card is not None:
            person.function = card.function
            person.category = card.category
            person.phone = card.phone
            person.bio = card.bio
            person.competences = card.competences
            person.contact_visibility = card.contact_visibility
            if card.remove_photo and person.photo:
                person.photo.delete(save=False)
            if card.photo is not None:
                if person.photo:
                    person.photo.delete(save=False)
                # An avatar: upright, 512 px at most, no metadata (apps.core.files).
                person.photo = files.image_resized(card.photo, max_side=AVATAR_SIDE, name="photo")
        person.save()
        if card is not None:
            person.themes.set(card.themes)
            person.resource_themes.set(card.resource_themes)
            person_set_directory_consent(person=person, consent=card.directory_consent)
    return user


def person_set_directory_consent(*, person: Person, consent: bool) -> Person:
    """Give or withdraw consent to appear in the directory. Withdrawal takes effect at once:
    `Person.objects.listed()` filters on this flag."""
    if consent == person.directory_consent:
        return person
    person.directory_consent = consent
    person.consent_at = timezone.now() if consent else None
    person.save(update_fields=["directory_consent", "consent_at", "updated_at"])
    return person


def person_erase(*, person: Person) -> None:
    """Blank a directory card's personal fields and drop its memberships. The row stays, marked
    removed, so that other records pointing at it keep a target; it is never listed again."""
    if person.photo:
        person.photo.delete(save=False)
    Membership.objects.filter(person=person).delete()
    person.themes.clear()
    person.resource_themes.clear()
    person.user = None
    person.first_name = "Personne"
    person.last_name = "effacée"
    person.slug = f"effacee-{person.pk}"
    person.function = ""
    person.email = ""
    person.phone = ""
    person.bio = ""
    person.competences = ""
    person.photo = ""
    person.directory_consent = False
    person.consent_at = None
    person.is_removed = True
    person.save()
