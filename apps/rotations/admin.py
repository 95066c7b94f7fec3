from django.contrib import admin

from apps.rotations.models import Participant, RotationPlan


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["name", "organisation_name", "category", "departement", "host_table", "is_absent", "source"]
    readonly_fields = ["source"]


@admin.register(RotationPlan)
class RotationPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "format", "tables", "seats", "rounds", "rounds_done", "is_published"]
    list_filter = ["format", "is_published"]
    search_fields = ["title", "event__title"]
    raw_id_fields = ["event", "created_by"]
    readonly_fields = ["metrics", "generated_at", "seed"]
    inlines = [ParticipantInline]
