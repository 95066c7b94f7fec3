from django.urls import path

from apps.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/modifier/", views.update, name="update"),
    path("<slug:slug>/supprimer/", views.delete, name="delete"),
    path("<slug:slug>/publication/", views.publish, name="publish"),
    path("<slug:slug>/envoi/<str:kind>/", views.send, name="send"),
    path("<slug:slug>/questions/ajouter/", views.question_add, name="question_add"),
    path("<slug:slug>/questions/<int:pk>/modifier/", views.question_update, name="question_update"),
    path("<slug:slug>/questions/<int:pk>/supprimer/", views.question_delete, name="question_delete"),
    path("<slug:slug>/questions/<int:pk>/deplacer/", views.question_move, name="question_move"),
    path("<slug:slug>/repondre/", views.answer, name="answer"),
    path("<slug:slug>/resultats/", views.results, name="results"),
    path("<slug:slug>/resultats.<str:fmt>", views.results_export, name="results_export"),
]
