"""Writes of groups: membership life cycle and documents."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from apps.groups.models import Group, GroupDocument, GroupMembership
from apps.notifications.models import Kind, Notification
from apps.notifications.services import notification_create


def _animators(group) -> list:
    return [
        m.user
        for m in group.memberships.filter(
            status=GroupMembership.Status.ACTIVE, role=GroupMembership.Role.ANIMATOR
        ).select_related("user")
    ]


def group_create(
    *, name: str, description: str, kind: str, access: str, category: str = "", themes=(), by
) -> Group:
    with transaction.atomic():
        group = Group.objects.create(
            name=name, description=description, kind=kind, access=access, category=category, created_by=by
        )
        group.themes.set(themes)
    return group


def group_update(*, group, by, **fields) -> Group:
    themes = fields.pop("themes", None)
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    if themes is not None:
        group.themes.set(themes)
    return group


def group_join(*, group, user) -> GroupMembership:
    membership, _ = GroupMembership.objects.update_or_create(
        group=group,
        user=user,
        defaults={"status": GroupMembership.Status.ACTIVE, "decided_at": timezone.now()},
    )
    return membership


def group_request(*, group, user, motivation: str = "") -> GroupMembership:
    with transaction.atomic():
        membership, _ = GroupMembership.objects.get_or_create(
            group=group,
            user=user,
            defaults={"status": GroupMembership.Status.PENDING, "motivation": motivation},
        )
        notification_create(
            recipients=_animators(group),
            kind=Kind.GROUP,
            target=membership,
            event="request",
            title=f"Demande pour rejoindre « {group.name} »",
            url=group.get_absolute_url() + "membres/",
        )
    return membership


def group_decide(*, membership, by, accept: bool) -> None:
    membership.status = GroupMembership.Status.ACTIVE if accept else GroupMembership.Status.REFUSED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    if accept:
        notification_create(
            recipients=[membership.user],
            kind=Kind.GROUP,
            target=membership,
            event="accepted",
            title=f"Vous avez rejoint le groupe « {membership.group.name} »",
            url=membership.group.get_absolute_url(),
        )


def group_add_member(*, group, user, by, role: str = GroupMembership.Role.MEMBER) -> GroupMembership:
    membership, _ = GroupMembership.objects.update_or_create(
        group=group,
        user=user,
        defaults={"status": GroupMembership.Status.ACTIVE, "role": role, "decided_at": timezone.now()},
    )
    return membership


def group_set_role(*, membership, by, role: str) -> None:
    membership.role = role
    membership.save(update_fields=["role"])


def group_leave(*, group, user) -> None:
    """Leaving (or being removed) also forgets what the person was told about the group: a former
    member must not keep titles of private discussions in their notifications."""
    from apps.questions.models import Answer, Question, Report

    with transaction.atomic():
        targets = [
            (Question, Question.objects.filter(group=group)),
            (Answer, Answer.objects.filter(question__group=group)),
            (Report, Report.objects.filter(question__group=group)),
            (GroupDocument, GroupDocument.objects.filter(group=group)),
            (GroupMembership, GroupMembership.objects.filter(group=group)),
        ]
        for model, objects in targets:
            Notification.objects.filter(
                recipient=user,
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=objects.values("pk"),
            ).delete()
        GroupMembership.objects.filter(group=group, user=user).delete()


def document_upload(*, group, by, title: str, upload) -> GroupDocument:
    document = GroupDocument.objects.create(
        group=group,
        title=title,
        file=upload,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=by,
    )
    notification_create(
        recipients=[
            m.user
            for m in group.memberships.filter(status=GroupMembership.Status.ACTIVE)
            .exclude(user=by)
            .select_related("user")
        ],
        kind=Kind.GROUP,
        target=document,
        event="new",
        title=f"Nouveau document dans « {group.name} » : {title}",
        url=group.get_absolute_url() + "documents/",
    )
    return document


def document_delete(*, document, by) -> None:
    document.file.delete(save=False)
    document.delete()
