"""Who receives a letter: segments of the members, minus those who unsubscribed, plus the confirmed
public subscribers (whole-network letters only)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from apps.mailing.models import Segment, Subscription, SubscriptionStatus


def segment_choices_for(segment: str) -> list[tuple[str, str]]:
    """The values a segment takes, for the edition form."""
    from apps.directory.models import OrganisationType, PersonCategory

    if segment == Segment.THEME:
        from apps.themes.models import Theme

        return [
            (str(t.pk), t.name) for t in Theme.objects.filter(is_active=True).order_by("position", "name")
        ]
    if segment in (Segment.REGION, Segment.DEPARTMENT):
        from apps.territories.models import Territory

        return [
            (str(t.pk), f"{t.name} ({t.code})")
            for t in Territory.objects.filter(kind=segment).order_by("code").only("pk", "name", "code")
        ]
    if segment == Segment.CATEGORY:
        return list(PersonCategory.choices)
    if segment == Segment.ORGANISATION_TYPE:
        return list(OrganisationType.choices)
    if segment == Segment.GROUP:
        from apps.groups.models import Group

        return [(str(g.pk), g.name) for g in Group.objects.order_by("name")]
    if segment == Segment.PROGRAMME:
        from apps.programmes.models import Programme

        return [(str(p.pk), p.title) for p in Programme.objects.order_by("title")]
    return []


def segment_users(segment: str, value: str = ""):
    """Active accounts of the segment (before consent)."""
    users = get_user_model().objects.filter(is_active=True)
    if segment == Segment.ALL:
        return users
    if not str(value).isdigit() and segment not in (Segment.CATEGORY, Segment.ORGANISATION_TYPE):
        return users.none()
    person = "person__"
    organisations = f"{person}memberships__organisation__"
    if segment == Segment.THEME:
        return users.filter(
            Q(**{f"{person}themes": value}) | Q(**{f"{organisations}themes": value})
        ).distinct()
    if segment == Segment.REGION:
        return users.filter(**{f"{organisations}region": value}).distinct()
    if segment == Segment.DEPARTMENT:
        return users.filter(**{f"{organisations}departement": value}).distinct()
    if segment == Segment.CATEGORY:
        return users.filter(**{f"{person}category": value})
    if segment == Segment.ORGANISATION_TYPE:
        return users.filter(**{f"{organisations}type": value}).distinct()
    if segment == Segment.GROUP:
        return users.filter(group_memberships__group=value, group_memberships__status="active").distinct()
    if segment == Segment.PROGRAMME:
        return users.filter(person__delegations__programme=value).distinct()
    return users.none()


def recipients(segment: str, value: str = "") -> list[tuple[str, object]]:
    """(address, user or None) of everyone who receives a letter sent to that segment."""
    opted_out = {
        a.lower()
        for a in Subscription.objects.filter(status=SubscriptionStatus.UNSUBSCRIBED).values_list(
            "address", flat=True
        )
    }
    result: dict[str, object] = {}
    for user in segment_users(segment, value).only("pk", "email", "first_name", "last_name").iterator(2000):
        address = user.email.lower()
        if address and address not in opted_out:
            result[address] = user
    if segment == Segment.ALL:
        for address in Subscription.objects.filter(status=SubscriptionStatus.SUBSCRIBED).values_list(
            "address", flat=True
        ):
            result.setdefault(address.lower(), None)
    return list(result.items())


def segment_label(segment: str, value: str = "") -> str:
    label = Segment(segment).label if segment in Segment.values else segment
    if segment != Segment.ALL and value:
        names = dict(segment_choices_for(segment))
        return f"{label} : {names.get(str(value), value)}"
    return label


def is_subscribed(user) -> bool:
    return not Subscription.objects.filter(
        address__iexact=user.email, status=SubscriptionStatus.UNSUBSCRIBED
    ).exists()


def consultation_silent_members(consultation):
    """Active accounts of the invited organisations that have not contributed yet."""
    from apps.consultations.models import Contribution

    contributed = Contribution.objects.filter(
        action__objective__consultation=consultation, organisation__isnull=False
    ).values("organisation_id")
    organisations = consultation.invited_organisations_qs().exclude(pk__in=contributed)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            person__is_removed=False,
            person__memberships__organisation__in=organisations,
        )
        .distinct()
    )
