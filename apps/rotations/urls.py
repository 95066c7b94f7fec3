"""Mounted under /agenda/<slug>/rotations/ (maillage/urls.py), next to the event's own pages."""

from django.urls import path

from apps.rotations import views

app_name = "rotations"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("nouveau/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/modifier/", views.plan_update, name="update"),
    path("<int:pk>/supprimer/", views.plan_delete, name="delete"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/import/", views.participants_import, name="import"),
    path("<int:pk>/calculer/", views.plan_generate, name="generate"),
    path("<int:pk>/tours-joues/", views.plan_rounds_done, name="rounds_done"),
    path("<int:pk>/publier/", views.plan_publish, name="publish"),
    path("<int:pk>/itineraires.pdf", views.itineraries_pdf, name="itineraries_pdf"),
    path("<int:pk>/tables.pdf", views.tables_pdf, name="tables_pdf"),
]
