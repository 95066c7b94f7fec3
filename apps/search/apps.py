from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "apps.search"
    label = "search"
    verbose_name = "Recherche"

    def ready(self):
        from apps.search.registry import autodiscover

        autodiscover()
