from django.urls import path

from apps.mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("demander/", views.request_mentor, name="request"),
    path("proposer/", views.offer, name="offer"),
    path("suivi/", views.coordination, name="coordination"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/repondre/", views.answer, name="answer"),
    path("<int:pk>/retirer/", views.withdraw, name="withdraw"),
    path("<int:pk>/echange/", views.exchange, name="exchange"),
    path("<int:pk>/terminer/", views.close, name="close"),
]
