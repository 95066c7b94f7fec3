from django.contrib import admin

from apps.territories.models import Territory, TerritoryToken


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "departement", "population", "coordinates_source", "is_current"]
    list_filter = ["kind", "is_current", "epci_type", "project_kind", "coordinates_source"]
    search_fields = ["name", "search_name", "code", "siren", "postcodes"]
    list_select_related = ["departement"]
    raw_id_fields = ["region", "departement", "epci", "created_by"]
    autocomplete_fields = ["members"]
    readonly_fields = ["search_name"]
    show_full_result_count = False


@admin.register(TerritoryToken)
class TerritoryTokenAdmin(admin.ModelAdmin):
    list_display = ["token", "field", "territory"]
    list_filter = ["field"]
    search_fields = ["token"]
    raw_id_fields = ["territory"]
