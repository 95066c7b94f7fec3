from django.urls import path

from apps.api import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("aides/", views.aid_list, name="aid_list"),
]
