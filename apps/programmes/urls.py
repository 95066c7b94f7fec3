from django.urls import path

from apps.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/delegations/<int:pk>/", views.delegation_detail, name="delegation"),
    path("<slug:slug>/delegations/<int:pk>/accompagnement/", views.support_edit, name="support_edit"),
]
