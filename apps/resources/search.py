"""The resource hub in the site-wide search engine (see docs/search.md)."""

from apps.core.markdown import markdown_to_text
from apps.resources.models import Freshness, Resource, ResourceStatus
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class ResourceProvider(SearchProvider):
    model = Resource
    kind = "resource"
    label = "Ressource"
    label_plural = "Ressources"
    status_labels = {code: f"Ressource {label.lower()}" for code, label in Freshness.choices}

    def queryset(self):
        return Resource.objects.select_related("publisher", "territory").prefetch_related("themes")

    def document(self, obj):
        if obj.status == ResourceStatus.REFUSED:
            return None
        territory = obj.territory
        region_id = departement_id = None
        if territory is not None:
            region_id = territory.pk if territory.kind == "region" else territory.region_id
            departement_id = territory.pk if territory.kind == "department" else territory.departement_id
        text = markdown_to_text(obj.summary)
        return DocumentData(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=text[:300],
            body=text,
            extra=" ".join(
                filter(None, [obj.publisher_label, obj.get_kind_display(), obj.get_level_display()])
            ),
            themes=list(obj.themes.all()),
            region_id=region_id,
            departement_id=departement_id,
            population=territory.population if territory else None,
            status=obj.freshness(),
            date=obj.created_at,
            visibility=Visibility.PUBLIC if obj.status == ResourceStatus.PUBLISHED else Visibility.ANIMATORS,
        )
