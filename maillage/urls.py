from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"Administration — {settings.MAILLAGE_NETWORK_NAME}"
admin.site.site_title = settings.MAILLAGE_NETWORK_NAME

urlpatterns = [
    path("", include("apps.core.urls")),
    path("compte/", include("apps.accounts.urls")),
    path("territoires/", include("apps.territories.urls")),
    path("thematiques/", include("apps.themes.urls")),
    path("annuaire/", include("apps.directory.urls")),
    path("recherche/", include("apps.search.urls")),
    path("experiences/", include("apps.experiences.urls")),
    path("ressources/", include("apps.resources.urls")),
    path("aides/", include("apps.aids.urls")),
    path("consultations/", include("apps.consultations.urls")),
    path("agenda/", include("apps.events.urls")),
    path("sondages/", include("apps.polls.urls")),
    path("arbitrages/", include("apps.arbitrages.urls")),
    path("parcours/", include("apps.programmes.urls")),
    path("questions/", include("apps.questions.urls")),
    path("groupes/", include("apps.groups.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("api/", include("apps.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
