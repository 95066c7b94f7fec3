from django.urls import path

from apps.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/textes/", views.texts, name="texts"),
    path("<int:pk>/recalculer/", views.refresh, name="refresh"),
    path("<int:pk>/supprimer/", views.delete, name="delete"),
    path("<int:pk>/fichiers/", views.documents, name="documents"),
    path("<int:pk>/bilan.<str:fmt>", views.document_file, name="document_file"),
]
