from django.apps import AppConfig


class ArbitragesConfig(AppConfig):
    name = "apps.arbitrages"
    label = "arbitrages"
    verbose_name = "Arbitrages"
