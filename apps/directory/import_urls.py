from django.urls import path

from apps.directory import views_import

# Included from apps/directory/urls.py, in the "directory" namespace.
urlpatterns = [
    path("import/", views_import.directory_import, name="import"),
    path("import/apercu/<str:token>/", views_import.directory_import_preview_view, name="import_preview"),
    path("import/confirmer/<str:token>/", views_import.directory_import_confirm, name="import_confirm"),
    path("import/rapport/<str:token>/", views_import.directory_import_report, name="import_report"),
    path(
        "import/modele-<slug:kind>.<slug:fmt>",
        views_import.directory_import_template,
        name="import_template",
    ),
    path("export.csv", views_import.export_organisations, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views_import.export_organisations, {"fmt": "xlsx"}, name="export_xlsx"),
    path("export-personnes.csv", views_import.export_people, {"fmt": "csv"}, name="export_people_csv"),
    path("export-personnes.xlsx", views_import.export_people, {"fmt": "xlsx"}, name="export_people_xlsx"),
]
