from django.urls import path

from apps.events import views, views_registrations

app_name = "events"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("archives/", views.archive, name="archive"),
    path("mois/", views.today_redirect, name="month_current"),
    path("mois/<int:year>/<int:month>/", views.month, name="month"),
    path("nouveau/", views.create, name="create"),
    path("intervenants/", views.speakers, name="speakers"),
    path("mes-inscriptions/", views.my_registrations, name="my_registrations"),
    path("agendas-partenaires/", views.partner_feeds, name="partner_feeds"),
    path("agendas-partenaires/<int:pk>/retirer/", views.partner_feed_delete, name="partner_feed_delete"),
    path("flux/", views.feeds_index, name="feeds"),
    path("flux/agenda.ics", views.feed_ical, name="feed_ical"),
    path("flux/agenda.rss", views.feed_rss, name="feed_rss"),
    path("flux/prive/<str:token>.ics", views.feed_private, name="feed_private"),
    path("flux/groupe/<slug:group_slug>/<str:token>.ics", views.feed_group_ical, name="feed_group_ical"),
    path("flux/groupe/<slug:group_slug>/<str:token>.rss", views.feed_group_rss, name="feed_group_rss"),
    path("flux/<str:scope>/<slug:slug>.ics", views.feed_ical, name="feed_ical_scoped"),
    path("flux/<str:scope>/<slug:slug>.rss", views.feed_rss, name="feed_rss_scoped"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/evenement.ics", views.event_ical, name="event_ical"),
    path("<slug:slug>/modifier/", views.update, name="update"),
    path("<slug:slug>/supprimer/", views.delete, name="delete"),
    path("<slug:slug>/inscription/", views.register, name="register"),
    path("<slug:slug>/desinscription/", views.unregister, name="unregister"),
    path("<slug:slug>/participants/", views.participants, name="participants"),
    path("<slug:slug>/participants.csv", views.participants_csv, name="participants_csv"),
    path("<slug:slug>/suites/", views.followup, name="followup"),
    path("<slug:slug>/suites/<int:pk>/retirer/", views.followup_delete, name="followup_delete"),
    path(
        "<slug:slug>/participants/<int:pk>/promouvoir/",
        views_registrations.registration_promote,
        name="registration_promote",
    ),
    path(
        "<slug:slug>/participants/<int:pk>/annuler/",
        views_registrations.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "<slug:slug>/inscriptions/", views_registrations.registration_settings, name="registration_settings"
    ),
    path(
        "<slug:slug>/inscriptions/questions/nouvelle/",
        views_registrations.question_edit,
        name="registration_question_create",
    ),
    path(
        "<slug:slug>/inscriptions/questions/<int:pk>/modifier/",
        views_registrations.question_edit,
        name="registration_question_edit",
    ),
    path(
        "<slug:slug>/inscriptions/questions/<int:pk>/supprimer/",
        views_registrations.question_delete,
        name="registration_question_delete",
    ),
]
