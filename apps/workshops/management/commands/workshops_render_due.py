"""Run every minute from cron: re-enqueues the booklet files of workshop days left outdated by a
worker that died mid-render (see apps.workshops.tasks)."""

from django.core.management.base import BaseCommand

TASK_PATH = "apps.workshops.tasks.workshop_render_files"


class Command(BaseCommand):
    help = "Relance la production des fichiers de livret restés en retard (worker arrêté en cours de route)."

    def handle(self, *args, **options):
        from apps.workshops.services import booklet_files_resume

        resumed = booklet_files_resume(skip_day_ids=waiting_day_ids())
        if resumed:
            self.stdout.write(f"{len(resumed)} livret(s) remis en production : journées {resumed}.")
        else:
            self.stdout.write("Aucun livret à relancer.")


def waiting_day_ids() -> set[int]:
    """Days whose render is already queued and not started (database task backend only)."""
    from django.tasks import default_task_backend

    if default_task_backend.__class__.__module__.split(".")[0] != "django_tasks_db":
        return set()
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").values_list(
        "args_kwargs", flat=True
    )
    return {row.get("kwargs", {}).get("day_id") for row in rows} - {None}
