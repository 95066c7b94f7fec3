from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    name = "apps.experiences"
    label = "experiences"
    verbose_name = "Retours d'expérience"
