from django.apps import AppConfig


class AidsConfig(AppConfig):
    name = "apps.aids"
    label = "aids"
    verbose_name = "Aides et dispositifs"
