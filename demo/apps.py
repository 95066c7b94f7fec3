from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo network: data files (data/), their loader and its two commands. No models."""

    name = "demo"
    label = "demo"
    verbose_name = "Réseau de démonstration"
