"""Questions in the platform's search engine (see docs/search.md).

Confidentiality: a question of a group is NEVER indexed — the index has no notion of group
membership, so the only safe place for private content is outside it."""

from apps.core.markdown import markdown_to_text
from apps.questions.models import Question, State
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class QuestionProvider(SearchProvider):
    model = Question
    kind = "question"
    label = "Question"
    label_plural = "Questions"
    status_labels = {"resolue": "Résolue", "ouverte": "Ouverte"}

    def queryset(self):
        return (
            Question.objects.filter(group__isnull=True).select_related("territory").prefetch_related("themes")
        )

    def document(self, obj: Question):
        if obj.group_id is not None or obj.state == State.HIDDEN:
            return None
        territory = obj.territory
        region_id = departement_id = None
        if territory:
            region_id = territory.pk if territory.kind == "region" else territory.region_id
            departement_id = territory.pk if territory.kind == "department" else territory.departement_id
        answers = obj.answers.filter(state=State.PUBLISHED).values_list("body", flat=True)
        return DocumentData(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=markdown_to_text(obj.body)[:300],
            body=markdown_to_text(obj.body),
            extra=" ".join(markdown_to_text(a) for a in answers)[:20000],
            themes=list(obj.themes.all()),
            region_id=region_id,
            departement_id=departement_id,
            population=territory.population if territory else None,
            status="resolue" if obj.is_resolved else "ouverte",
            date=obj.last_activity_at,
            # Questions are for members; a held first post only for the animators who review it.
            visibility=Visibility.MEMBERS if obj.state == State.PUBLISHED else Visibility.ANIMATORS,
        )
