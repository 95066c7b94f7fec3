"""What consultations ask of the network's coordinators: comments are published at once
(post-moderation); each new comment of a live consultation waits until an animator has looked at
it — "rien à signaler" or hidden. Group consultations stay out of sight of the network's
animators (except their creator), as everywhere. See apps.core.moderation.

Kept in one module so that it follows the consultations app's restructuring (read through its
selectors once they exist)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils import timezone

from apps.consultations import perms, services
from apps.consultations.models import Consultation, ContributionComment
from apps.core import moderation
from apps.core.models import ModerationReview
from apps.core.services import moderation_review_mark

# Comments of consultations closed longer ago than this no longer wait for anyone.
CLOSED_GRACE_DAYS = 30


class ConsultationComments(moderation.ModerationProvider):
    key = "commentaires"
    label = "Commentaires des consultations à relire"
    position = 100
    actions = (
        moderation.ModerationAction("vu", "Rien à signaler", done="relu(s)"),
        moderation.ModerationAction("masquer", "Masquer", destructive=True, done="masqué(s)"),
    )

    def can_view(self, user) -> bool:
        return perms.can_moderate(user)

    def queryset(self, user):
        since = timezone.localdate() - datetime.timedelta(days=CLOSED_GRACE_DAYS)
        reviewed = ModerationReview.objects.filter(
            content_type=ContentType.objects.get_for_model(ContributionComment), object_id=OuterRef("pk")
        )
        return (
            ContributionComment.objects.filter(
                is_hidden=False,
                contribution__is_hidden=False,
                contribution__action__objective__consultation__in=Consultation.objects.visible_to(user),
                contribution__action__objective__consultation__closes_on__gte=since,
            )
            .filter(~Exists(reviewed))
            .select_related("author", "contribution__action__objective__consultation")
            .order_by("created_at", "pk")
        )

    def item(self, obj, user) -> moderation.ModerationItem:
        action = obj.contribution.action
        consultation = action.objective.consultation
        return moderation.ModerationItem(
            pk=obj.pk,
            title=f"Commentaire sur « {action.title} »",
            url=action.get_absolute_url(),
            created_at=obj.created_at,
            author=moderation.person_label(obj.author),
            excerpt=moderation.excerpt(obj.body),
            context=f"Consultation « {consultation.title} »",
            actions=("vu", "masquer"),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        consultation = obj.contribution.action.objective.consultation
        if not perms.can_moderate(by, consultation):
            raise moderation.ModerationRefused("Vous ne pouvez pas modérer cette consultation.")
        if action == "masquer":
            services.comment_moderate(user=by, comment=obj, hide=True)
        moderation_review_mark(obj=obj, by=by)


moderation.register(ConsultationComments())
