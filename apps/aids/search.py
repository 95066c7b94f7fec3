"""The aid directory in the site-wide search engine (see docs/search.md)."""

from django.utils import timezone

from apps.aids.models import Aid, AidStatus
from apps.core.markdown import markdown_to_text
from apps.search.models import Visibility
from apps.search.registry import DocumentData, SearchProvider, register


@register
class AidProvider(SearchProvider):
    model = Aid
    kind = "aid"
    label = "Aide"
    label_plural = "Aides et dispositifs"
    status_labels = {"aide_ouverte": "Aide ouverte", "aide_cloturee": "Aide clôturée"}

    def queryset(self):
        return Aid.objects.select_related("perimeter").prefetch_related("themes", "funders")

    def document(self, obj):
        perimeter = obj.perimeter
        region_id = departement_id = None
        if perimeter is not None:
            region_id = perimeter.pk if perimeter.kind == "region" else perimeter.region_id
            departement_id = perimeter.pk if perimeter.kind == "department" else perimeter.departement_id
        text = markdown_to_text(obj.description)
        funders = obj.funder_names
        return DocumentData(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=text[:300],
            body=text,
            extra=" ".join([*funders, obj.get_kind_display(), obj.perimeter_label, *obj.beneficiary_labels]),
            themes=list(obj.themes.all()),
            region_id=region_id,
            departement_id=departement_id,
            status="aide_cloturee" if obj.is_closed else "aide_ouverte",
            date=obj.created_at or timezone.now(),
            visibility=Visibility.PUBLIC if obj.status == AidStatus.PUBLISHED else Visibility.ANIMATORS,
        )
