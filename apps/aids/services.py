"""Every write of the aid directory. Keyword-only, typed, named <entity>_<action>."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction

from apps.aids.models import Aid, AidImport, SavedSearch
from apps.core.services import model_save

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from apps.accounts.models import User
    from apps.directory.models import Organisation
    from apps.territories.models import Territory
    from apps.themes.models import Theme


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


class AidData(TypedDict, total=False):
    """What a person sets on an aid (`AidForm.aid_data()` builds it from valid input)."""

    title: str
    kind: str
    status: str
    description: str
    beneficiaries: str  # encoded: models.encode_beneficiaries
    perimeter: Territory | None  # None: the whole of France
    funders: Iterable[Organisation]
    instructors: Iterable[Organisation]
    funders_text: str
    themes: Iterable[Theme]
    rate_min: int | None
    rate_max: int | None
    amount_max: int | None
    budget: int | None
    funding_comment: str
    open_date: datetime.date | None
    close_date: datetime.date | None
    recurrence: str
    url: str
    contact: str


@transaction.atomic
def aid_save(*, data: AidData, user: User, aid: Aid | None = None) -> Aid:
    """Create an aid (`aid` None) or update `aid` with `data`."""
    if aid is None:
        aid = Aid(created_by=user if user.is_authenticated else None)
    model_save(instance=aid, data=dict(data))
    aid_changed(aid=aid)
    return aid


def aid_changed(*, aid: Aid) -> None:
    """After an aid and its many-to-many rows were written (here or in /admin/): its search text
    (which names the themes) and the site-wide search document follow."""
    aid.search_text_refresh()
    _search_index(aid)


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
