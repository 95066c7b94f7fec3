"""`manage.py workshops_render_due` (cron): which days' files it puts back into production."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.workshops import tasks
from apps.workshops.models import WorkshopBookletFile, WorkshopDay, WorkshopRenderState
from tests.workshops.factories import WorkshopAtelierFactory, WorkshopProposalFactory

pytestmark = pytest.mark.django_db


def requested_day(**state):
    atelier = WorkshopAtelierFactory()
    WorkshopProposalFactory(atelier=atelier, action="Créer une navette")
    WorkshopRenderState.objects.create(day=atelier.day, requested_at=timezone.now(), **state)
    return atelier.day


def due(django_capture_on_commit_callbacks) -> str:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("workshops_render_due", stdout=out)
    return out.getvalue()


def test_a_render_killed_long_ago_is_restarted_one_still_running_is_left_alone(
    settings, django_capture_on_commit_callbacks
):
    settings.MAILLAGE_WORKSHOP_RENDER_TIMEOUT = 300
    now = timezone.now()
    running = requested_day(running_since=now - dt.timedelta(seconds=30))
    killed = requested_day(running_since=now - dt.timedelta(seconds=301))
    never_started = requested_day()
    failed = requested_day(last_error="WeasyPrint a échoué")
    not_requested = WorkshopAtelierFactory().day

    out = due(django_capture_on_commit_callbacks)

    assert "2 livret(s) remis en production" in out
    rendered = set(WorkshopBookletFile.objects.values_list("day_id", flat=True))
    assert rendered == {killed.pk, never_started.pk}
    for day in (killed, never_started):
        assert WorkshopRenderState.objects.get(day=day).running_since is None
        assert {f.data_version for f in day.booklet_files.all()} == {day.data_version}
        assert day.booklet_files.count() == 3
    assert WorkshopRenderState.objects.get(day=running).running_since is not None
    assert not WorkshopRenderState.objects.filter(day=not_requested).exists()
    assert failed.booklet_files.count() == 0

    # Everything is up to date now (the running one is still running): nothing to do.
    assert "Aucun livret à relancer" in due(django_capture_on_commit_callbacks)


def test_outdated_files_are_redone_up_to_date_ones_are_not(django_capture_on_commit_callbacks):
    day = requested_day()
    assert tasks.workshop_render_files.call(day_id=day.pk) == "rendered"
    assert "Aucun livret à relancer" in due(django_capture_on_commit_callbacks)
    WorkshopDay.objects.filter(pk=day.pk).update(data_version=day.data_version + 1)
    assert "1 livret(s) remis en production" in due(django_capture_on_commit_callbacks)
    day.refresh_from_db()
    assert {f.data_version for f in day.booklet_files.all()} == {day.data_version}


def test_a_day_with_a_render_waiting_in_the_queue_is_skipped(django_capture_on_commit_callbacks):
    from apps.workshops.services import booklet_files_resume

    day = requested_day()
    with django_capture_on_commit_callbacks(execute=True):
        assert booklet_files_resume(skip_day_ids={day.pk}) == []
    assert day.booklet_files.count() == 0
