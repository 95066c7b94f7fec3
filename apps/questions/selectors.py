"""Composed reads of the questions app."""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from apps.questions.models import Answer, Question, Report, Solicitation, State
from apps.search.selectors import SearchFilters, search_documents
from apps.search.text import fold, words

STOP_WORDS = {
    "comment",
    "quel",
    "quels",
    "quelle",
    "quelles",
    "pour",
    "avec",
    "dans",
    "sont",
    "nous",
    "vous",
    "votre",
}
SUGGESTED_KINDS = [
    ("question", "Questions déjà posées"),
    ("experience", "Retours d'expérience"),
    ("resource", "Ressources"),
]


def similar_content(*, text: str, user, per_kind: int = 3) -> list[tuple[str, list]]:
    """Before posting: questions, experiences and resources close to the draft title (the search
    engine applies the reader's visibility; group questions are never indexed)."""
    # Any significant word may match (OR), relevance ranks the closest first: a draft title rarely
    # shares all its words with an existing text.
    significant = [w for w in dict.fromkeys(words(text)) if len(w) >= 4 and fold(w) not in STOP_WORDS][:10]
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


def moderation_queue():
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


def expert_stats():
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
    for row in rows:
        row["rate"] = round(100 * row["answered"] / row["total"]) if row["total"] else 0
        row["delay_label"] = _delay_label(row["mean_delay"])
        row["name"] = (
            f"{row['expert__first_name']} {row['expert__last_name']}".strip() or row["expert__email"]
        )
    return rows


def _delay_label(delay) -> str:
    if delay is None:
        return "—"
    hours = delay.total_seconds() / 3600
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} jours".replace(".", ",")
