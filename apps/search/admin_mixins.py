"""The admin writes through the services too (issue 11): an indexed kind's ModelAdmin subclasses
`ServiceAdmin`, so that an edit or a deletion made in `/admin/` refreshes or removes the search
document (and whatever else the app's services do) exactly as the site's own pages do."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin


class ServiceAdmin(admin.ModelAdmin):
    # The app's services, given as functions of (request, obj): set them in the subclass.
    changed_service: Callable[[Any, Any], None] | None = None
    delete_service: Callable[[Any, Any], None] | None = None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the many-to-many relations (themes…) are saved: the document reads them.
        if self.changed_service is not None:
            type(self).changed_service(request, form.instance)
        else:
            from apps.search.services import search_index_object

            search_index_object(form.instance)

    def delete_model(self, request, obj):
        self._delete(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._delete(request, obj)

    def _delete(self, request, obj):
        # Protected history (on_delete=PROTECT) is refused by the admin's confirmation page before
        # this point, as the services refuse it.
        if self.delete_service is None:
            from apps.search.services import search_remove_object

            search_remove_object(obj)
            obj.delete()
        else:
            type(self).delete_service(request, obj)
