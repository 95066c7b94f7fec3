from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "apps.mailing"
    label = "mailing"
    verbose_name = "Courriels et lettres"
