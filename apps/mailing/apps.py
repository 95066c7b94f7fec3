from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "apps.mailing"
    label = "mailing"
    verbose_name = "Courriels et lettres"

    def ready(self):
        from apps.core.signals import content_published
        from apps.mailing.follows import content_published_notify

        content_published.connect(content_published_notify, dispatch_uid="mailing-follows")
