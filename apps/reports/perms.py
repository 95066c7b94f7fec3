"""Who may read and write the annual reports: the network's animation team (the report goes to the
funder; members read the published document the team chooses to share)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator
from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.reports.models import ReportFile


def can_view_reports(user: AnyUser) -> bool:
    return is_animator(user)


def can_manage_reports(user: AnyUser) -> bool:
    return is_animator(user)


def can_read_report_file(user: AnyUser, report_file: ReportFile) -> bool:
    return can_view_reports(user)


FILES = [PrivateFile("reports.ReportFile", "file", can_read=can_read_report_file)]
