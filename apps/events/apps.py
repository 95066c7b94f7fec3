from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = "Agenda"

    def ready(self):
        # groups imports no content app: it calls back what each one does when someone leaves.
        from apps.directory.merge import register_preview_note
        from apps.events.merge import registrations_note
        from apps.events.services import group_member_revoke
        from apps.groups.hooks import register_member_leaving

        register_member_leaving(group_member_revoke)
        # The directory imports no app that points at organisations.
        register_preview_note(registrations_note)
