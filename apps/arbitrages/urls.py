from django.urls import path

from apps.arbitrages import views

app_name = "arbitrages"

urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("nouveau/", views.questionnaire_edit, name="create"),
    path("<slug:slug>/modifier/", views.questionnaire_edit, name="update"),
    path("<slug:slug>/", views.questionnaire_detail, name="detail"),
    path("<slug:slug>/recapitulatif/", views.recap, name="recap"),
    path("<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/envoyer/", views.send, name="send"),
    path("<slug:slug>/relancer/", views.remind, name="remind"),
    path("<slug:slug>/clore/", views.close, name="close"),
    path("<slug:slug>/delegation/<slug:org_slug>/", views.response_edit, name="answer"),
]
