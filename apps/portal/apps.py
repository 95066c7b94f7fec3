from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "apps.portal"
    label = "portal"
    verbose_name = "Accueil et Mon espace"

    def ready(self):
        # The home page's blocks (apps.core.home): core draws the page, this app knows the content.
        from apps.portal import home_blocks

        home_blocks.register_all()
