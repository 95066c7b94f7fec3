from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "apps.workshops"
    label = "workshops"
    verbose_name = "Journées d'ateliers et livrets"
