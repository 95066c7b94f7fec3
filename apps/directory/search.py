"""The directory's organisations in the site-wide search engine (see docs/search.md)."""

from apps.core.markdown import markdown_to_text
from apps.directory.models import Organisation, OrganisationStatus
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class OrganisationProvider(SearchProvider):
    model = Organisation
    kind = "organisation"
    label = "Organisation"
    label_plural = "Organisations"

    def queryset(self):
        return Organisation.objects.select_related("territory").prefetch_related("themes")

    def document(self, obj: Organisation) -> DocumentData | None:
        if obj.status == OrganisationStatus.REFUSED:
            return None
        territory = obj.territory
        return DocumentData(
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=" — ".join(filter(None, [obj.get_type_display(), territory.name if territory else ""])),
            body="\n".join([markdown_to_text(obj.description), obj.competences, obj.needs]),
            extra=" ".join(filter(None, [obj.address, obj.siren, obj.website])),
            themes=list(obj.themes.all()),
            region_id=obj.region_id,
            departement_id=obj.departement_id,
            population=territory.population if territory else None,
            date=obj.updated_at,
            # Pending organisations are only for the animators who decide on them.
            visibility=Visibility.PUBLIC if obj.status == OrganisationStatus.ACTIVE else Visibility.ANIMATORS,
            latitude=obj.latitude,
            longitude=obj.longitude,
        )
