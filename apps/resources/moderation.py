"""What the resource hub asks of the network's coordinators: members' suggestions to accept or
refuse, and published resources whose review date has passed. See apps.core.moderation."""

from django.utils import timezone

from apps.core import moderation
from apps.resources import perms, services
from apps.resources.models import Freshness, Resource, ResourceStatus


class Suggestions(moderation.ModerationProvider):
    key = "suggestions"
    label = "Ressources suggérées par les membres"
    position = 70
    actions = (
        moderation.ModerationAction("accepter", "Publier", done="publiée(s)"),
        moderation.refusal_action(
            "refuser", "Refuser", reason_label="Motif du refus (envoyé à la personne)", done="refusée(s)"
        ),
    )

    def can_view(self, user) -> bool:
        return perms.can_moderate(user)

    def queryset(self, user):
        suggested = Resource.objects.filter(status=ResourceStatus.SUGGESTED)
        return suggested.select_related("suggested_by").order_by("created_at", "pk")

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.item_for(
            obj,
            author=moderation.person_label(obj.suggested_by),
            text=obj.summary,
            actions=("accepter", "refuser"),
            context=obj.get_kind_display(),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        if not perms.can_moderate(by):
            raise moderation.ModerationRefused("Vous ne pouvez pas modérer les ressources.")
        if action == "accepter":
            services.resource_accept(resource=obj, by=by)
        else:
            services.resource_refuse(resource=obj, by=by, reason=reason)


class StaleResources(moderation.ModerationProvider):
    key = "a-revoir"
    label = "Ressources dont la date de revue est dépassée"
    position = 80
    actions = (
        moderation.ModerationAction(
            "a-jour", "Toujours à jour (revoir dans un an)", done="confirmée(s) à jour"
        ),
    )

    def can_view(self, user) -> bool:
        return perms.can_view_freshness_dashboard(user)

    def queryset(self, user):
        return (
            Resource.objects.published()
            .with_freshness(Freshness.STALE, today=timezone.localdate())
            .select_related("owner")
            .order_by("review_by", "pk")
        )

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.item_for(
            obj,
            author=f"Suivie par {moderation.person_label(obj.owner)}" if obj.owner_id else "",
            text=obj.summary,
            actions=("a-jour",),
            badge=f"À revoir depuis le {obj.review_by:%d/%m/%Y}",
        )

    def perform(self, *, action, obj, by, reason) -> None:
        if not perms.can_renew_resource(by, obj):
            raise moderation.ModerationRefused("Vous ne pouvez pas modifier cette ressource.")
        services.resource_renew(resource=obj, by=by)


moderation.register(Suggestions())
moderation.register(StaleResources())
