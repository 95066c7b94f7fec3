from django.urls import path

from apps.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.consultation_create, name="create"),
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
    path(
        "<slug:slug>/livret.docx",
        views.booklet_file,
        {"kind": "consultation", "fmt": "docx"},
        name="consultation_booklet_docx",
    ),
]
