from django.urls import path

from apps.experiences import views

app_name = "experiences"

urlpatterns = [
    path("", views.library, name="list"),
    path("carte/", views.experience_map, name="map"),
    path("guide-enqueteur/", views.guide, name="guide"),
    path("mes-contributions/", views.mine, name="mine"),
    path("proposer/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/modifier/", views.edit, name="edit"),
    path("<slug:slug>/soumettre/", views.submit, name="submit"),
    path("<slug:slug>/relire/", views.review, name="review"),
    path("<slug:slug>/publier/", views.publish, name="publish"),
    path("<slug:slug>/depublier/", views.unpublish, name="unpublish"),
    path("<slug:slug>/supprimer/", views.delete, name="delete"),
    path("<slug:slug>/historique/", views.history, name="history"),
    path("<slug:slug>/historique/<int:number>/", views.version, name="version"),
    path("<slug:slug>/pieces-jointes/", views.attachments, name="attachments"),
    path("<slug:slug>/pieces-jointes/<int:pk>/supprimer/", views.attachment_delete, name="attachment_delete"),
]
