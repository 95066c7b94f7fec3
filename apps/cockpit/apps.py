from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CockpitConfig(AppConfig):
    name = "apps.cockpit"
    label = "cockpit"
    verbose_name = "Animation du réseau"

    def ready(self):
        # Each domain app declares what waits for a coordinator in its own `moderation.py`
        # (apps.core.moderation): import them all, as django.contrib.admin does for admin.py.
        autodiscover_modules("moderation")
