from django.contrib import admin

from apps.consultations import models


class ObjectiveInline(admin.TabularInline):
    model = models.Objective
    extra = 0


@admin.register(models.Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_on", "closes_on", "audience", "is_published"]
    list_filter = ["is_published", "audience"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["invited_organisations"]
    raw_id_fields = ["group"]
    inlines = [ObjectiveInline]


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "objective"]
    list_filter = ["objective__consultation"]
    search_fields = ["title"]


@admin.register(models.Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["author_display", "action", "is_steering", "is_highlighted", "is_hidden", "created_at"]
    list_filter = ["is_hidden", "is_steering", "is_highlighted", "action__objective__consultation"]
    search_fields = ["body", "author_label", "organisation__name"]
    raw_id_fields = ["action", "organisation", "author_user"]


@admin.register(models.ContributionComment)
class ContributionCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["contribution", "author"]


@admin.register(models.Booklet)
class BookletAdmin(admin.ModelAdmin):
    list_display = ["__str__", "generated_at", "file_status", "render_seconds"]
    readonly_fields = ["computed", "generated_at", "file_status", "file_error", "render_seconds"]
