"""What the directory holds about a person: their card, their memberships, the requests they made
and the invitations they sent. Exported under `other_data["directory"]` of the account export and
erased last (`erase_last`): the other apps' erasers still find the person through the card."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings

from apps.core.gdpr import PersonalData

if TYPE_CHECKING:
    from apps.accounts.models import User


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def user_export(*, user: User) -> dict[str, Any]:
    from apps.directory.models import Invitation, JoinRequest, Membership, Person

    person = Person.objects.filter(user=user).prefetch_related("themes", "resource_themes").first()
    data: dict[str, Any] = {"directory_card": None, "memberships": []}
    if person is not None:
        data["directory_card"] = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "slug": person.slug,
            "category": person.category,
            "function": person.function,
            "email": person.email,
            "phone": person.phone,
            "bio": person.bio,
            "competences": person.competences,
            "themes": [t.name for t in person.themes.all()],
            "resource_themes": [t.name for t in person.resource_themes.all()],
            "photo": settings.MAILLAGE_SITE_URL + person.photo.url if person.photo else None,
            "contact_visibility": person.contact_visibility,
            "directory_consent": person.directory_consent,
            "consent_at": _iso(person.consent_at),
            "created_at": _iso(person.created_at),
            "updated_at": _iso(person.updated_at),
        }
        data["memberships"] = [
            {
                "organisation": m.organisation.name,
                "function": m.function,
                "is_referent": m.is_referent,
                "created_at": _iso(m.created_at),
            }
            for m in Membership.objects.filter(person=person).select_related("organisation").order_by("pk")
        ]
    data["join_requests"] = [
        {
            "organisation": jr.organisation.name,
            "motivation": jr.motivation,
            "status": jr.status,
            "decision_message": jr.decision_message,
            "created_at": _iso(jr.created_at),
            "decided_at": _iso(jr.decided_at),
        }
        for jr in JoinRequest.objects.filter(requested_by=user).select_related("organisation").order_by("pk")
    ]
    data["invitations_sent"] = [
        {
            "organisation": inv.organisation.name,
            "email": inv.email,
            "created_at": _iso(inv.created_at),
            "accepted_at": _iso(inv.accepted_at),
        }
        for inv in Invitation.objects.filter(invited_by=user).select_related("organisation").order_by("pk")
    ]
    return data


def user_erase(*, user: User) -> None:
    from apps.directory.models import Person
    from apps.directory.services import person_erase

    person = Person.objects.filter(user=user).first()
    if person is not None:
        person_erase(person=person)


PERSONAL_DATA = PersonalData(
    label="Annuaire",
    models={
        "directory.Person": "fiche anonymisée (« Personne effacée »), gardée pour ce qui la cite",
        "directory.Membership": "supprimés",
        "directory.JoinRequest": "supprimées (demandes de la personne) ; décisions : SET_NULL",
        "directory.Invitation": "gardées, sans la personne qui a invité (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
    erase_last=True,
)
