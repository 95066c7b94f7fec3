"""Events in the site-wide search engine (see docs/search.md)."""

from apps.core.markdown import markdown_to_text
from apps.events.models import Audience, Event, EventStatus
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class EventProvider(SearchProvider):
    model = Event
    kind = "event"
    label = "Événement"
    label_plural = "Événements"
    status_labels = {"upcoming": "Événement à venir", "past": "Événement passé"}

    def queryset(self):
        # A group's events are never indexed: the index has no notion of group membership.
        return (
            Event.objects.exclude(audience=Audience.GROUP)
            .select_related("territory")
            .prefetch_related("themes", "organisers", "speakers")
        )

    def document(self, obj):
        if obj.status == EventStatus.DRAFT or obj.audience == Audience.GROUP:
            return None
        text = markdown_to_text(obj.description)
        territory = obj.territory
        return DocumentData(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=(obj.summary or text)[:300],
            body=text,
            extra=" ".join(
                [obj.get_kind_display(), obj.place_name]
                + [o.name for o in obj.organisers.all()]
                + [p.full_name for p in obj.speakers.all()]
            ),
            themes=list(obj.themes.all()),
            region_id=obj.region_id,
            departement_id=territory.departement_id if territory else None,
            population=territory.population if territory else None,
            status="past" if obj.is_past else "upcoming",
            date=obj.start,
            visibility=Visibility.PUBLIC if obj.audience == Audience.OPEN else Visibility.MEMBERS,
            # Restricted to one category of actors: only them (and the animation) find it.
            audience=f"category:{obj.audience_category}" if obj.audience == Audience.CATEGORY else "",
        )
