"""Composed reads of the questions app."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet

from apps.core.french import COMMON_WORDS, words
from apps.questions.models import Answer, Question, Report, Solicitation, State
from apps.search.selectors import SearchFilters, search_documents

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.directory.models import Organisation


SUGGESTED_KINDS = [
    ("question", "Questions déjà posées"),
    ("experience", "Retours d'expérience"),
    ("resource", "Ressources"),
]


def similar_content(*, text: str, user: AnyUser, per_kind: int = 3) -> list[tuple[str, list]]:
    """Before posting: questions, experiences and resources close to the draft title (the search
    engine applies the reader's visibility; group questions are never indexed)."""
    # Any significant word may match (OR), relevance ranks the closest first: a draft title rarely
    # shares all its words with an existing text.
    significant = [w for w in dict.fromkeys(words(text)) if len(w) >= 4 and w not in COMMON_WORDS][:10]
    if not significant:
        return []
    text = " OR ".join(significant)
    groups = []
    for kind, label in SUGGESTED_KINDS:
        results = search_documents(
            text=text,
            user=user,
            filters=SearchFilters(kind=kind),
            per_page=per_kind,
            with_facets=False,
            correct=False,
        )
        if results.hits:
            groups.append((label, results.hits))
    return groups


def moderation_queue() -> dict[str, QuerySet[Any]]:
    """Network-wide only: group content is moderated by group animators, inside the group."""
    return {
        "questions": Question.objects.network().filter(state=State.PENDING).select_related("author"),
        "answers": Answer.objects.filter(question__group__isnull=True, state=State.PENDING).select_related(
            "author", "question"
        ),
        "reports": Report.objects.filter(
            question__group__isnull=True, status=Report.Status.OPEN
        ).select_related("question", "answer", "reporter"),
    }


def expert_stats() -> list[dict[str, Any]]:
    """Per expert: solicitations, answered ones, answer rate, mean time to first answer (network
    questions only: counts about private groups are private too)."""
    delay = ExpressionWrapper(F("answered_at") - F("created_at"), output_field=DurationField())
    rows = (
        Solicitation.objects.filter(question__group__isnull=True)
        .values("expert_id", "expert__first_name", "expert__last_name", "expert__email")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            mean_delay=Avg(delay, filter=Q(answered_at__isnull=False)),
        )
        .order_by("-total", "expert__last_name")
    )
    stats: list[dict[str, Any]] = []
    for row in rows:
        name = f"{row['expert__first_name']} {row['expert__last_name']}".strip() or row["expert__email"]
        stats.append(
            {
                **row,
                "rate": round(100 * row["answered"] / row["total"]) if row["total"] else 0,
                "delay_label": _delay_label(row["mean_delay"]),
                "name": name,
            }
        )
    return stats


def _delay_label(delay: timedelta | None) -> str:
    if delay is None:
        return "—"
    hours = delay.total_seconds() / 3600
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} jours".replace(".", ",")


def routing_summary(question: Question) -> list[str]:
    """Who was asked, in plain words for the asker: one sentence per theme, without the routing
    details (rounds, counters) that stay for the animation."""
    rows = (
        Solicitation.objects.filter(question=question)
        .values("theme__name")
        .annotate(experts=Count("expert", distinct=True), answered=Count("answered_at"))
        .order_by("theme__name")
    )
    sentences = []
    for row in rows:
        n = row["experts"]
        who = f"{n} expert·e{'s' if n > 1 else ''}"
        where = f"de la thématique {row['theme__name']}" if row["theme__name"] else "du réseau"
        verb = "ont été sollicité·es" if n > 1 else "a été sollicité·e"
        sentence = f"{who} {where} {verb}"
        if row["answered"]:
            sentence += f" ; {row['answered']} {'ont' if row['answered'] > 1 else 'a'} déjà répondu"
        sentences.append(sentence + ".")
    return sentences


def questions_filtered(
    qs: QuerySet[Question], *, filters: dict[str, Any], user: AnyUser
) -> QuerySet[Question]:
    """Apply the cleaned data of a QuestionFilterForm: text (search engine), theme, territory."""
    if filters.get("theme"):
        qs = qs.filter(themes=filters["theme"])
    if territory := filters.get("territoire"):
        qs = qs.filter(
            Q(territory=territory) | Q(territory__departement=territory) | Q(territory__region=territory)
        )
    if text := (filters.get("q") or "").strip():
        from apps.search.selectors import matching_object_ids

        ids = matching_object_ids(text=text, user=user, kind="question")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
    return qs


def organisation_question_themes(*, organisation: Organisation, user: AnyUser | None) -> frozenset[int]:
    """« Qui me ressemble » (apps.directory.similar_sources): the themes an organisation needs, as
    the questions its people asked the network show them. For members only; network questions
    only (a private group's questions never leave the group), published, on active themes."""
    from apps.accounts.perms import is_member

    if not is_member(user):
        return frozenset()
    return frozenset(
        Question.themes.through.objects.filter(
            question__in=Question.objects.filter(
                group__isnull=True,
                state=State.PUBLISHED,
                author__person__memberships__organisation=organisation,
            ),
            theme__is_active=True,
        ).values_list("theme_id", flat=True)
    )
