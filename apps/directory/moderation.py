"""What the directory asks of the network's coordinators: organisations asking to join, people
asking to be attached to an organisation (its référent·es decide too). See apps.core.moderation."""

from apps.core import moderation
from apps.directory import perms, services
from apps.directory.models import JoinRequest

MESSAGE = "Message à la personne (facultatif, joint au courriel)"


class JoinRequests(moderation.ModerationProvider):
    kind = JoinRequest.Kind.ORGANISATION
    actions = (
        moderation.ModerationAction(
            "accepter", "Accepter", reason="optional", reason_label=MESSAGE, done="acceptée(s)"
        ),
        moderation.ModerationAction(
            "refuser", "Refuser", reason="optional", reason_label=MESSAGE, done="refusée(s)"
        ),
    )

    def can_view(self, user) -> bool:
        return perms.can_access_animation(user)

    def queryset(self, user):
        return (
            JoinRequest.objects.filter(status=JoinRequest.Status.PENDING, kind=self.kind)
            .select_related("organisation", "organisation__territory", "requested_by")
            .order_by("created_at", "pk")
        )

    def item(self, obj, user) -> moderation.ModerationItem:
        organisation = obj.organisation
        where = [organisation.get_type_display()]
        if organisation.territory_id:
            where.append(organisation.territory.name)
        return moderation.ModerationItem(
            pk=obj.pk,
            title=organisation.name,
            url=organisation.get_absolute_url(),
            created_at=obj.created_at,
            author=moderation.person_label(obj.requested_by),
            excerpt=moderation.excerpt(obj.motivation),
            context=" · ".join(where),
            actions=("accepter", "refuser"),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        if not perms.can_decide_join_request(by, obj):
            raise moderation.ModerationRefused("Cette demande a déjà été traitée.")
        decide = services.join_request_approve if action == "accepter" else services.join_request_refuse
        try:
            decide(join_request=obj, decided_by=by, message=reason)
        except services.DirectoryError as error:
            raise moderation.ModerationRefused(str(error)) from error


class OrganisationJoinRequests(JoinRequests):
    key = "adhesions"
    label = "Demandes d'adhésion d'organisations"
    position = 10


class MembershipRequests(JoinRequests):
    key = "rattachements"
    label = "Demandes de rattachement à une organisation"
    position = 20
    kind = JoinRequest.Kind.MEMBERSHIP

    def item(self, obj, user) -> moderation.ModerationItem:
        item = super().item(obj, user)
        item.title = f"{moderation.person_label(obj.requested_by)} → {obj.organisation.name}"
        item.badge = "Les référent·es de l'organisation peuvent aussi décider"
        return item


moderation.register(OrganisationJoinRequests())
moderation.register(MembershipRequests())
