from django.urls import path

from apps.api import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("aides/", views.aid_list, name="aid_list"),
    path("jetons/", views.token_list, name="token_list"),
    path("jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
]
