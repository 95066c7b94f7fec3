from django.urls import path

from apps.polls import views, views_manage

app_name = "polls"

urlpatterns = [
    path("", views.poll_list, name="list"),
    path("nouveau/", views.poll_create, name="create"),
    path("<slug:slug>/", views.poll_detail, name="detail"),
    path("<slug:slug>/repondre/", views.poll_answer, name="answer"),
    path("<slug:slug>/commenter/", views.poll_comment, name="comment"),
    path("<slug:slug>/clore/", views.poll_close, name="close"),
    path("<slug:slug>/evenement/", views.poll_to_event, name="to_event"),
    path("<slug:slug>/export.csv", views.poll_export, name="export"),
    path("<slug:slug>/modifier/", views_manage.poll_edit, name="edit"),
    path("<slug:slug>/invites/", views_manage.poll_invitees, name="invitees"),
    path("<slug:slug>/invites/<int:pk>/retirer/", views_manage.poll_invitee_remove, name="invitee_remove"),
]
