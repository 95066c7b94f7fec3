from django.urls import include, path

app_name = "directory"

urlpatterns = [
    # Import / export of the directory (CSV, XLSX) lives in its own module.
    path("", include("apps.directory.import_urls")),
]
