from django.contrib import admin

from apps.directory.models import Engagement, Invitation, JoinRequest, Membership, Organisation, Person
from apps.directory.services import organisation_delete, organisations_changed
from apps.search.admin_mixins import ServiceAdmin


class EngagementInline(admin.TabularInline):
    model = Engagement
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    changed_service = staticmethod(lambda request, obj: organisations_changed(organisations=[obj]))
    delete_service = staticmethod(lambda request, obj: organisation_delete(organisation=obj))

    list_display = ["name", "type", "status", "region", "departement", "siren", "updated_at"]
    list_filter = ["status", "type", "region"]
    search_fields = ["name", "search_name", "siren"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory"]
    raw_id_fields = ["region", "departement"]
    filter_horizontal = ["themes"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [EngagementInline, MembershipInline]
    list_select_related = ["region", "departement"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "category", "email", "directory_consent", "contact_visibility", "is_removed"]
    list_filter = ["category", "directory_consent", "contact_visibility", "is_removed"]
    search_fields = ["first_name", "last_name", "search_name", "email"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes", "resource_themes"]
    readonly_fields = ["consent_at", "created_at", "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "function", "is_referent", "created_at"]
    list_filter = ["is_referent"]
    search_fields = ["person__search_name", "organisation__search_name"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "kind",
        "requested_by",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["organisation__name", "requested_by__email"]
    raw_id_fields = ["organisation", "requested_by", "decided_by"]
    list_select_related = ["organisation", "requested_by", "decided_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "invited_by", "created_at", "accepted_at"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation", "invited_by"]
    readonly_fields = ["token"]
    list_select_related = ["organisation", "invited_by"]
