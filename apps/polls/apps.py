from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "apps.polls"
    label = "polls"
    verbose_name = "Sondages de dates"
