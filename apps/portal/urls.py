from django.urls import path

from apps.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.my_space, name="my_space"),
    path("mon-organisation/", views.find_organisation, name="find_organisation"),
    path("activite/", views.activity, name="activity"),
]
