from django.contrib import admin

from apps.search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "visibility", "status", "date", "indexed_at"]
    list_filter = ["kind", "visibility", "population_band"]
    search_fields = ["title"]
    readonly_fields = [f.name for f in SearchDocument._meta.fields]

    def has_add_permission(self, request):
        # Documents are written by apps.search.services only (use `manage.py search_reindex`).
        return False
