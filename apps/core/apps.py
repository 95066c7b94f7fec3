from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self) -> None:
        from apps.core.forms import share_dsfr_renderer

        share_dsfr_renderer()
