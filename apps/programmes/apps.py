from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "apps.programmes"
    label = "programmes"
    verbose_name = "Parcours"

    def ready(self):
        # The directory imports no app that points at organisations: each says how to merge its rows.
        from apps.directory.merge import register_combine_rule
        from apps.programmes.merge import enrolment_combine

        register_combine_rule("programmes.Enrolment", enrolment_combine)
