"""The "Mon compte" pages of apps.directory.views_account, in the `accounts` namespace: maillage/urls.py
includes them with apps.accounts.urls under /compte/."""

from django.urls import path

from apps.directory import views_account

urlpatterns = [
    path("", views_account.profile, name="profile"),
    path("verification/<str:token>/", views_account.verify_email, name="verify_email"),
    path("modifier/", views_account.profile_edit, name="profile_edit"),
    path("supprimer/", views_account.erase, name="erase"),
]
