from django.contrib import admin

from apps.arbitrages.models import (
    ArbitrageQuestion,
    ArbitrageResponse,
    ArbitrageResponseRevision,
    Questionnaire,
)


class ArbitrageQuestionInline(admin.StackedInline):
    model = ArbitrageQuestion
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "status", "deadline", "sent_at"]
    list_filter = ["status", "programme"]
    search_fields = ["title"]
    filter_horizontal = ["delegations"]
    raw_id_fields = ["created_by"]
    inlines = [ArbitrageQuestionInline]


class ArbitrageResponseRevisionInline(admin.TabularInline):
    model = ArbitrageResponseRevision
    extra = 0
    readonly_fields = ["answers", "created_by", "created_at"]


@admin.register(ArbitrageResponse)
class ArbitrageResponseAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "delegation", "updated_at", "updated_by"]
    list_filter = ["questionnaire"]
    raw_id_fields = ["delegation", "updated_by"]
    inlines = [ArbitrageResponseRevisionInline]
