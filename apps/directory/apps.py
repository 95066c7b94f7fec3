from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "apps.directory"
    label = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        # Accounts sits below the directory and imports none of it: référents are recorded on the
        # directory's memberships, and a verified account gets its directory card.
        from apps.accounts.hooks import register_account_activated, register_referent_lookup
        from apps.directory.selectors import referent_of
        from apps.directory.services import person_attach_account

        register_referent_lookup(referent_of)
        register_account_activated(person_attach_account)

        # Themes are reference data and import no app: the directory declares its columns.
        from apps.directory.theme_counts import organisations_per_theme, people_per_theme
        from apps.themes.counts import ThemeCounter, register_theme_counter

        register_theme_counter(
            ThemeCounter(
                label="Organisations",
                singular="organisation",
                plural="organisations",
                list_url="directory:organisation_list",
                counts=organisations_per_theme,
            )
        )
        register_theme_counter(
            ThemeCounter(
                label="Personnes",
                singular="personne",
                plural="personnes",
                list_url="directory:person_list",
                counts=people_per_theme,
            )
        )
