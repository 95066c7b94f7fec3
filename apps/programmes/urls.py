from django.urls import path

from apps.programmes import views, views_manage

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nouveau/", views_manage.programme_create, name="create"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/modifier/", views_manage.programme_edit, name="edit"),
    path("<slug:slug>/phases/nouvelle/", views_manage.phase_edit, name="phase_create"),
    path("<slug:slug>/phases/<int:pk>/modifier/", views_manage.phase_edit, name="phase_edit"),
    path("<slug:slug>/phases/<int:pk>/supprimer/", views_manage.phase_delete, name="phase_delete"),
    path("<slug:slug>/delegations/nouvelle/", views_manage.enrolment_create, name="enrolment_create"),
    path("<slug:slug>/delegations/<int:pk>/", views.delegation_detail, name="delegation"),
    path("<slug:slug>/delegations/<int:pk>/modifier/", views_manage.enrolment_edit, name="enrolment_edit"),
    path("<slug:slug>/delegations/<int:pk>/retirer/", views_manage.enrolment_delete, name="enrolment_delete"),
    path("<slug:slug>/delegations/<int:pk>/accompagnement/", views.support_edit, name="support_edit"),
    path("<slug:slug>/delegations/<int:pk>/journees/", views_manage.support_day_add, name="support_day_add"),
    path(
        "<slug:slug>/delegations/<int:pk>/journees/<int:day_pk>/supprimer/",
        views_manage.support_day_delete,
        name="support_day_delete",
    ),
]
