from django.urls import path

from apps.cockpit import views, views_accounts

app_name = "cockpit"

urlpatterns = [
    path("", views.index, name="index"),
    path("chiffres.csv", views.export_csv, name="export"),
    path("chiffres/<slug:key>/", views.figure, name="figure"),
    path("chiffres/<slug:key>.csv", views.figure_csv, name="figure_csv"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/action/", views.moderation_action, name="moderation_action"),
    path("reglages/", views.network_settings, name="settings"),
    path("comptes/", views_accounts.account_list, name="accounts"),
    path("comptes/<int:pk>/", views_accounts.account_detail, name="account"),
    path(
        "comptes/<int:pk>/desactiver/",
        views_accounts.account_set_active,
        {"active": False},
        name="account_deactivate",
    ),
    path(
        "comptes/<int:pk>/reactiver/",
        views_accounts.account_set_active,
        {"active": True},
        name="account_reactivate",
    ),
]
