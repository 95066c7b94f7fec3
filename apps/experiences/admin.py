from django.contrib import admin

from apps.experiences.models import Experience, ExperienceAttachment, ExperienceVersion
from apps.experiences.services import experience_delete
from apps.search.admin_mixins import ServiceAdmin


class ExperienceAttachmentInline(admin.TabularInline):
    model = ExperienceAttachment
    extra = 0
    readonly_fields = ["size", "uploaded_by", "created_at"]


@admin.register(Experience)
class ExperienceAdmin(ServiceAdmin):
    delete_service = staticmethod(lambda request, obj: experience_delete(experience=obj, by=request.user))

    list_display = ["title", "format", "state", "project_status", "author", "published_at"]
    list_filter = ["state", "format", "project_status", "themes"]
    search_fields = ["title", "summary"]
    autocomplete_fields = []
    raw_id_fields = ["territory", "author", "reviewed_by"]
    filter_horizontal = ["themes", "organisations", "people"]
    inlines = [ExperienceAttachmentInline]


@admin.register(ExperienceVersion)
class ExperienceVersionAdmin(admin.ModelAdmin):
    list_display = ["experience", "number", "author", "note", "created_at"]
    readonly_fields = ["experience", "number", "data", "author", "note", "created_at"]

    def has_add_permission(self, request):
        # Versions are the history written by the services when an experience is saved; an empty
        # one added by hand has no number (IntegrityError, a 500).
        return False
