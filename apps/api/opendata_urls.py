from django.urls import path

from apps.api import opendata_views

app_name = "opendata"

urlpatterns = [
    path("", opendata_views.index, name="index"),
    path("<slug:slug>.csv", opendata_views.dataset_csv, name="csv"),
    path("<slug:slug>.json", opendata_views.dataset_json, name="json"),
]
