from django.urls import path

from apps.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("proposer/", views.resource_create, name="create"),
    path("moderation/", views.moderation, name="moderation"),
    path("mes-ressources/", views.my_resources, name="mine"),
    path("fraicheur/", views.freshness_dashboard, name="freshness"),
    path("blocs/", views.collection_list, name="collection_list"),
    path("blocs/nouveau/", views.collection_edit, name="collection_create"),
    path("blocs/<slug:slug>/", views.collection_detail, name="collection_detail"),
    path("blocs/<slug:slug>/modifier/", views.collection_edit, name="collection_update"),
    path("blocs/<slug:slug>/supprimer/", views.collection_delete, name="collection_delete"),
    path("blocs/<slug:slug>/ajouter/", views.collection_add, name="collection_add"),
    path("blocs/<slug:slug>/elements/<int:item_id>/", views.collection_item_action, name="collection_item"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
    path("<slug:slug>/modifier/", views.resource_update, name="update"),
    path("<slug:slug>/supprimer/", views.resource_delete, name="delete"),
    path("<slug:slug>/toujours-a-jour/", views.resource_renew, name="renew"),
    path("<slug:slug>/accepter/", views.resource_accept, name="accept"),
    path("<slug:slug>/refuser/", views.resource_refuse, name="refuse"),
]
