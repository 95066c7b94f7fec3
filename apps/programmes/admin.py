from django.contrib import admin

from apps.programmes.models import Enrolment, Phase, Programme, SupportFile


class PhaseInline(admin.StackedInline):
    model = Phase
    extra = 0
    filter_horizontal = ["events"]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ["organisation"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "organiser", "start_date", "end_date"]
    search_fields = ["title"]
    raw_id_fields = ["organiser"]
    filter_horizontal = ["resources"]
    inlines = [PhaseInline, EnrolmentInline]


class SupportFileInline(admin.StackedInline):
    model = SupportFile
    extra = 0


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "organisation"]
    list_filter = ["programme"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["members"]
    inlines = [SupportFileInline]
