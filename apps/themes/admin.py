from django.contrib import admin
from django.db import transaction

from apps.core.filters import filter_choices_changed
from apps.themes.models import Theme
from apps.themes.services import theme_deactivate


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["deactivate"]

    def has_delete_permission(self, request, obj=None):
        # A theme is deactivated, never deleted: expertises, saved searches and every content
        # tagged with it keep it (issue 11; the foreign keys say PROTECT).
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The lists' theme filters (apps/core/filters.py) offer the change at once.
        transaction.on_commit(filter_choices_changed)

    @admin.action(description="Désactiver les thématiques sélectionnées")
    def deactivate(self, request, queryset):
        for theme in queryset:
            theme_deactivate(theme=theme)
        self.message_user(request, f"{queryset.count()} thématique(s) désactivée(s).")
