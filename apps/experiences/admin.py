from django.contrib import admin

from apps.experiences.models import Attachment, Experience, ExperienceVersion
from apps.search.services import search_index_object


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["size", "uploaded_by", "created_at"]


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["title", "format", "state", "project_status", "author", "published_at"]
    list_filter = ["state", "format", "project_status", "themes"]
    search_fields = ["title", "summary"]
    autocomplete_fields = []
    raw_id_fields = ["territory", "author", "reviewed_by"]
    filter_horizontal = ["themes", "organisations", "people"]
    inlines = [AttachmentInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # No signals: keep the search index in step with edits made here too.
        search_index_object(form.instance)

    def delete_model(self, request, obj):
        from apps.search.services import search_remove_object

        search_remove_object(obj)
        super().delete_model(request, obj)


@admin.register(ExperienceVersion)
class ExperienceVersionAdmin(admin.ModelAdmin):
    list_display = ["experience", "number", "author", "note", "created_at"]
    readonly_fields = ["experience", "number", "data", "author", "note", "created_at"]
