from django.urls import path

from apps.aids import views, views_import_file

app_name = "aids"

urlpatterns = [
    path("", views.aid_list, name="list"),
    path("nouvelle/", views.aid_create, name="create"),
    path("import/fichier/", views_import_file.import_file, name="import_file"),
    path("alertes/", views.saved_search_list, name="saved_search_list"),
    path("alertes/creer/", views.saved_search_create, name="saved_search_create"),
    path("alertes/<int:pk>/supprimer/", views.saved_search_delete, name="saved_search_delete"),
    path("import/", views.import_list, name="import_list"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("<slug:slug>/", views.aid_detail, name="detail"),
    path("<slug:slug>/modifier/", views.aid_update, name="update"),
    path("<slug:slug>/supprimer/", views.aid_delete, name="delete"),
]
