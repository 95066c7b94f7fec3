from django.urls import path

from apps.territories import views

app_name = "territories"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("autocomplete/", views.autocomplete, name="autocomplete"),
    path("projets/nouveau/", views.project_create, name="project_create"),
    path("projets/<slug:code>/modifier/", views.project_update, name="project_update"),
    path("projets/<slug:code>/supprimer/", views.project_delete, name="project_delete"),
    path("<str:kind>/<str:code>/", views.detail, name="detail"),
]
