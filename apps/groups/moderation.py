"""What groups ask of the network's coordinators: requests to join an on-request group (its own
animators decide too). Only the request is shown, never the group's content. See
apps.core.moderation."""

from apps.core import moderation
from apps.groups import perms, services
from apps.groups.models import GroupMembership


class GroupRequests(moderation.ModerationProvider):
    key = "groupes"
    label = "Demandes pour rejoindre un groupe"
    position = 110
    actions = (
        moderation.ModerationAction("accepter", "Accepter", done="acceptée(s)"),
        moderation.ModerationAction("refuser", "Refuser", done="refusée(s)"),
    )

    def can_view(self, user) -> bool:
        return perms.is_animator(user)

    def queryset(self, user):
        return (
            GroupMembership.objects.filter(status=GroupMembership.Status.PENDING)
            .select_related("group", "user")
            .order_by("created_at", "pk")
        )

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.ModerationItem(
            pk=obj.pk,
            title=f"{moderation.person_label(obj.user)} → {obj.group.name}",
            url=obj.group.get_absolute_url() + "membres/",
            created_at=obj.created_at,
            author=moderation.person_label(obj.user),
            excerpt=moderation.excerpt(obj.motivation),
            context=obj.group.get_kind_display(),
            badge="Les animateur·rices du groupe peuvent aussi décider",
            actions=("accepter", "refuser"),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        if not perms.can_manage(by, obj.group):
            raise moderation.ModerationRefused("Vous ne pouvez pas gérer ce groupe.")
        services.group_decide(membership=obj, by=by, accept=action == "accepter")


moderation.register(GroupRequests())
