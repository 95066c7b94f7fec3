from django.urls import path

from apps.aids import views

app_name = "aids"

urlpatterns = [
    path("", views.aid_list, name="list"),
    path("nouvelle/", views.aid_create, name="create"),
    path("alertes/", views.saved_search_list, name="saved_search_list"),
    path("alertes/creer/", views.saved_search_create, name="saved_search_create"),
    path("alertes/<int:pk>/supprimer/", views.saved_search_delete, name="saved_search_delete"),
    path("<slug:slug>/", views.aid_detail, name="detail"),
    path("<slug:slug>/modifier/", views.aid_update, name="update"),
    path("<slug:slug>/supprimer/", views.aid_delete, name="delete"),
]
