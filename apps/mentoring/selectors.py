"""Reads of mentoring: the candidates proposed to a mentee, with their reasons; lists.

Candidates are chosen with the network's shared fairness (apps.core.fairness, the rules of the
expert routing): a mentor's capacity (open requests and mentorships) is never exceeded, a pause is
respected, nobody is proposed to a colleague of their own organisation nor twice for the same need,
and among equally relevant mentors the one asked least recently comes first — so that the same
three people are not asked by everyone. Relevance comes in three levels: the mentor (or their
organisation) published an experience on the theme; their organisation resembles the mentee's
(apps.directory.similarity); the others.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from apps.core.fairness import choose_fairly, last_solicitation_phrase
from apps.directory import similarity
from apps.directory.models import Membership, Organisation, OrganisationStatus
from apps.directory.selectors_similar import profile_of
from apps.mentoring.models import OPEN_STATUSES, MentorProfile, Mentorship, Status

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.accounts.perms import AnyUser
    from apps.directory.models import Person
    from apps.experiences.models import Experience
    from apps.themes.models import Theme


DEFAULTS = {"CANDIDATES": 5, "EXPIRE_AFTER_DAYS": 14, "SIMILAR_SCORE": 35}


def config(name: str) -> Any:
    return getattr(settings, "MAILLAGE_MENTORING", {}).get(name, DEFAULTS[name])


DONE, SIMILAR, OTHER = 0, 1, 2


@dataclass
class MentorCandidate:
    user_id: int
    capacity: int
    used: int
    last_solicited_at: datetime | None
    paused_until: date | None
    organisation_ids: frozenset[int]
    profile: MentorProfile | None = None
    organisation: Organisation | None = None
    relevance: int = OTHER
    reasons: list[str] = field(default_factory=list)
    experiences: list = field(default_factory=list)  # (title, url)

    @property
    def remaining(self) -> int:
        return self.capacity - self.used

    @property
    def person(self) -> Person | None:
        return getattr(self.profile.user, "person", None) if self.profile else None


def _organisations_of(user_ids: Collection[int]) -> dict[int, list[Organisation]]:
    result: dict[int, list[Organisation]] = {}
    for membership in (
        Membership.objects.filter(
            person__user_id__in=list(user_ids), organisation__status=OrganisationStatus.ACTIVE
        )
        .select_related("organisation", "organisation__territory", "person")
        .order_by("-is_referent", "pk")
    ):
        if (user_id := membership.person.user_id) is not None:
            result.setdefault(user_id, []).append(membership.organisation)
    return result


def mentee_organisation(user: AnyUser) -> Organisation | None:
    if user.pk is None:
        return None
    organisations = _organisations_of([user.pk]).get(user.pk, [])
    return organisations[0] if organisations else None


def _experiences_on_theme(
    theme: Theme, *, user_ids: Collection[int], organisation_ids: Collection[int]
) -> tuple[dict[int, list[Experience]], dict[int, list[Experience]]]:
    """Published experiences on `theme` involving these people or organisations."""
    from django.urls import reverse

    from apps.experiences.models import Experience

    by_user: dict[int, list] = {}
    by_org: dict[int, list] = {}
    experiences = Experience.objects.published().filter(themes=theme)
    for user_id, title, slug in experiences.filter(people__user_id__in=list(user_ids)).values_list(
        "people__user_id", "title", "slug"
    ):
        by_user.setdefault(user_id, []).append((title, reverse("experiences:detail", kwargs={"slug": slug})))
    for org_id, title, slug in experiences.filter(organisations__in=list(organisation_ids)).values_list(
        "organisations", "title", "slug"
    ):
        by_org.setdefault(org_id, []).append((title, reverse("experiences:detail", kwargs={"slug": slug})))
    return by_user, by_org


def mentor_candidates(
    *,
    mentee: User,
    theme: Theme,
    organisation: Organisation | None = None,
    k: int | None = None,
    now: datetime | None = None,
) -> list[MentorCandidate]:
    """The mentors proposed to `mentee` for `theme` (optionally: only people of `organisation`),
    best first, each with the reasons shown to the mentee."""
    now = now or timezone.now()
    k = config("CANDIDATES") if k is None else k
    offering = MentorProfile.objects.offering().filter(themes=theme).select_related("user", "user__person")
    if organisation is not None:
        offering = offering.filter(user__person__memberships__organisation=organisation)
    profiles = list(offering.distinct().order_by("pk"))
    user_ids = [p.user_id for p in profiles]
    used = dict(
        Mentorship.objects.filter(mentor_id__in=user_ids, status__in=OPEN_STATUSES)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    last = dict(
        Mentorship.objects.filter(mentor_id__in=user_ids)
        .values("mentor_id")
        .annotate(last=Max("created_at"))
        .values_list("mentor_id", "last")
    )
    organisations = _organisations_of([*user_ids, mentee.pk])
    mentee_orgs = organisations.get(mentee.pk, [])
    already = set(
        Mentorship.objects.filter(
            mentee=mentee, theme=theme, status__in=[*OPEN_STATUSES, Status.DECLINED]
        ).values_list("mentor_id", flat=True)
    )
    all_org_ids = {o.pk for orgs in organisations.values() for o in orgs}
    by_user, by_org = _experiences_on_theme(theme, user_ids=user_ids, organisation_ids=all_org_ids)
    subject = profile_of(mentee_orgs[0]) if mentee_orgs else None
    themes_by_org: dict[int, set[int]] = {}
    for org_id, theme_id in Organisation.themes.through.objects.filter(
        organisation_id__in=all_org_ids
    ).values_list("organisation_id", "theme_id"):
        themes_by_org.setdefault(org_id, set()).add(theme_id)

    candidates = []
    for profile in profiles:
        orgs = organisations.get(profile.user_id, [])
        candidate = MentorCandidate(
            user_id=profile.user_id,
            capacity=profile.capacity,
            used=used.get(profile.user_id, 0),
            last_solicited_at=last.get(profile.user_id),
            paused_until=profile.paused_until,
            organisation_ids=frozenset(o.pk for o in orgs),
            profile=profile,
            organisation=orgs[0] if orgs else None,
        )
        done = list(by_user.get(profile.user_id, []))
        for org in orgs:
            done += [e for e in by_org.get(org.pk, []) if e not in done]
        if done:
            candidate.relevance = DONE
            candidate.experiences = done[:3]
            candidate.reasons.append(f"a publié un retour d'expérience sur {theme.name}")
        if subject is not None and candidate.organisation is not None:
            org = candidate.organisation
            match = similarity.evaluate(
                subject,
                similarity.Profile(
                    id=org.pk,
                    kind=org.type,
                    name=org.search_name,
                    population=org.territory.population if org.territory is not None else None,
                    latitude=org.latitude,
                    longitude=org.longitude,
                    departement_id=org.departement_id,
                    region_id=org.region_id,
                    theme_ids=frozenset(themes_by_org.get(org.pk, ())),
                ),
                kind_labels={org.type: org.get_type_display()},
            )
            if match.score >= config("SIMILAR_SCORE"):
                candidate.relevance = min(candidate.relevance, SIMILAR)
                candidate.reasons.append(
                    "organisation comparable à la vôtre : "
                    + " ; ".join(
                        c.text for c in match.criteria if c.matched and c.key in {"kind", "size", "place"}
                    )
                )
        candidate.reasons.append(f"accompagne sur {theme.name}")
        candidate.reasons.append(last_solicitation_phrase(candidate.last_solicited_at, now=now))
        candidate.reasons.append(
            f"{candidate.used} parrainage{'s' if candidate.used > 1 else ''} en cours sur {candidate.capacity} possible"
            f"{'s' if candidate.capacity > 1 else ''}"
        )
        candidates.append(candidate)
    return choose_fairly(
        candidates,
        k=k,
        today=timezone.localdate(now),
        asker_id=mentee.pk,
        asker_organisation_ids=frozenset(o.pk for o in mentee_orgs),
        already_asked=already,
        priority=lambda c: (c.relevance,),
    )


def explain(candidate: MentorCandidate) -> str:
    return " ; ".join(candidate.reasons)


def mentorships_of(user: User) -> dict[str, list[Mentorship]]:
    base = Mentorship.objects.select_related(
        "mentee", "mentor", "theme", "mentee_organisation", "mentor_organisation"
    )
    return {
        "as_mentee": list(base.filter(mentee=user).order_by("-created_at")[:50]),
        "as_mentor": list(base.filter(mentor=user).order_by("-created_at")[:50]),
    }


def coordination(*, status: str = "", theme: Theme | None = None) -> QuerySet[Mentorship]:
    """Every pair, for the network's coordinators."""
    qs = Mentorship.objects.select_related(
        "mentee", "mentor", "theme", "mentee_organisation", "mentor_organisation"
    ).order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    if theme is not None:
        qs = qs.filter(theme=theme)
    return qs


def status_counts() -> dict[str, int]:
    counts = dict(Mentorship.objects.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {value: counts.get(value, 0) for value, _ in Status.choices}


def mentor_loads() -> QuerySet[MentorProfile]:
    """Each mentor's load: places taken, capacity, pause, last request."""
    return (
        MentorProfile.objects.select_related("user", "user__person")
        .annotate(
            taken=Count(
                "user__mentorships_as_mentor", filter=Q(user__mentorships_as_mentor__status__in=OPEN_STATUSES)
            ),
            total=Count("user__mentorships_as_mentor"),
            last=Max("user__mentorships_as_mentor__created_at"),
        )
        .order_by("-taken", "user__last_name", "pk")
    )
