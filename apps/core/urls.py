from django.urls import path

from apps.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("a-propos/", views.about, name="about"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
    path("sante/", views.health, name="health"),
    path("fichiers/images/", views.image_upload, name="image_upload"),
    path("fichiers/<str:key>/<int:pk>/", views.file_download, name="file"),
    path("markdown/apercu/", views.markdown_preview, name="markdown_preview"),
]
