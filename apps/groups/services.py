"""Writes of groups: membership life cycle, documents and discussions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Required, TypedDict, Unpack

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.core import files
from apps.groups import hooks
from apps.groups.models import Discussion, DiscussionMessage, Group, GroupDocument, GroupMembership
from apps.notifications.models import Kind
from apps.notifications.services import notification_create, notification_resolve, notifications_forget

if TYPE_CHECKING:
    from django.db.models import Model

    from apps.accounts.models import User
    from apps.themes.models import Theme


def _animators(group: Group) -> list:
    return [
        m.user
        for m in group.memberships.filter(
            status=GroupMembership.Status.ACTIVE, role=GroupMembership.Role.ANIMATOR
        ).select_related("user")
    ]


class GroupFields(TypedDict, total=False):
    """What the group's animators write of it."""

    name: Required[str]
    description: Required[str]
    kind: Required[str]
    access: Required[str]
    category: str
    themes: Iterable[Theme]


def _group_write(group: Group, fields: GroupFields) -> Group:
    group.name, group.description, group.kind = fields["name"], fields["description"], fields["kind"]
    group.access, group.category = fields["access"], fields.get("category", "")
    group.save()
    group.themes.set(fields.get("themes", ()))
    return group


def group_create(*, by: User, **fields: Unpack[GroupFields]) -> Group:
    with transaction.atomic():
        return _group_write(Group(created_by=by), fields)


@transaction.atomic
def group_update(*, group: Group, by: User, **fields: Unpack[GroupFields]) -> Group:
    return _group_write(group, fields)


def group_join(*, group: Group, user: User) -> GroupMembership:
    membership, _ = GroupMembership.objects.update_or_create(
        group=group,
        user=user,
        defaults={"status": GroupMembership.Status.ACTIVE, "decided_at": timezone.now()},
    )
    return membership


def _notify(recipients: Iterable[User], target: Model, event: str, title: str, url: str) -> None:
    """Tell `recipients` about `target` of a group (the groups' kind of notification)."""
    notification_create(
        recipients=recipients, kind=Kind.GROUP, target=target, event=event, title=title, url=url
    )


def group_request(*, group: Group, user: User, motivation: str = "") -> GroupMembership:
    with transaction.atomic():
        membership, _ = GroupMembership.objects.get_or_create(
            group=group,
            user=user,
            defaults={"status": GroupMembership.Status.PENDING, "motivation": motivation},
        )
        _notify(
            _animators(group),
            membership,
            "request",
            f"Demande pour rejoindre « {group.name} »",
            group.get_absolute_url() + "membres/",
        )
    return membership


def group_decide(*, membership: GroupMembership, by: User, accept: bool) -> None:
    membership.status = GroupMembership.Status.ACTIVE if accept else GroupMembership.Status.REFUSED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    notification_resolve(target=membership, kinds=[Kind.GROUP], events=["request"])
    if accept:
        _notify(
            [membership.user],
            membership,
            "accepted",
            f"Vous avez rejoint le groupe « {membership.group.name} »",
            membership.group.get_absolute_url(),
        )


def group_add_member(
    *, group: Group, user: User, by: User, role: str = GroupMembership.Role.MEMBER
) -> GroupMembership:
    membership, _ = GroupMembership.objects.update_or_create(
        group=group,
        user=user,
        defaults={"status": GroupMembership.Status.ACTIVE, "role": role, "decided_at": timezone.now()},
    )
    return membership


def group_set_role(*, membership: GroupMembership, by: User, role: str) -> None:
    membership.role = role
    membership.save(update_fields=["role"])


def group_leave(*, group: Group, user: User) -> None:
    """Leaving (or being removed) also forgets what the person was told about the group: a former
    member must not keep titles of private discussions in their notifications. The apps whose
    content lives in the group do their part through `apps.groups.hooks` (questions forget their
    notifications, events revoke the registrations)."""
    with transaction.atomic():
        notifications_forget(
            recipient=user,
            querysets=[
                GroupDocument.objects.filter(group=group),
                GroupMembership.objects.filter(group=group),
                Discussion.objects.filter(group=group),
                DiscussionMessage.objects.filter(discussion__group=group),
            ],
        )
        for pending in GroupMembership.objects.filter(
            group=group, user=user, status=GroupMembership.Status.PENDING
        ):
            # A withdrawn request no longer waits for the group's animators.
            notification_resolve(target=pending, kinds=[Kind.GROUP], events=["request"])
        GroupMembership.objects.filter(group=group, user=user).delete()
        # Membership is the single source of truth: what other apps keep for members goes with it.
        hooks.member_leaving_run(group=group, user=user)


def document_upload(*, group: Group, by: User, title: str, upload: UploadedFile) -> GroupDocument:
    document = GroupDocument.objects.create(
        group=group,
        title=title,
        file=upload,
        original_name=files.clean_original_name(upload.name or ""),
        size=upload.size or 0,
        uploaded_by=by,
    )
    _notify(
        [
            m.user
            for m in group.memberships.filter(status=GroupMembership.Status.ACTIVE)
            .exclude(user=by)
            .select_related("user")
        ],
        document,
        "new",
        f"Nouveau document dans « {group.name} » : {title}",
        group.get_absolute_url() + "documents/",
    )
    return document


def document_delete(*, document: GroupDocument, by: User) -> None:
    document.file.delete(save=False)
    document.delete()


# --- Discussions -------------------------------------------------------------------------------


def _active_members(group: Group) -> list[User]:
    return [
        m.user
        for m in group.memberships.filter(status=GroupMembership.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
    ]


def discussion_mentions(*, group: Group, text: str) -> list:
    """Active members of `group` named in `text` as « @Prénom Nom » (accents and case ignored);
    nobody outside the group can be mentioned (their name would reveal the discussion)."""
    from apps.core.french import normalize

    folded = " " + " ".join(normalize(text.replace("@", " zzmention ")).split()) + " "
    found = []
    for user in _active_members(group):
        name = " ".join(normalize(user.get_full_name()).split())
        if name and f" zzmention {name} " in folded:
            found.append(user)
    return found


def _discussion_notify(*, message: DiscussionMessage, is_new: bool) -> None:
    discussion = message.discussion
    group = discussion.group
    members = {u.pk: u for u in _active_members(group)}
    author_id = message.author_id
    mentioned = [u for u in message.mentioned.all() if u.pk in members and u.pk != author_id]
    who = message.author.get_full_name() if message.author else "Un membre"
    if mentioned:
        _notify(
            mentioned,
            message,
            "mention",
            f"{who} vous mentionne dans « {discussion.subject} » ({group.name})",
            message.get_absolute_url(),
        )
    skip = {author_id, *(u.pk for u in mentioned)}
    if is_new:
        recipients = [u for pk, u in members.items() if pk not in skip]
        title = f"Nouvelle discussion dans « {group.name} » : {discussion.subject}"
    else:
        participant_ids = set(discussion.messages.values_list("author_id", flat=True))
        recipients = [u for pk, u in members.items() if pk in participant_ids and pk not in skip]
        title = f"{who} a répondu dans « {discussion.subject} » ({group.name})"
    _notify(recipients, message, "new" if is_new else "message", title, message.get_absolute_url())


def discussion_create(*, group: Group, author: User, subject: str, body: str) -> Discussion:
    """Open a discussion in `group` with its first message; members hear about it, the people
    mentioned (« @Prénom Nom ») are told they are."""
    with transaction.atomic():
        discussion = Discussion.objects.create(group=group, author=author, subject=subject.strip())
        message = _message_add(discussion=discussion, author=author, body=body, parent=None)
        _discussion_notify(message=message, is_new=True)
    return discussion


def _message_add(
    *, discussion: Discussion, author: User, body: str, parent: DiscussionMessage | None
) -> DiscussionMessage:
    message = DiscussionMessage.objects.create(discussion=discussion, author=author, body=body, parent=parent)
    message.mentioned.set(discussion_mentions(group=discussion.group, text=body))
    Discussion.objects.filter(pk=discussion.pk).update(
        message_count=F("message_count") + 1, last_activity_at=message.created_at
    )
    return message


def discussion_message_post(
    *, discussion: Discussion, author: User, body: str, parent: DiscussionMessage | None = None
) -> DiscussionMessage:
    """A message in `discussion`, or a reply to one of its messages (replies to a reply join the
    same thread: one level, as in a mailing list read in a forum)."""
    if parent is not None:
        if parent.discussion_id != discussion.pk:
            raise ValueError("Ce message n'appartient pas à cette discussion.")
        if parent.parent_id:
            parent = parent.parent
    with transaction.atomic():
        message = _message_add(discussion=discussion, author=author, body=body, parent=parent)
        _discussion_notify(message=message, is_new=False)
    return message
