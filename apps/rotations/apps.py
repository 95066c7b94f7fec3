from django.apps import AppConfig


class RotationsConfig(AppConfig):
    name = "apps.rotations"
    label = "rotations"
    verbose_name = "Formats de rencontre (speed dating, world café)"
