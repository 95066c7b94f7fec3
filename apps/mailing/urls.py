from django.urls import path

from apps.mailing import views

app_name = "mailing"

urlpatterns = [
    path("lettres/", views.edition_list, name="list"),
    path("lettres/flux.xml", views.EditionFeed(), name="feed"),
    path("lettres/nouvelle/", views.edition_create, name="edition_create"),
    path("lettres/abonnement/", views.subscription, name="subscription"),
    path("lettres/abonnement/confirmer/<str:token>/", views.subscription_confirm, name="confirm"),
    path("lettres/desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("lettres/<int:pk>/preparer/", views.edition_edit, name="edition_edit"),
    path("lettres/<int:pk>/blocs/", views.edition_block, name="edition_block"),
    path("lettres/<int:pk>/apercu/", views.edition_preview, name="edition_preview"),
    path("lettres/<int:pk>/test/", views.edition_test, name="edition_test"),
    path("lettres/<int:pk>/programmer/", views.edition_schedule, name="edition_schedule"),
    path("lettres/<int:pk>/envoyer/", views.edition_send, name="edition_send"),
    path("lettres/<slug:slug>/", views.edition_detail, name="edition"),
    path("suivis/", views.follow_list, name="follows"),
    path("suivis/suivre/", views.follow_add, name="follow_add"),
    path("suivis/<int:pk>/retirer/", views.follow_remove, name="follow_remove"),
    path("annonces/", views.announcement_list, name="announcements"),
    path("annonces/nouvelle/", views.announcement_form, name="announcement_create"),
    path("annonces/<int:pk>/", views.announcement_form, name="announcement_edit"),
    path("annonces/<int:pk>/supprimer/", views.announcement_delete, name="announcement_delete"),
    path("envois/", views.message_list, name="messages"),
    path("envois/adresses-en-echec/", views.failed_addresses, name="failed_addresses"),
    path("envois/<int:pk>/", views.message_detail, name="message"),
    path("envois/evenement/<slug:slug>/", views.event_message, name="event_message"),
    path("envois/consultation/<slug:slug>/", views.consultation_reminder, name="consultation_reminder"),
    path("envois/sondage/<slug:slug>/", views.poll_invitation, name="poll_invitation"),
]
