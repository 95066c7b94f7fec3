"""Who may do what with workshop days. Used by views, templates and tests.

A draft day exists only for the animation team: anyone else gets a 404 (apps.core.access), a
logged-out visitor the login page. A published day is read by every member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member
from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.workshops.models import WorkshopAtelier, WorkshopBookletFile, WorkshopDay, WorkshopOrganiser


__all__ = ["is_animator", "is_member"]


def can_create_day(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_day(user: AnyUser, day: WorkshopDay) -> bool:
    return is_animator(user) or (is_member(user) and day.is_published)


def can_manage_day(user: AnyUser, day: WorkshopDay) -> bool:
    """Edit the day, its ateliers, tables, questions, participants, proposals, figures, booklet."""
    return is_animator(user)


def can_view_participants(user: AnyUser, day: WorkshopDay) -> bool:
    """Names of participants are personal data: the animation team only."""
    return is_animator(user)


def can_vote(user: AnyUser, atelier: WorkshopAtelier) -> bool:
    return atelier.voting_open and can_view_day(user, atelier.day)


def can_read_logo(user: AnyUser, organiser: WorkshopOrganiser) -> bool:
    return can_view_day(user, organiser.day)


def can_read_booklet_file(user: AnyUser, booklet_file: WorkshopBookletFile) -> bool:
    return can_view_day(user, booklet_file.day)


FILES = [
    PrivateFile("workshops.WorkshopOrganiser", "logo", can_read=can_read_logo, inline=True),
    PrivateFile("workshops.WorkshopBookletFile", "file", can_read=can_read_booklet_file),
]
