from django.contrib import admin

from apps.workshops import models, services


class TouchDayMixin:
    """An edit in the admin changes what the booklet says: the day's files become outdated and
    the booklet page is recomputed, as after any service."""

    def _day(self, obj):
        return obj if isinstance(obj, models.WorkshopDay) else getattr(obj, "day", None) or obj.atelier.day

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.day_touch(day=self._day(obj))

    def delete_model(self, request, obj):
        day = self._day(obj)
        super().delete_model(request, obj)
        if not isinstance(obj, models.WorkshopDay):
            services.day_touch(day=day)

    def delete_queryset(self, request, queryset):
        days = {self._day(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        for day in days:
            if (
                not isinstance(day, models.WorkshopDay)
                or models.WorkshopDay.objects.filter(pk=day.pk).exists()
            ):
                services.day_touch(day=day)


class WorkshopAtelierInline(admin.TabularInline):
    model = models.WorkshopAtelier
    fields = ["position", "title", "facilitators"]
    extra = 0


@admin.register(models.WorkshopDay)
class WorkshopDayAdmin(TouchDayMixin, admin.ModelAdmin):
    list_display = ["title", "held_on", "place", "is_published"]
    search_fields = ["title"]
    readonly_fields = ["slug", "data_version", "data_changed_at"]
    inlines = [WorkshopAtelierInline]


@admin.register(models.WorkshopProposal)
class WorkshopProposalAdmin(TouchDayMixin, admin.ModelAdmin):
    list_display = ["__str__", "atelier", "table", "question", "is_highlighted"]
    list_filter = ["is_highlighted"]
    search_fields = ["orientation", "action", "objectives"]
    raw_id_fields = ["atelier", "table", "question", "batch"]


@admin.register(models.WorkshopParticipant)
class WorkshopParticipantAdmin(TouchDayMixin, admin.ModelAdmin):
    list_display = ["name", "day", "category", "organisation_type"]
    list_filter = ["category", "organisation_type"]
    raw_id_fields = ["day", "organisation", "atelier", "batch"]


@admin.register(models.WorkshopImportBatch)
class WorkshopImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "day", "created_at", "added", "replaced", "skipped", "undone_at"]
    readonly_fields = ["previous"]
