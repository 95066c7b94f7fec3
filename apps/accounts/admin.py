from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm

from apps.accounts import services
from apps.accounts.models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


class VerifiedFilter(admin.SimpleListFilter):
    title = "adresse vérifiée"
    parameter_name = "verifiee"

    def lookups(self, request, model_admin):
        return [("oui", "Oui"), ("non", "Non")]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(email_verified_at__isnull=False)
        if self.value() == "non":
            return queryset.filter(email_verified_at__isnull=True)
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationAdminForm
    list_display = (
        "email",
        "first_name",
        "last_name",
        "role",
        "is_verified",
        "is_active",
        "is_staff",
        "date_joined",
    )
    list_filter = ("role", VerifiedFilter, "is_active", "is_staff", "is_superuser")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "personal_data_accepted_at", "signup_directory_consent")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Rôle", {"fields": ("role", "is_active", "email_verified_at")}),
        (
            "Droits techniques",
            {"classes": ("collapse",), "fields": ("is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (
            "Historique",
            {
                "fields": (
                    "date_joined",
                    "last_login",
                    "personal_data_accepted_at",
                    "signup_directory_consent",
                )
            },
        ),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),
        ("Identité et rôle", {"fields": ("first_name", "last_name", "role")}),
    )
    actions = ["resend_verification", "mark_verified"]

    @admin.display(boolean=True, description="vérifiée", ordering="email_verified_at")
    def is_verified(self, obj):
        return obj.email_verified_at is not None

    @admin.action(description="Renvoyer le lien de confirmation aux comptes non vérifiés")
    def resend_verification(self, request, queryset):
        count = 0
        for user in queryset.filter(email_verified_at__isnull=True):
            services.user_send_verification(user=user)
            count += 1
        self.message_user(request, f"{count} lien(s) de confirmation envoyé(s).", messages.SUCCESS)

    @admin.action(description="Marquer l'adresse comme vérifiée et activer le compte")
    def mark_verified(self, request, queryset):
        count = 0
        for user in queryset.filter(email_verified_at__isnull=True):
            services.user_activate(user=user)
            count += 1
        self.message_user(request, f"{count} compte(s) activé(s).", messages.SUCCESS)
