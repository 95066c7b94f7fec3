from django.urls import path

from apps.groups import views, views_discussions

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("creer/", views.group_create, name="create"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/modifier/", views.group_edit, name="edit"),
    path("<slug:slug>/rejoindre/", views.group_join, name="join"),
    path("<slug:slug>/demande/", views.group_request, name="request"),
    path("<slug:slug>/quitter/", views.group_leave, name="leave"),
    path("<slug:slug>/membres/", views.group_members, name="members"),
    path("<slug:slug>/documents/", views.group_documents, name="documents"),
    path("<slug:slug>/discussions/lancer/", views_discussions.discussion_create, name="discussion_create"),
    path("<slug:slug>/discussions/<int:pk>/", views_discussions.discussion_detail, name="discussion"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document_download"),
    path("<slug:slug>/documents/<int:pk>/supprimer/", views.document_delete, name="document_delete"),
]
