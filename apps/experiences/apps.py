from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    name = "apps.experiences"
    label = "experiences"
    verbose_name = "Retours d'expérience"

    def ready(self):
        # The directory imports no content app: « Qui me ressemble » asks what organisations did.
        from apps.directory.similar_sources import register_achievements
        from apps.experiences.selectors import SIMILAR_ACHIEVEMENTS

        register_achievements(SIMILAR_ACHIEVEMENTS)
