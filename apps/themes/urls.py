from django.urls import path

from apps.themes import views

app_name = "themes"

urlpatterns = [
    path("", views.theme_list, name="list"),
    path("nouvelle/", views.theme_create, name="create"),
    path("<int:pk>/modifier/", views.theme_update, name="update"),
    path("<int:pk>/desactiver/", views.theme_delete, name="delete"),
    path("<int:pk>/deplacer/", views.theme_move, name="move"),
]
