from django.contrib import admin

from apps.resources.models import LINK_CHECK_FIELDS, Collection, CollectionItem, Resource
from apps.resources.services import resource_delete
from apps.search.admin_mixins import ServiceAdmin


@admin.register(Resource)
class ResourceAdmin(ServiceAdmin):
    delete_service = staticmethod(lambda request, obj: resource_delete(resource=obj))

    list_display = ["title", "kind", "status", "owner", "review_by", "link_status", "link_checked_at"]
    list_filter = ["status", "kind", "level", "link_status"]
    search_fields = ["title", "search_text", "url"]
    raw_id_fields = ["publisher", "territory", "owner", "suggested_by", "moderated_by"]
    filter_horizontal = ["themes"]
    readonly_fields = [*LINK_CHECK_FIELDS, "created_at", "updated_at"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    raw_id_fields = ["resource"]
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "position", "is_published"]
    inlines = [CollectionItemInline]
    filter_horizontal = ["themes"]
