"""Every write of the aid directory. Keyword-only, typed, named <entity>_<action>."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction

from apps.aids.models import Aid, AidImport, SavedSearch

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.aids.forms import AidForm


logger = logging.getLogger("maillage")


def _search_index(obj: Aid) -> None:
    """Keep the site-wide search engine in step. The engine is another app: until it ships, skip."""
    try:
        from apps.search.services import search_index_object
    except ImportError:  # pragma: no cover - depends on the search app's progress
        return
    search_index_object(obj)


def _search_remove(obj: Aid) -> None:
    try:
        from apps.search.services import search_remove_object
    except ImportError:  # pragma: no cover - depends on the search app's progress
        return
    search_remove_object(obj)


@transaction.atomic
def aid_save(*, form: AidForm, user: User) -> Aid:
    """Create or update an aid from a valid `AidForm`."""
    aid = form.save(commit=False)
    if aid.pk is None:
        aid.created_by = user if user.is_authenticated else None
    aid.save()
    form.save_m2m()
    aid.search_text_refresh()
    _search_index(aid)
    return aid


@transaction.atomic
def aid_delete(*, aid: Aid) -> None:
    _search_remove(aid)
    aid.delete()


def saved_search_create(*, user: User, name: str, search: dict) -> SavedSearch:
    """`search` holds the cleaned eligibility criteria (see forms.saved_search_from_form)."""
    from django.utils import timezone

    # Start the alert now: the first digest reports aids added from today on, not the whole backlog.
    return SavedSearch.objects.create(user=user, name=name, last_sent_at=timezone.now(), **search)


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


@transaction.atomic
def aid_withdraw(*, aid: Aid) -> Aid:
    """The source of an imported aid no longer lists it: close it (kept, shown as closed)."""
    from django.utils import timezone

    aid.withdrawn_at = timezone.now()
    aid.save(update_fields=["withdrawn_at", "search_text"])
    _search_index(aid)
    return aid


def aid_import_url_create(*, url: str, user: User) -> AidImport:
    """Record an import by address and hand it to the task workers (after the transaction commits)."""
    from apps.aids.importers import check_import_url
    from apps.aids.models import ImportFormat
    from apps.aids.tasks import aid_import_task

    check_import_url(url)
    aid_import = AidImport.objects.create(url=url, format=ImportFormat.AIDES_TERRITOIRES, uploaded_by=user)
    transaction.on_commit(lambda: aid_import_task.enqueue(import_id=aid_import.pk))
    return aid_import
