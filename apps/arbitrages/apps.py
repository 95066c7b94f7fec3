from django.apps import AppConfig


class ArbitragesConfig(AppConfig):
    name = "apps.arbitrages"
    label = "arbitrages"
    verbose_name = "Arbitrages"

    def ready(self):
        # The directory imports no app that points at organisations: each says how to merge its rows.
        from apps.arbitrages.merge import response_refuse
        from apps.directory.merge import register_combine_rule

        register_combine_rule("arbitrages.ArbitrageResponse", response_refuse)
