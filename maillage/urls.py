from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.accounts import proconnect_views
from apps.accounts import urls as accounts_urls
from apps.accounts import views as accounts_views
from apps.api.v1 import api as api_v1
from apps.directory import urls_account

admin.site.site_header = f"Administration — {settings.MAILLAGE_NETWORK_NAME}"
admin.site.site_title = settings.MAILLAGE_NETWORK_NAME

# 503 (with Retry-After) when the database or the shared cache is down, 500 otherwise.
handler500 = "apps.core.views.server_error"

urlpatterns = [
    path("", include("apps.core.urls")),
    # ProConnect (allauth's OpenID Connect provider): its login/callback and error pages only.
    path("compte/proconnect/", include("allauth.socialaccount.urls")),
    # allauth's openid_connect URLs (same names and shapes), with the adapter that reads
    # ProConnect's signed userinfo (apps.accounts.proconnect).
    path(
        "compte/proconnect/<str:provider_id>/login/", proconnect_views.login_view, name="openid_connect_login"
    ),
    path(
        "compte/proconnect/<str:provider_id>/login/callback/",
        proconnect_views.callback_view,
        name="openid_connect_callback",
    ),
    # The account pages: accounts' own, and the directory's that show the person's card (the account
    # page, its edit form, erasure, the address confirmation), in one `accounts` namespace.
    path("compte/", include((accounts_urls.urlpatterns + urls_account.urlpatterns, "accounts"))),
    # allauth reverses its own un-namespaced names (its social signup view and the context of its
    # entrance pages call reverse("account_login")): without them, ProConnect's cancel, error and
    # signup pages answered 500. They name this site's pages; being after the include above, these
    # patterns are only reversed, never resolved.
    path("compte/connexion/", accounts_views.LoginView.as_view(), name="account_login"),
    path("compte/inscription/", accounts_views.signup, name="account_signup"),
    path("territoires/", include("apps.territories.urls")),
    path("thematiques/", include("apps.themes.urls")),
    path("annuaire/", include("apps.directory.urls")),
    path("recherche/", include("apps.search.urls")),
    path("experiences/", include("apps.experiences.urls")),
    path("ressources/", include("apps.resources.urls")),
    path("aides/", include("apps.aids.urls")),
    path("consultations/", include("apps.consultations.urls")),
    path("ateliers/", include("apps.workshops.urls")),
    # Meeting formats of an event live in their own app, under the event's address.
    path("agenda/<slug:slug>/rotations/", include("apps.rotations.urls")),
    path("agenda/", include("apps.events.urls")),
    path("sondages/", include("apps.polls.urls")),
    path("arbitrages/", include("apps.arbitrages.urls")),
    path("parcours/", include("apps.programmes.urls")),
    path("questions/", include("apps.questions.urls")),
    path("groupes/", include("apps.groups.urls")),
    path("parrainages/", include("apps.mentoring.urls")),
    path("notifications/", include("apps.notifications.urls")),
    # /lettres/ (the network's letter) and /envois/ (sent-messages log).
    path("", include("apps.mailing.urls")),
    path("evaluations/", include("apps.evaluations.urls")),
    path("bilans/", include("apps.reports.urls")),
    path("animation/", include("apps.cockpit.urls")),
    path("mon-espace/", include("apps.portal.urls")),
    path("api/v1/", api_v1.urls),
    path("donnees/", include("apps.api.opendata_urls")),
    path("api/", include("apps.api.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
