from django.urls import path

from apps.questions import views, views_groups

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("faq/", views.faq, name="faq"),
    path("poser/", views.question_create, name="create"),
    path("similaires/", views.similar, name="similar"),
    path("moderation/", views.moderation, name="moderation"),
    path("expertises/", views.expertise, name="expertise"),
    path("statistiques/", views.stats, name="stats"),
    # A group discussion turned into a public question (the discussion's author, once).
    path(
        "depuis-une-discussion/<int:pk>/",
        views_groups.question_from_discussion,
        name="from_discussion",
    ),
    path("pieces-jointes/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/modifier/", views.question_edit, name="edit"),
    path("<int:pk>/historique/", views.question_history, name="history"),
    path("<int:pk>/repondre/", views.answer_create, name="answer"),
    path("<int:pk>/suivre/", views.question_follow, name="follow"),
    path("<int:pk>/resolue/", views.question_resolve, name="resolve"),
    path("<int:pk>/signaler/", views.question_report, name="report"),
    path("<int:pk>/moderer/", views.question_moderate, name="moderate"),
    path("reponses/<int:pk>/commenter/", views.comment_create, name="comment"),
    path("reponses/<int:pk>/utile/", views.answer_vote, name="vote"),
    path("reponses/<int:pk>/accepter/", views.answer_accept, name="accept"),
    path("reponses/<int:pk>/moderer/", views.answer_moderate, name="answer_moderate"),
]
