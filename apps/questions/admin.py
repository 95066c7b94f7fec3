from django.contrib import admin

from apps.questions.models import Answer, Expertise, Question, Report, Solicitation
from apps.questions.services import question_delete
from apps.search.admin_mixins import ServiceAdmin


@admin.register(Question)
class QuestionAdmin(ServiceAdmin):
    delete_service = staticmethod(lambda request, obj: question_delete(question=obj, by=request.user))

    list_display = ["title", "group", "state", "answer_count", "is_resolved", "in_faq", "created_at"]
    list_filter = ["state", "is_resolved", "in_faq", "is_locked"]
    search_fields = ["title"]
    raw_id_fields = ["author", "territory", "experience", "resource", "accepted_answer"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "author", "state", "useful_count", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["question", "author"]


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin):
    list_display = ["user", "theme", "capacity_per_month", "paused_until"]
    list_filter = ["theme"]
    raw_id_fields = ["user", "designated_by"]


@admin.register(Solicitation)
class SolicitationAdmin(admin.ModelAdmin):
    list_display = ["question", "expert", "theme", "round", "created_at", "answered_at"]
    raw_id_fields = ["question", "expert"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["question", "reporter", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["question", "answer", "reporter"]
