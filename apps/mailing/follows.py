"""Follows: which new content matches whose follows, turned into notifications that say who did
what. Run every minute by `manage.py mailing_wake` over a sliding window (idempotent: a
notification exists once per person and content)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from apps.mailing.models import FollowKind, SubjectFollow

WINDOW = timedelta(days=2)


def follow_targets(kind: str):
    """The model a follow of that kind points to."""
    if kind == FollowKind.THEME:
        from apps.themes.models import Theme

        return Theme
    if kind == FollowKind.TERRITORY:
        from apps.territories.models import Territory

        return Territory
    if kind == FollowKind.ORGANISATION:
        from apps.directory.models import Organisation

        return Organisation
    from apps.directory.models import Person

    return Person


def followable(kind: str, target, *, user=None) -> bool:
    """Whether `target` may be followed (by `user`): an active theme, any territory, an active
    organisation, a person who appears in the directory — not oneself (one's own publications are
    never notified)."""
    if target is None or kind not in FollowKind.values:
        return False
    if kind == FollowKind.THEME:
        return target.is_active
    if kind == FollowKind.ORGANISATION:
        from apps.directory.models import OrganisationStatus

        return target.status == OrganisationStatus.ACTIVE
    if kind == FollowKind.PERSON:
        if user is not None and target.user_id is not None and target.user_id == user.pk:
            return False
        return target.directory_consent and not target.is_removed
    return True


def followed_by(user) -> dict[tuple[str, int], int]:
    """{(kind, object id): follow id} of everything `user` follows (one query)."""
    if not (user and user.is_authenticated):
        return {}
    return {
        (kind, object_id): pk
        for pk, kind, object_id in SubjectFollow.objects.filter(user=user).values_list(
            "pk", "kind", "object_id"
        )
    }


LABELS: dict[str, str] = {
    FollowKind.THEME: "cette thématique",
    FollowKind.TERRITORY: "ce territoire",
    FollowKind.ORGANISATION: "cette organisation",
    FollowKind.PERSON: "cette personne",
}


def follow_button_context(*, request, kind: str, target, next_url: str) -> dict:
    """What the "Suivre" button (templates/mailing/includes/follow_button.html) needs. What the
    member follows is read once per request, however many buttons the page has."""
    from apps.mailing.perms import can_follow, can_manage_subscription

    user = request.user
    if target is None or not can_manage_subscription(user):
        return {"show": False}
    follows = getattr(request, "_maillage_follows", None)
    if follows is None:
        follows = request._maillage_follows = followed_by(user)
    follow_id = follows.get((kind, target.pk))
    # Always a way out of a follow, even of what can no longer be followed (a deactivated theme).
    show = follow_id is not None or can_follow(user, kind, target)
    return {
        "show": show,
        "kind": kind,
        "target": target,
        "follow_id": follow_id,
        "label": LABELS.get(kind, ""),
        "next": next_url,
    }


def _person_of(user):
    if user is None:
        return None
    return getattr(user, "person", None)


def _who(user, organisations=()) -> str:
    name = user.get_full_name() if user is not None else ""
    names = [o.name for o in organisations][:2]
    if name and names:
        return f"{name} ({', '.join(names)})"
    return name or ", ".join(names) or "Le réseau"


def describe(item):
    """(author user, organisations, action) of a piece of content, or None when its publication is
    not for followers (an event of a private group, a group's question)."""
    from apps.events.models import Audience as EventAudience
    from apps.events.models import Event
    from apps.experiences.models import Experience
    from apps.questions.models import Question
    from apps.resources.models import Resource

    if isinstance(item, Experience):
        return (
            item.author,
            list(item.organisations.all()),
            f"a publié le retour d'expérience « {item.title} »",
        )
    if isinstance(item, Resource):
        orgs = [item.publisher] if item.publisher_id else []
        return None, orgs, f"a publié la ressource « {item.title} »"
    if isinstance(item, Event):
        if item.audience == EventAudience.GROUP:
            return None
        action = f"organise « {item.title} » le {timezone.localtime(item.start):%d/%m/%Y}"
        return item.created_by, list(item.organisers.all()), action
    if isinstance(item, Question):
        if item.group_id is not None:
            return None
        return item.author, [], f"a posé la question « {item.title} »"
    return None


def new_content(since, until):
    """(object, publication time) of the content published in [since, until[. Experiences and
    resources know when they were published (a suggestion: when accepted); events and questions
    published after their creation (drafts, held questions) are notified at that moment through
    apps.core.published.content_published (`content_published_notify`)."""
    from django.db.models.functions import Coalesce

    from apps.events.models import Audience as EventAudience
    from apps.events.models import Event
    from apps.experiences.models import Experience
    from apps.questions.models import Question
    from apps.resources.models import Resource

    for e in (
        Experience.objects.filter(state="published", published_at__gte=since, published_at__lt=until)
        .select_related("author__person", "territory")
        .prefetch_related("organisations", "themes")
    ):
        yield e, e.published_at
    for r in (
        Resource.objects.published()
        .annotate(published=Coalesce("moderated_at", "created_at"))
        .filter(published__gte=since, published__lt=until)
        .select_related("publisher", "territory")
        .prefetch_related("themes")
    ):
        yield r, r.published
    for ev in (
        Event.objects.published()
        .exclude(audience=EventAudience.GROUP)
        .filter(created_at__gte=since, created_at__lt=until)
        .select_related("created_by__person", "territory")
        .prefetch_related("organisers", "themes")
    ):
        yield ev, ev.created_at
    for q in (
        Question.objects.published()
        .network()
        .filter(created_at__gte=since, created_at__lt=until)
        .select_related("author__person", "territory")
        .prefetch_related("themes")
    ):
        yield q, q.created_at


class FollowedTargets:
    """Everything somebody follows, read once per run: most new content matches no follow, and is
    then skipped without a query (a run covers two days of a national network: ~1,500 items)."""

    def __init__(self):
        self.ids: dict[str, set[int]] = defaultdict(set)
        for kind, object_id in SubjectFollow.objects.values_list("kind", "object_id").distinct():
            self.ids[kind].add(object_id)
        # Followed territories that contain others by membership (EPT, territoires de projet):
        # member territory id -> those followed containers.
        self.containers: dict[int, set[int]] = defaultdict(set)
        if self.ids[FollowKind.TERRITORY]:
            from apps.territories.models import Territory

            through = Territory.members.through.objects.filter(
                from_territory_id__in=self.ids[FollowKind.TERRITORY]
            ).values_list("from_territory_id", "to_territory_id")
            for container_id, member_id in through:
                self.containers[member_id].add(container_id)

    def __bool__(self):
        return any(self.ids.values())

    def conditions(self, item, author, organisations) -> Q | None:
        """The follows an item matches, or None. A territory follow matches the content of that
        territory and of every territory it contains: EPCI, département, région, and EPT or
        territoires de projet of which the commune or its EPCI is a member."""
        matched = Q(pk__in=[])
        found = False
        themes = {t.pk for t in item.themes.all()} & self.ids[FollowKind.THEME]
        if themes:
            matched |= Q(kind=FollowKind.THEME, object_id__in=themes)
            found = True
        territory = getattr(item, "territory", None)
        if territory is not None and self.ids[FollowKind.TERRITORY]:
            ids = {territory.pk, territory.epci_id, territory.departement_id, territory.region_id}
            for member in (territory.pk, territory.epci_id):
                ids |= self.containers.get(member, set())
            ids &= self.ids[FollowKind.TERRITORY]
            if ids:
                matched |= Q(kind=FollowKind.TERRITORY, object_id__in=ids)
                found = True
        orgs = {o.pk for o in organisations} & self.ids[FollowKind.ORGANISATION]
        if orgs:
            matched |= Q(kind=FollowKind.ORGANISATION, object_id__in=orgs)
            found = True
        person = _person_of(author)
        if person is not None and person.pk in self.ids[FollowKind.PERSON]:
            matched |= Q(kind=FollowKind.PERSON, object_id=person.pk)
            found = True
        return matched if found else None


def follows_notify(*, now=None) -> int:
    """Notify followers of the content published in the last WINDOW. Returns the notifications
    created (none twice: a notification exists once per person and content)."""
    now = now or timezone.now()
    followed = FollowedTargets()
    if not followed:
        return 0
    return sum(
        follows_notify_item(item=item, published_at=stamp, followed=followed)
        for item, stamp in new_content(now - WINDOW, now)
    )


def follows_notify_item(*, item, published_at, followed: FollowedTargets | None = None) -> int:
    """Notify the followers of `item`, published at `published_at`, who followed it by then."""
    from apps.notifications.models import Kind
    from apps.notifications.services import notification_create

    described = describe(item)
    if described is None:
        return 0
    author, organisations, action = described
    followed = followed if followed is not None else FollowedTargets()
    conditions = followed.conditions(item, author, organisations) if followed else None
    if conditions is None:
        return 0
    recipients: dict[int, object] = {}
    for follow in SubjectFollow.objects.filter(conditions).select_related("user"):
        # Not about what was there before the follow; never about one's own content.
        if follow.created_at <= published_at and follow.user_id != getattr(author, "pk", None):
            recipients[follow.user_id] = follow.user
    if not recipients:
        return 0
    return len(
        notification_create(
            recipients=list(recipients.values()),
            kind=Kind.FOLLOW,
            target=item,
            event="follow",
            title=f"{_who(author, organisations)} {action}",
            url=item.get_absolute_url(),
        )
    )


def content_published_notify(*, instance, at=None) -> None:
    """Hook of apps.core.published.content_published (registered in MailingConfig.ready)."""
    follows_notify_item(item=instance, published_at=at or timezone.now())
