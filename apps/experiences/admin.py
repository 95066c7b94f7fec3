from django.contrib import admin

from apps.experiences.models import Attachment, Experience, ExperienceVersion


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


@admin.register(ExperienceVersion)
class ExperienceVersionAdmin(admin.ModelAdmin):
    list_display = ["experience", "number", "author", "note", "created_at"]
    readonly_fields = ["experience", "number", "data", "author", "note", "created_at"]
