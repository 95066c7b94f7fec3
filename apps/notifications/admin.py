from django.contrib import admin

from apps.notifications.models import Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "frequency", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "frequency"]
    raw_id_fields = ["recipient"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "frequency"]
    raw_id_fields = ["user"]
