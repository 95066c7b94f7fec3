from django.urls import path

from apps.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.consultation_create, name="create"),
    # Workshops first: "ateliers" would otherwise be read as a consultation slug.
    path("ateliers/nouveau/", views.workshop_create, name="workshop_create"),
    path("ateliers/<slug:slug>/", views.workshop_detail, name="workshop_detail"),
    path("ateliers/<slug:slug>/modifier/", views.workshop_edit, name="workshop_edit"),
    path("ateliers/<slug:slug>/questions/ajouter/", views.question_add, name="question_add"),
    path("ateliers/<slug:slug>/groupes/ajouter/", views.group_add, name="group_add"),
    path("ateliers/<slug:slug>/participants/ajouter/", views.participant_add, name="participant_add"),
    path("ateliers/<slug:slug>/propositions/ajouter/", views.proposal_add, name="proposal_add"),
    path("ateliers/<slug:slug>/propositions/importer/", views.proposals_import, name="proposals_import"),
    path("ateliers/<slug:slug>/propositions/<int:pk>/modifier/", views.proposal_edit, name="proposal_edit"),
    path(
        "ateliers/<slug:slug>/propositions/<int:pk>/supprimer/", views.proposal_delete, name="proposal_delete"
    ),
    path("ateliers/<slug:slug>/initiatives/ajouter/", views.initiative_add, name="initiative_add"),
    path(
        "ateliers/<slug:slug>/initiatives/<int:pk>/modifier/", views.initiative_edit, name="initiative_edit"
    ),
    path(
        "ateliers/<slug:slug>/initiatives/<int:pk>/decomposer/",
        views.initiative_decompose,
        name="initiative_decompose",
    ),
    path("ateliers/<slug:slug>/initiatives/<int:pk>/gommette/", views.vote, name="vote"),
    path("ateliers/<slug:slug>/initiatives/retenir/", views.select_top, name="select_top"),
    path("ateliers/<slug:slug>/livret/", views.booklet_view, {"kind": "workshop"}, name="workshop_booklet"),
    path(
        "ateliers/<slug:slug>/livret/modifier/",
        views.booklet_edit,
        {"kind": "workshop"},
        name="workshop_booklet_edit",
    ),
    path(
        "ateliers/<slug:slug>/livret/generer/",
        views.booklet_generate,
        {"kind": "workshop"},
        name="workshop_booklet_generate",
    ),
    path(
        "ateliers/<slug:slug>/livret.pdf",
        views.booklet_file,
        {"kind": "workshop", "fmt": "pdf"},
        name="workshop_booklet_pdf",
    ),
    path(
        "ateliers/<slug:slug>/livret.odt",
        views.booklet_file,
        {"kind": "workshop", "fmt": "odt"},
        name="workshop_booklet_odt",
    ),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/modifier/", views.consultation_edit, name="edit"),
    path("<slug:slug>/structure/", views.consultation_structure, name="structure"),
    path("<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("<slug:slug>/actions/<int:pk>/modifier/", views.action_edit, name="action_edit"),
    path("<slug:slug>/contributions/<int:pk>/modifier/", views.contribution_edit, name="contribution_edit"),
    path(
        "<slug:slug>/contributions/<int:pk>/moderer/",
        views.contribution_moderate,
        name="contribution_moderate",
    ),
    path(
        "<slug:slug>/contributions/<int:pk>/mettre-en-avant/",
        views.contribution_highlight,
        name="contribution_highlight",
    ),
    path("<slug:slug>/contributions/<int:pk>/commenter/", views.comment_create, name="comment_create"),
    path("<slug:slug>/commentaires/<int:pk>/moderer/", views.comment_moderate, name="comment_moderate"),
    path("<slug:slug>/par-organisation/", views.by_organisation, name="by_organisation"),
    path("<slug:slug>/avancement/", views.progress, name="progress"),
    path("<slug:slug>/livret/", views.booklet_view, {"kind": "consultation"}, name="consultation_booklet"),
    path(
        "<slug:slug>/livret/modifier/",
        views.booklet_edit,
        {"kind": "consultation"},
        name="consultation_booklet_edit",
    ),
    path(
        "<slug:slug>/livret/generer/",
        views.booklet_generate,
        {"kind": "consultation"},
        name="consultation_booklet_generate",
    ),
    path(
        "<slug:slug>/livret.pdf",
        views.booklet_file,
        {"kind": "consultation", "fmt": "pdf"},
        name="consultation_booklet_pdf",
    ),
    path(
        "<slug:slug>/livret.odt",
        views.booklet_file,
        {"kind": "consultation", "fmt": "odt"},
        name="consultation_booklet_odt",
    ),
]
