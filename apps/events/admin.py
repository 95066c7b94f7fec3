from django.contrib import admin

from apps.events.models import Event, FeedToken, PartnerFeed, Registration
from apps.events.services import event_delete
from apps.search.admin_mixins import ServiceAdmin


class RegistrationInline(admin.TabularInline):
    model = Registration
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Event)
class EventAdmin(ServiceAdmin):
    delete_service = staticmethod(lambda request, obj: event_delete(event=obj))

    list_display = ["title", "kind", "start", "status", "audience", "capacity", "source"]
    list_filter = ["status", "kind", "audience", "source"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    raw_id_fields = ["territory", "region", "created_by"]
    filter_horizontal = ["organisers", "co_organisers", "speakers", "themes"]
    inlines = [RegistrationInline]


@admin.register(PartnerFeed)
class PartnerFeedAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "is_active", "last_imported_at", "last_count", "last_error"]
    raw_id_fields = ["organisation", "created_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "status", "attended", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["event", "user"]


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]
