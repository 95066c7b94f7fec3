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


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["contribution", "author"]


class QuestionInline(admin.TabularInline):
    model = models.Question
    extra = 0


class InitiativeInline(admin.StackedInline):
    model = models.Initiative
    extra = 0


@admin.register(models.Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "voting_open", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline, InitiativeInline]


@admin.register(models.WorkshopGroup)
class WorkshopGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "workshop"]


@admin.register(models.Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workshop", "category", "organisation_type"]
    list_filter = ["category", "organisation_type"]


@admin.register(models.Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workshop", "group", "is_highlighted"]
    list_filter = ["workshop", "is_highlighted"]
    search_fields = ["orientation", "action", "objectives"]


@admin.register(models.Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["initiative", "user", "created_at"]
    raw_id_fields = ["initiative", "user"]


@admin.register(models.Booklet)
class BookletAdmin(admin.ModelAdmin):
    list_display = ["__str__", "generated_at", "file_status", "render_seconds"]
    readonly_fields = ["computed", "generated_at", "file_status", "file_error", "render_seconds"]
