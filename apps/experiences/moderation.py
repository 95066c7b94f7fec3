"""What experience reports ask of the network's coordinators: texts submitted for review
("à relire") and reviewed texts waiting to be published. See apps.core.moderation."""

from apps.core import moderation
from apps.experiences import perms, services
from apps.experiences.models import Experience, State


class ExperiencesToReview(moderation.ModerationProvider):
    key = "experiences"
    label = "Retours d'expérience à relire ou à publier"
    position = 90
    actions = (
        moderation.ModerationAction(
            "relu",
            "Marquer comme relu",
            reason="optional",
            reason_label="Avis de relecture (facultatif, envoyé à l'auteur·rice)",
            done="marqué(s) comme relu(s)",
        ),
        moderation.ModerationAction(
            "renvoyer",
            "Renvoyer à l'auteur·rice",
            reason="required",
            reason_label="Ce qu'il faut reprendre (envoyé à l'auteur·rice)",
            done="renvoyé(s) à leur auteur·rice",
        ),
        moderation.ModerationAction("publier", "Publier", done="publié(s)"),
    )

    def can_view(self, user) -> bool:
        return perms.is_animator(user)

    def queryset(self, user):
        return (
            Experience.objects.filter(state__in=[State.SUBMITTED, State.REVIEWED])
            .select_related("author")
            .order_by("updated_at", "pk")
        )

    def item(self, obj, user) -> moderation.ModerationItem:
        submitted = obj.state == State.SUBMITTED
        return moderation.ModerationItem(
            pk=obj.pk,
            title=obj.title,
            url=obj.get_absolute_url(),
            created_at=obj.updated_at,
            author=moderation.person_label(obj.author),
            excerpt=moderation.excerpt(obj.summary),
            badge=obj.get_state_display(),
            actions=("relu", "renvoyer", "publier") if submitted else ("publier",),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        if action in ("relu", "renvoyer"):
            if not perms.can_review(by, obj):
                raise moderation.ModerationRefused(f"« {obj.title} » n'est plus en relecture.")
            services.experience_review(experience=obj, by=by, approve=action == "relu", comment=reason)
        else:
            if not perms.can_publish(by, obj):
                raise moderation.ModerationRefused(f"« {obj.title} » ne peut pas être publié.")
            services.experience_publish(experience=obj, by=by)


moderation.register(ExperiencesToReview())
