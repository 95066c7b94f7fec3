"""Reads that draft an edition of the letter: what happened in the network during a period, as
blocks (one per kind of content). Only what a visitor may read goes into a block, except the
consultations block, marked members-only (hidden from the public archive)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

ITEMS_PER_BLOCK = 8
AID_HORIZON_DAYS = 45
EVENT_HORIZON_DAYS = 60


def _url(path: str) -> str:
    return settings.MAILLAGE_SITE_URL + path


def _date(value) -> str:
    from django.utils.formats import date_format

    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "j F Y")


def _item(title, url, meta="", summary=""):
    return {"title": str(title)[:300], "url": url, "meta": meta, "summary": (summary or "")[:400]}


def _block(kind, title, items, *, members_only=False, text=""):
    return {
        "id": uuid.uuid4().hex[:12],
        "kind": kind,
        "title": title,
        "text": text,
        "items": items,
        "members_only": members_only,
    }


def _in_territory(qs, territory, field="territory"):
    if territory is None:
        return qs
    model_fields = {f.name for f in qs.model._meta.get_fields()}
    if field not in model_fields:
        return qs
    return qs.filter(
        Q(**{field: territory})
        | Q(**{f"{field}__region": territory})
        | Q(**{f"{field}__departement": territory})
    )


def _themed(qs, theme):
    return qs.filter(themes=theme).distinct() if theme is not None else qs


def draft_blocks(*, start, end, theme=None, territory=None) -> list[dict]:
    """The blocks of a new edition covering [start, end)."""
    from apps.aids.models import Aid
    from apps.consultations.models import Consultation
    from apps.directory.models import Organisation, OrganisationStatus, Person
    from apps.events.models import Event
    from apps.experiences.models import Experience
    from apps.questions.models import Answer, Question
    from apps.questions.models import State as QuestionState
    from apps.resources.models import Resource

    anonymous = AnonymousUser()
    today = timezone.localdate()
    blocks = []

    experiences = _in_territory(
        _themed(
            Experience.objects.visible_to(anonymous).filter(published_at__gte=start, published_at__lt=end),
            theme,
        ),
        territory,
    ).order_by("-published_at")[:ITEMS_PER_BLOCK]
    items = [
        _item(e.title, _url(e.get_absolute_url()), _date(e.published_at), e.summary) for e in experiences
    ]
    if items:
        blocks.append(_block("experiences", "Nouveaux retours d'expérience", items))

    resources = _in_territory(
        _themed(
            Resource.objects.visible_to(anonymous).filter(created_at__gte=start, created_at__lt=end), theme
        ),
        territory,
    ).order_by("-created_at")[:ITEMS_PER_BLOCK]
    items = [_item(r.title, _url(r.get_absolute_url()), "", r.summary) for r in resources]
    if items:
        blocks.append(_block("resources", "Nouvelles ressources", items))

    aids = _themed(
        Aid.objects.visible_to(anonymous).filter(
            close_date__gte=today, close_date__lte=today + timedelta(days=AID_HORIZON_DAYS)
        ),
        theme,
    ).order_by("close_date")[:ITEMS_PER_BLOCK]
    items = [_item(a.title, _url(a.get_absolute_url()), f"Clôture le {_date(a.close_date)}") for a in aids]
    if items:
        blocks.append(_block("aids", "Aides qui ferment bientôt", items))

    public_events = Event.objects.public()
    upcoming = _in_territory(
        _themed(
            public_events.filter(
                start__gte=timezone.now(), start__lte=timezone.now() + timedelta(days=EVENT_HORIZON_DAYS)
            ),
            theme,
        ),
        territory,
    ).order_by("start")[:ITEMS_PER_BLOCK]
    items = [_item(e.title, _url(e.get_absolute_url()), _date(e.start), e.summary) for e in upcoming]
    if items:
        blocks.append(_block("events", "Prochains rendez-vous", items))

    replays = _in_territory(
        _themed(public_events.filter(end__gte=start, end__lt=end).exclude(replay_url=""), theme), territory
    ).order_by("-start")[:ITEMS_PER_BLOCK]
    items = [_item(e.title, _url(e.get_absolute_url()), f"Replay — {_date(e.start)}") for e in replays]
    if items:
        blocks.append(_block("replays", "Replays et comptes rendus", items))

    # Network questions are for members (none is visible to a visitor): a members-only block,
    # hidden from the public archive and from the e-mail of the letter's non-member subscribers.
    answered = Answer.objects.filter(
        state=QuestionState.PUBLISHED, created_at__gte=start, created_at__lt=end
    ).values("question_id")
    questions = _in_territory(
        _themed(Question.objects.published().network().filter(pk__in=answered), theme),
        territory,
    ).order_by("-created_at")[:ITEMS_PER_BLOCK]
    items = [_item(q.title, _url(q.get_absolute_url()), f"{q.answer_count} réponse(s)") for q in questions]
    if items:
        blocks.append(_block("questions", "Questions qui ont trouvé réponse", items, members_only=True))

    consultations = (
        Consultation.objects.filter(is_published=True)
        .exclude(audience="group")
        .filter(
            Q(opens_on__gte=start.date(), opens_on__lt=end.date())
            | Q(closes_on__gte=today, closes_on__lte=today + timedelta(days=30))
        )
        .order_by("closes_on")[:ITEMS_PER_BLOCK]
    )
    items = [
        _item(
            c.title,
            _url(c.get_absolute_url()),
            f"Ouverte du {_date(c.opens_on)} au {_date(c.closes_on)}",
        )
        for c in consultations
    ]
    if items:
        blocks.append(_block("consultations", "Consultations en cours", items, members_only=True))

    organisations = _themed(
        Organisation.objects.filter(
            status=OrganisationStatus.ACTIVE, created_at__gte=start, created_at__lt=end
        ),
        theme,
    )
    if territory is not None:
        organisations = organisations.filter(Q(region=territory) | Q(departement=territory))
    new_count = organisations.count()
    people = Person.objects.filter(created_at__gte=start, created_at__lt=end).count()
    items = [
        _item(o.name, _url(o.get_absolute_url()), o.get_type_display())
        for o in organisations.order_by("name")[:ITEMS_PER_BLOCK]
    ]
    if items or people:
        text = f"{new_count} organisation(s) et {people} personne(s) ont rejoint le réseau."
        blocks.append(_block("members", "Bienvenue aux nouveaux membres", items, text=text))
    return blocks


def text_block(*, title: str, text: str) -> dict:
    return _block("text", title, [], text=text)


def edition_title(*, theme=None, territory=None, when=None) -> str:
    from django.utils.formats import date_format

    when = when or timezone.localdate()
    title = f"La lettre de {date_format(when, 'F Y')}"
    if theme is not None:
        title += f" — {theme.name}"
    if territory is not None:
        title += f" — {territory.name}"
    return title
