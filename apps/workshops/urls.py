from django.urls import path

from apps.workshops import views

app_name = "workshops"

A = "<slug:slug>/a/<int:pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.day_create, name="day_create"),
    path("<slug:slug>/", views.day_detail, name="day"),
    path("<slug:slug>/modifier/", views.day_edit, name="day_edit"),
    path("<slug:slug>/supprimer/", views.day_delete, name="day_delete"),
    path("<slug:slug>/organisateurs/ajouter/", views.organiser_add, name="organiser_add"),
    path("<slug:slug>/organisateurs/<int:pk>/retirer/", views.organiser_delete, name="organiser_delete"),
    path("<slug:slug>/ateliers/ajouter/", views.atelier_add, name="atelier_add"),
    path(A, views.atelier_detail, name="atelier"),
    path(A + "modifier/", views.atelier_edit, name="atelier_edit"),
    path(A + "supprimer/", views.atelier_delete, name="atelier_delete"),
    path(A + "idees/", views.atelier_ideas, name="atelier_ideas"),
    path(A + "idees/ajouter/", views.atelier_idea_add, name="atelier_idea_add"),
    path(A + "questions/ajouter/", views.question_add, name="question_add"),
    path(A + "questions/<int:qid>/modifier/", views.question_edit, name="question_edit"),
    path(A + "questions/<int:qid>/supprimer/", views.question_delete, name="question_delete"),
    path(A + "tables/ajouter/", views.table_add, name="table_add"),
    path(A + "tables/<int:tid>/modifier/", views.table_edit, name="table_edit"),
    path(A + "tables/<int:tid>/supprimer/", views.table_delete, name="table_delete"),
    path(A + "propositions/ajouter/", views.proposal_add, name="proposal_add"),
    path(A + "initiatives/ajouter/", views.initiative_add, name="initiative_add"),
    path(A + "initiatives/<int:iid>/modifier/", views.initiative_edit, name="initiative_edit"),
    path(A + "initiatives/<int:iid>/supprimer/", views.initiative_delete, name="initiative_delete"),
    path(A + "initiatives/<int:iid>/gommette/", views.vote, name="vote"),
    path(A + "initiatives/retenir/", views.select_top, name="select_top"),
    path("<slug:slug>/propositions/<int:pid>/modifier/", views.proposal_edit, name="proposal_edit"),
    path("<slug:slug>/propositions/supprimer/", views.proposals_delete, name="proposals_delete"),
    path("<slug:slug>/propositions/importer/", views.proposals_import, name="proposals_import"),
    path("<slug:slug>/imports/<int:bid>/annuler/", views.batch_undo, name="batch_undo"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants/ajouter/", views.participant_add, name="participant_add"),
    path("<slug:slug>/participants/importer/", views.participants_import, name="participants_import"),
    path(
        "<slug:slug>/participants/inscriptions/",
        views.participants_from_registrations,
        name="participants_from_registrations",
    ),
    path("<slug:slug>/participants/<int:pid>/modifier/", views.participant_edit, name="participant_edit"),
    path(
        "<slug:slug>/participants/<int:pid>/supprimer/", views.participant_delete, name="participant_delete"
    ),
    path("<slug:slug>/chiffres/", views.figures_edit, name="figures"),
    path("<slug:slug>/livret/", views.booklet, name="booklet"),
    path("<slug:slug>/livret/textes/", views.booklet_texts, name="booklet_texts"),
    path("<slug:slug>/livret/produire/", views.booklet_produce, name="booklet_produce"),
    path("<slug:slug>/livret.<str:fmt>", views.booklet_file, name="booklet_file"),
]
