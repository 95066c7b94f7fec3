"""Consultation participation for the cockpit. Kept apart so that it can read through the
consultations app's own selectors once its restructuring lands (one module to adapt)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q

from apps.consultations.models import Audience, Consultation, Contribution
from apps.directory.models import Organisation

if TYPE_CHECKING:
    from apps.cockpit.figures import Period


@dataclass
class ConsultationParticipation:
    consultation: Consultation
    invited: int
    contributing: int
    contributions: int


def consultations_open_during(period: Period):
    """Published consultations (not addressed to a private group) open at least one day of the period."""
    return (
        Consultation.objects.filter(is_published=True, opens_on__lte=period.end, closes_on__gte=period.start)
        .exclude(audience=Audience.GROUP)
        .order_by("opens_on", "pk")
    )


def participation(period: Period) -> list[ConsultationParticipation]:
    """Per consultation: organisations invited, organisations that contributed (a visible
    contribution signed by one of them), and visible contributions. One count query per
    "certain organisations" consultation; the network's member count is read once."""
    consultations = list(
        consultations_open_during(period).annotate(
            contributions_count=Count(
                "objectives__actions__contributions",
                filter=Q(objectives__actions__contributions__is_hidden=False),
                distinct=True,
            ),
            contributing=Count(
                "objectives__actions__contributions__organisation",
                filter=Q(objectives__actions__contributions__is_hidden=False),
                distinct=True,
            ),
        )
    )
    members = None
    rows = []
    for consultation in consultations:
        if consultation.audience == Audience.ALL_MEMBERS:
            if members is None:
                members = Organisation.objects.active().count()
            invited = members
        else:
            invited = consultation.invited_organisations.count()
        rows.append(
            ConsultationParticipation(
                consultation=consultation,
                invited=invited,
                contributing=consultation.contributing,
                contributions=consultation.contributions_count,
            )
        )
    return rows


def contributing_organisations(consultation: Consultation):
    return Organisation.objects.filter(
        pk__in=Contribution.objects.filter(
            action__objective__consultation=consultation, is_hidden=False, organisation__isnull=False
        ).values("organisation")
    )
