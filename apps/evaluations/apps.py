from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "apps.evaluations"
    label = "evaluations"
    verbose_name = "Évaluation du réseau par ses membres"

    def ready(self):
        # The directory imports no app that points at organisations: each says how to merge its rows.
        from apps.directory.merge import register_combine_rule
        from apps.evaluations.merge import response_refuse

        register_combine_rule("evaluations.EvaluationResponse", response_refuse)
