"""What questions ask of the network's coordinators: first posts held for review, reports, and
questions nobody answered after the experts' rounds. Network-wide only: group content is
moderated by the group's own animators, inside the group. See apps.core.moderation."""

from apps.core import moderation
from apps.questions import perms, services
from apps.questions.models import Answer, Question, Report, State

REASON_LABEL = "Motif du masquage (visible par l'auteur·rice)"
PUBLISH = moderation.ModerationAction("publier", "Publier", done="publiée(s)")
HIDE = moderation.refusal_action("masquer", "Masquer", reason_label=REASON_LABEL, done="masquée(s)")


class _NetworkQueue(moderation.ModerationProvider):
    """The network's coordinators see these queues; each action checks the question's own rule."""

    def can_view(self, user) -> bool:
        return perms.can_view_moderation_queue(user)

    @staticmethod
    def check(by, question: Question, refused: str) -> None:
        if not perms.can_moderate(by, question):
            raise moderation.ModerationRefused(refused)


class _HeldPosts(_NetworkQueue):
    """First posts held for review: publish them, or hide them with a reason."""

    actions = (PUBLISH, HIDE)
    refused = ""

    def perform(self, *, action, obj, by, reason) -> None:
        self.check(by, getattr(obj, "question", obj), self.refused)
        if action == "publier":
            self.publish(obj, by)
        else:
            self.hide(obj, by, reason)

    def publish(self, obj, by) -> None:
        raise NotImplementedError

    def hide(self, obj, by, reason: str) -> None:
        raise NotImplementedError


class HeldQuestions(_HeldPosts):
    key = "questions"
    label = "Premières questions à valider"
    position = 30
    refused = "Vous ne pouvez pas modérer cette question."

    def queryset(self, user):
        held = Question.objects.network().filter(state=State.PENDING)
        return held.select_related("author").order_by("created_at", "pk")

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.item_for(
            obj, author=moderation.person_label(obj.author), text=obj.body, actions=("publier", "masquer")
        )

    def publish(self, obj, by) -> None:
        services.question_approve(question=obj, by=by)

    def hide(self, obj, by, reason: str) -> None:
        services.question_hide(question=obj, by=by, reason=reason)


class HeldAnswers(_HeldPosts):
    key = "reponses"
    label = "Premières réponses à valider"
    position = 40
    refused = "Vous ne pouvez pas modérer cette réponse."

    def queryset(self, user):
        held = Answer.objects.filter(question__group__isnull=True, state=State.PENDING)
        return held.select_related("author", "question").order_by("created_at", "pk")

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.item_for(
            obj,
            title=f"Réponse à « {obj.question.title} »",
            author=moderation.person_label(obj.author),
            text=obj.body,
            actions=("publier", "masquer"),
        )

    def publish(self, obj, by) -> None:
        services.answer_approve(answer=obj, by=by)

    def hide(self, obj, by, reason: str) -> None:
        services.answer_hide(answer=obj, by=by, reason=reason)


class Reports(_NetworkQueue):
    key = "signalements"
    label = "Signalements"
    position = 50
    actions = (
        moderation.ModerationAction("classer", "Classer sans suite", done="classé(s)"),
        moderation.refusal_action(
            "masquer",
            "Masquer le contenu signalé",
            reason_label=REASON_LABEL,
            done="traité(s) : contenu masqué",
        ),
    )

    def queryset(self, user):
        open_reports = Report.objects.filter(question__group__isnull=True, status=Report.Status.OPEN)
        return open_reports.select_related("question", "answer", "reporter").order_by("created_at", "pk")

    def item(self, obj, user) -> moderation.ModerationItem:
        target = obj.answer or obj.question
        return moderation.ModerationItem(
            pk=obj.pk,
            title=(
                f"Réponse signalée sur « {obj.question.title} »"
                if obj.answer_id
                else f"Question signalée : « {obj.question.title} »"
            ),
            url=target.get_absolute_url(),
            created_at=obj.created_at,
            author=f"Signalé par {moderation.person_label(obj.reporter)}",
            excerpt=moderation.excerpt(obj.reason),
            actions=("classer", "masquer"),
        )

    def perform(self, *, action, obj, by, reason) -> None:
        self.check(by, obj.question, "Vous ne pouvez pas modérer ce contenu.")
        if action == "classer":
            services.report_close(report=obj, by=by)
        elif obj.answer_id:
            services.answer_hide(answer=obj.answer, by=by, reason=reason)
        else:
            services.question_hide(question=obj.question, by=by, reason=reason)


class UnansweredQuestions(_NetworkQueue):
    key = "sans-reponse"
    label = "Questions restées sans réponse après les sollicitations"
    position = 60
    actions = (moderation.ModerationAction("relancer", "Solliciter d'autres expert·es", done="relancée(s)"),)

    def queryset(self, user):
        unanswered = Question.objects.network().filter(
            state=State.PUBLISHED,
            escalated_to_animators_at__isnull=False,
            answer_count=0,
            is_locked=False,
            is_resolved=False,
        )
        return unanswered.select_related("author").order_by("escalated_to_animators_at", "pk")

    def item(self, obj, user) -> moderation.ModerationItem:
        return moderation.item_for(
            obj,
            author=moderation.person_label(obj.author),
            text=obj.body,
            actions=("relancer",),
            badge=f"{obj.routing_round} vague(s) d'expert·es sollicitée(s)",
        )

    def perform(self, *, action, obj, by, reason) -> None:
        self.check(by, obj, "Vous ne pouvez pas relancer cette question.")
        if not services.question_reroute(question=obj, by=by):
            raise moderation.ModerationRefused(
                f"« {obj.title} » : aucun·e autre expert·e disponible sur ses thématiques. "
                "Répondez vous-même ou orientez la question vers une personne ressource."
            )


moderation.register(HeldQuestions())
moderation.register(HeldAnswers())
moderation.register(Reports())
moderation.register(UnansweredQuestions())
