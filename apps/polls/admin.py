from django.contrib import admin

from apps.polls.models import Poll, PollAnswer, PollComment, PollOption


class PollOptionInline(admin.TabularInline):
    model = PollOption
    extra = 0


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ["title", "created_by", "deadline", "is_closed", "hidden_answers"]
    list_filter = ["is_closed", "hidden_answers"]
    search_fields = ["title"]
    raw_id_fields = ["created_by", "final_option", "event"]
    inlines = [PollOptionInline]


@admin.register(PollAnswer)
class PollAnswerAdmin(admin.ModelAdmin):
    list_display = ["poll", "user", "updated_at"]
    raw_id_fields = ["poll", "user"]


@admin.register(PollComment)
class PollCommentAdmin(admin.ModelAdmin):
    list_display = ["poll", "user", "created_at"]
    raw_id_fields = ["poll", "user"]
