from django.apps import AppConfig


class MailingConfig(AppConfig):
    name = "apps.mailing"
    label = "mailing"
    verbose_name = "Courriels et lettres"

    def ready(self):
        from apps.core.published import register_content_published
        from apps.mailing.follows import content_published_notify

        register_content_published(content_published_notify)
