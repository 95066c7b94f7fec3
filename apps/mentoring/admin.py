from django.contrib import admin

from apps.mentoring.models import MentorProfile, Mentorship


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "capacity", "paused_until", "is_active"]
    list_filter = ["is_active", "themes"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["mentee", "mentor", "theme", "status", "created_at", "follow_up_at"]
    list_filter = ["status", "theme"]
    search_fields = ["mentee__email", "mentor__email"]
    raw_id_fields = [
        "mentee",
        "mentor",
        "mentee_organisation",
        "mentor_organisation",
        "experience",
        "closed_by",
    ]
    readonly_fields = [
        "reason",
        "created_at",
        "answered_at",
        "introduced_at",
        "follow_up_sent_at",
        "closed_at",
    ]
