from django.contrib import admin, messages

from apps.aids.models import Aid, AidImport, SavedSearch
from apps.aids.services import aid_changed, aid_delete
from apps.search.admin_mixins import ServiceAdmin


@admin.register(Aid)
class AidAdmin(ServiceAdmin):
    changed_service = staticmethod(lambda request, obj: aid_changed(aid=obj))
    delete_service = staticmethod(lambda request, obj: aid_delete(aid=obj))

    list_display = ["title", "kind", "status", "perimeter", "close_date", "source"]
    list_filter = ["status", "kind", "recurrence", "source"]
    search_fields = ["title", "search_text", "external_id"]
    raw_id_fields = ["perimeter", "created_by", "funders", "instructors"]
    filter_horizontal = ["themes"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "created_at"


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "beneficiary", "territory", "theme", "last_sent_at"]
    raw_id_fields = ["user", "territory"]
    search_fields = ["name", "user__email"]


@admin.action(description="Importer les fichiers sélectionnés")
def run_import(modeladmin, request, queryset):
    from apps.aids.importers import aid_import_run

    for aid_import in queryset:
        report = aid_import_run(aid_import=aid_import, user=request.user)
        level = messages.WARNING if report.rejected else messages.SUCCESS
        modeladmin.message_user(request, f"{aid_import} : {report.summary()}", level)


@admin.register(AidImport)
class AidImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "ran_at", "created_count", "updated_count", "rejected_count"]
    readonly_fields = ["uploaded_by", "ran_at", "created_count", "updated_count", "rejected_count", "report"]
    actions = [run_import]

    def save_model(self, request, obj, form, change):
        if not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
