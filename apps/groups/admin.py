from django.contrib import admin

from apps.groups.models import Group, GroupDocument, GroupMembership


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    raw_id_fields = ["user"]
    extra = 0


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "category", "access"]
    list_filter = ["kind", "category", "access"]
    search_fields = ["name"]
    inlines = [GroupMembershipInline]


@admin.register(GroupDocument)
class GroupDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "uploaded_by", "created_at"]
    raw_id_fields = ["uploaded_by"]
