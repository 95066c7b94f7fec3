from django.urls import include, path

from apps.directory import (
    views,
    views_coordination,
    views_invitations,
    views_join,
    views_manage,
    views_similar,
)

app_name = "directory"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("carte/", views.members_map, name="map"),
    path("carte/donnees.json", views.map_data, name="map_data"),
    path("carte/organisations/<int:pk>.json", views.map_popup, name="map_popup"),
    path("qui-fait-quoi/", views.who_does_what, name="who_does_what"),
    path("trombinoscope/", views.trombinoscope, name="trombinoscope"),
    path("personnes/", views.person_list, name="person_list"),
    path("personnes/<slug:slug>/", views.person_detail, name="person_detail"),
    path("personnes/<slug:slug>/modifier/", views_coordination.person_edit, name="person_edit"),
    path("organisations/nouvelle/", views_coordination.organisation_create, name="organisation_create"),
    path("organisations/recherche.json", views.organisation_search, name="organisation_search"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<slug:slug>/similaires/",
        views_similar.organisation_similar,
        name="organisation_similar",
    ),
    path(
        "organisations/<slug:slug>/fusionner/",
        views_coordination.organisation_merge_search,
        name="organisation_merge_search",
    ),
    path(
        "organisations/<slug:slug>/fusionner/<slug:target_slug>/",
        views_coordination.organisation_merge,
        name="organisation_merge",
    ),
    path("organisations/<slug:slug>/modifier/", views_manage.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<slug:slug>/membres/", views_manage.organisation_members, name="organisation_members"
    ),
    path(
        "organisations/<slug:slug>/membres/<int:pk>/referent/",
        views_manage.membership_toggle_referent,
        name="membership_toggle_referent",
    ),
    path(
        "organisations/<slug:slug>/membres/<int:pk>/retirer/",
        views_manage.membership_remove,
        name="membership_remove",
    ),
    path(
        "organisations/<slug:slug>/invitations/<int:pk>/annuler/",
        views_manage.invitation_cancel,
        name="invitation_cancel",
    ),
    path("organisations/<slug:slug>/rejoindre/", views_join.membership_request, name="membership_request"),
    path("invitations/", views_invitations.invitation_list, name="invitation_list"),
    path("invitations/inviter/", views_invitations.invitation_bulk, name="invitation_bulk"),
    path(
        "invitations/personnes-importees/", views_invitations.invitation_imported, name="invitation_imported"
    ),
    path("invitations/<int:pk>/renvoyer/", views_invitations.invitation_resend, name="invitation_resend"),
    path("invitations/<str:token>/", views_manage.invitation_accept, name="invitation_accept"),
    path("adhesion/", views_join.join_request, name="join_request"),
    path("animation/", views_join.animation, name="animation"),
    path("animation/demandes/<int:pk>/decision/", views_join.join_request_decide, name="join_request_decide"),
    # Import / export of the directory (CSV, XLSX) lives in its own module.
    path("", include("apps.directory.import_urls")),
]
