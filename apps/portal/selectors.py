"""Reads of "Mon espace": what concerns one member, and the network's activity around their themes
and territory. No writes here: joining an organisation goes through apps.directory.services."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from apps.aids.models import Aid, SavedSearch
from apps.consultations.models import Consultation, Contribution
from apps.directory.models import JoinRequest, Membership, Organisation, OrganisationStatus, Person
from apps.directory.selectors import organisations_filtered
from apps.events.models import Event, Registration, RegistrationStatus
from apps.experiences.models import Experience
from apps.experiences.models import State as ExperienceState
from apps.groups.models import Group, GroupMembership
from apps.questions.models import Question
from apps.questions.models import State as QuestionState
from apps.resources.models import Resource, ResourceStatus
from apps.territories.models import Kind as TerritoryKind
from apps.territories.models import Territory

if TYPE_CHECKING:
    from apps.accounts.models import User


FEED_DAYS = 90
FEED_SIZE = 20
SECTION_SIZE = 5


@dataclass
class MySpace:
    person: Person | None
    memberships: list[Membership]
    pending_requests: list[JoinRequest]
    requests_to_decide: list[JoinRequest]
    registrations: list[Registration]
    experiences: list[Experience]
    resources: list[Resource]
    contributions_count: int
    questions: list[Question]
    followed_questions: list[Question]
    alerts: list[SavedSearch]
    groups: list[Group]
    pending_groups: list[GroupMembership]
    counts: dict[str, int] = field(default_factory=dict)


def own_person(user: User) -> Person | None:
    return Person.objects.filter(user=user, is_removed=False).prefetch_related("themes").first()


def my_space(user: User) -> MySpace:
    person = own_person(user)
    memberships = (
        list(
            Membership.objects.filter(person=person)
            .select_related("organisation", "organisation__territory")
            .order_by("organisation__search_name")
        )
        if person
        else []
    )
    referent_of = [m.organisation_id for m in memberships if m.is_referent]
    pending_requests = list(
        JoinRequest.objects.filter(requested_by=user, status=JoinRequest.Status.PENDING)
        .select_related("organisation")
        .order_by("-created_at")
    )
    requests_to_decide = list(
        JoinRequest.objects.filter(
            organisation_id__in=referent_of,
            kind=JoinRequest.Kind.MEMBERSHIP,
            status=JoinRequest.Status.PENDING,
            organisation__status=OrganisationStatus.ACTIVE,
        )
        .exclude(requested_by=user)
        .select_related("organisation", "requested_by")
        .order_by("created_at")
    )
    registrations = list(
        Registration.objects.filter(
            user=user,
            event__in=Event.objects.outside_private_groups(user),
            event__end__gte=timezone.now(),
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("event__start")[:SECTION_SIZE]
    )
    experiences = list(Experience.objects.filter(author=user).order_by("-updated_at")[:SECTION_SIZE])
    resources = list(
        Resource.objects.filter(Q(owner=user) | Q(suggested_by=user)).order_by("-created_at")[:SECTION_SIZE]
    )
    contributions_count = Contribution.objects.filter(author_user=user).count()
    questions = list(
        Question.objects.visible_to(user).filter(author=user).order_by("-created_at")[:SECTION_SIZE]
    )
    followed = list(
        Question.objects.visible_to(user)
        .filter(follows__user=user, state=QuestionState.PUBLISHED)
        .exclude(author=user)
        .order_by("-last_activity_at")[:SECTION_SIZE]
    )
    alerts = list(SavedSearch.objects.filter(user=user).order_by("name")[:SECTION_SIZE])
    groups = list(Group.objects.of_member(user).order_by("name"))
    pending_groups = list(
        GroupMembership.objects.filter(user=user, status=GroupMembership.Status.PENDING).select_related(
            "group"
        )
    )
    return MySpace(
        person=person,
        memberships=memberships,
        pending_requests=pending_requests,
        requests_to_decide=requests_to_decide,
        registrations=registrations,
        experiences=experiences,
        resources=resources,
        contributions_count=contributions_count,
        questions=questions,
        followed_questions=followed,
        alerts=alerts,
        groups=groups,
        pending_groups=pending_groups,
    )


# --------------------------------------------------------------------------- activity feed


@dataclass(frozen=True)
class Interests:
    theme_ids: frozenset[int]
    # Départements and régions of the person's organisations.
    territory_ids: frozenset[int]

    @property
    def empty(self) -> bool:
        return not (self.theme_ids or self.territory_ids)


def interests(user: User) -> Interests:
    """The themes of the person's card and of their organisations; the départements and régions
    where their organisations are."""
    person = Person.objects.filter(user=user, is_removed=False).first()
    if person is None:
        return Interests(frozenset(), frozenset())
    theme_ids = set(person.themes.values_list("pk", flat=True))
    organisations = Organisation.objects.filter(memberships__person=person)
    theme_ids.update(
        Organisation.themes.through.objects.filter(organisation__in=organisations).values_list(
            "theme_id", flat=True
        )
    )
    territory_ids: set[int] = set()
    for region_id, departement_id in organisations.values_list("region_id", "departement_id"):
        territory_ids.update(pk for pk in (region_id, departement_id) if pk)
    return Interests(frozenset(theme_ids), frozenset(territory_ids))


def _territory_q(prefix: str, territory_ids: Collection[int]) -> Q:
    """Items located in one of these départements/régions (or in a place inside them)."""
    return (
        Q(**{f"{prefix}__in": territory_ids})
        | Q(**{f"{prefix}__departement__in": territory_ids})
        | Q(**{f"{prefix}__region__in": territory_ids})
    )


def _match[M: Model](
    qs: QuerySet[M],
    interests: Interests,
    *,
    themes: str | None = "themes",
    territory: str | None = "territory",
) -> QuerySet[M]:
    if interests.empty:
        return qs
    condition = Q()
    if themes and interests.theme_ids:
        condition |= Q(**{f"{themes}__in": interests.theme_ids})
    if territory and interests.territory_ids:
        condition |= _territory_q(territory, interests.territory_ids)
    if not condition:
        return qs.none()
    # The theme join may repeat an item: keep the ids first, then read each item once.
    ids = qs.filter(condition).values("pk")
    return qs.model._default_manager.filter(pk__in=ids)


@dataclass(frozen=True)
class FeedItem:
    kind: str  # "Retour d'expérience"
    title: str
    url: str
    date: datetime.datetime
    detail: str = ""


def _as_datetime(value: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def activity_feed(
    user: User, *, everything: bool = False, size: int = FEED_SIZE
) -> tuple[list[FeedItem], Interests]:
    """What happened in the network in the last 90 days, around the person's themes and territory
    (everything when they have none, or when asked): new experiences, resources, events, questions,
    aids and consultations, each as the person may see it. One query per kind."""
    mine = interests(user)
    scope = Interests(frozenset(), frozenset()) if everything else mine
    since = timezone.now() - datetime.timedelta(days=FEED_DAYS)
    items: list[FeedItem] = []

    experiences = _match(
        Experience.objects.visible_to(user).filter(state=ExperienceState.PUBLISHED, published_at__gte=since),
        scope,
    )
    for experience in experiences.select_related("territory").order_by("-published_at")[:size]:
        items.append(
            FeedItem(
                "Retour d'expérience",
                experience.title,
                experience.get_absolute_url(),
                experience.published_at or experience.created_at,
                experience.territory.name if experience.territory is not None else "",
            )
        )
    resources = _match(Resource.objects.filter(status=ResourceStatus.PUBLISHED, created_at__gte=since), scope)
    for resource in resources.order_by("-created_at")[:size]:
        items.append(
            FeedItem(
                "Ressource",
                resource.title,
                resource.get_absolute_url(),
                resource.created_at,
                resource.get_kind_display(),
            )
        )
    events = _match(
        Event.objects.visible_to(user).published().upcoming().filter(created_at__gte=since), scope
    )
    for event in events.select_related("territory").order_by("-created_at")[:size]:
        items.append(
            FeedItem(
                "Événement",
                event.title,
                event.get_absolute_url(),
                event.created_at,
                f"le {timezone.localtime(event.start):%d/%m/%Y}",
            )
        )
    questions = _match(
        Question.objects.visible_to(user)
        .network()
        .filter(state=QuestionState.PUBLISHED, created_at__gte=since),
        scope,
    )
    for question in questions.order_by("-created_at")[:size]:
        answers = question.answer_count
        items.append(
            FeedItem(
                "Question au réseau",
                question.title,
                question.get_absolute_url(),
                question.created_at,
                f"{answers} réponse{'s' if answers > 1 else ''}",
            )
        )
    aids = _match(Aid.objects.published().filter(created_at__gte=since), scope, territory=None)
    for aid in aids.order_by("-created_at")[:size]:
        items.append(
            FeedItem(
                "Aide",
                aid.title,
                aid.get_absolute_url(),
                aid.created_at,
                f"clôture le {aid.close_date:%d/%m/%Y}" if aid.close_date else "",
            )
        )
    consultations = Consultation.objects.visible_to(user).filter(
        is_published=True, opens_on__gte=since.date()
    )
    for consultation in consultations.order_by("-opens_on")[:size]:
        items.append(
            FeedItem(
                "Consultation",
                consultation.title,
                consultation.get_absolute_url(),
                _as_datetime(consultation.opens_on),
                f"jusqu'au {consultation.closes_on:%d/%m/%Y}",
            )
        )
    items.sort(key=lambda item: item.date, reverse=True)
    return items[:size], mine


# --------------------------------------------------------------------------- finding one's organisation


def find_organisations(
    *, name: str = "", siren: str = "", commune: Territory | None = None, limit: int = 20
) -> QuerySet[Organisation]:
    """Organisations a newcomer may belong to (members and pending ones are both shown: a pending
    organisation says so). By SIREN exactly, by name (accents and case ignored), by commune (the
    commune itself, and the structures located in it or in its intercommunality)."""
    qs: QuerySet[Organisation] = Organisation.objects.exclude(status=OrganisationStatus.REFUSED)
    if siren:
        qs = qs.filter(siren=siren)
    if name:
        qs = organisations_filtered(qs, {"q": name})
    if commune is not None:
        # The commune, what is located in it, and its intercommunality.
        places = [commune.pk] + ([commune.epci_id] if commune.epci_id else [])
        qs = qs.filter(territory__in=places)
    return qs.select_related("territory").order_by("search_name")[:limit]


def is_commune(territory: Territory) -> bool:
    return territory is not None and territory.kind == TerritoryKind.MUNICIPALITY
