"""Experiences in the platform's search engine (see docs/search.md)."""

from datetime import datetime, time

from django.utils import timezone

from apps.core.markdown import markdown_to_text
from apps.experiences.models import SECTIONS, Audience, Experience, ProjectStatus, State
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class ExperienceProvider(SearchProvider):
    model = Experience
    kind = "experience"
    label = "Retour d'expérience"
    label_plural = "Retours d'expérience"
    status_labels = dict(ProjectStatus.choices)

    def queryset(self):
        return Experience.objects.select_related("territory").prefetch_related("themes", "organisations")

    def document(self, obj: Experience) -> DocumentData:
        territory = obj.territory
        region_id = departement_id = None
        if territory:
            region_id = territory.pk if territory.kind == "region" else territory.region_id
            departement_id = territory.pk if territory.kind == "department" else territory.departement_id
        organisations = list(obj.organisations.all())
        if not territory and organisations:
            region_id, departement_id = organisations[0].region_id, organisations[0].departement_id
        if obj.state != State.PUBLISHED:
            # Drafts and texts under review: only the animators find them in search.
            visibility = Visibility.ANIMATORS
        elif obj.audience == Audience.MEMBERS:
            visibility = Visibility.MEMBERS
        else:
            visibility = Visibility.PUBLIC
        date = obj.published_at or obj.updated_at
        if date is None and obj.started_on:
            date = timezone.make_aware(datetime.combine(obj.started_on, time()))
        coordinates = obj.coordinates
        body = "\n\n".join(markdown_to_text(getattr(obj, name)) for name, _ in SECTIONS if name != "contacts")
        return DocumentData(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary,
            body=body,
            extra=" ".join(
                [
                    territory.name if territory else "",
                    obj.get_territory_character_display() if obj.territory_character else "",
                    obj.funders,
                    *(o.name for o in organisations),
                ]
            ),
            themes=list(obj.themes.all()),
            region_id=region_id,
            departement_id=departement_id,
            population=territory.population if territory else None,
            status=obj.project_status,
            date=date,
            visibility=visibility,
            latitude=coordinates[0] if coordinates else None,
            longitude=coordinates[1] if coordinates else None,
        )
