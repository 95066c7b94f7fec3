"""What other apps do when a person leaves a group (or is removed from it), and what they show on
a group's page, without signals (docs/architecture.md).

`groups` sits below the apps whose content lives in a group (events, questions, consultations…):
it imports none of them. Each of these apps registers, from its `AppConfig.ready()`, a function
called by `apps.groups.services.group_leave` inside its transaction, after the membership is
deleted: forget the notifications about the group's content, revoke registrations to its events…

    # apps/questions/apps.py
    def ready(self):
        from apps.groups.hooks import register_member_leaving
        from apps.questions.services import group_member_forget

        register_member_leaving(group_member_forget)

A content section of the group page is a function `(*, request, group) -> str` returning HTML
rendered by `render_to_string` ("" when there is nothing to show; a plain string is escaped), registered with `register_content_section`; it is called
only for those who may read the group's content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Called as hook(group=group, user=user).
MemberLeavingHook = Callable[..., Any]

_MEMBER_LEAVING: list[MemberLeavingHook] = []


def register_member_leaving(hook: MemberLeavingHook) -> MemberLeavingHook:
    """Call `hook(group=…, user=…)` whenever someone leaves a group. Registering twice (a second
    `ready()` in tests) keeps one entry. Returns the hook, so it can decorate a function."""
    if hook not in _MEMBER_LEAVING:
        _MEMBER_LEAVING.append(hook)
    return hook


def unregister_member_leaving(hook: MemberLeavingHook) -> None:
    if hook in _MEMBER_LEAVING:
        _MEMBER_LEAVING.remove(hook)


def member_leaving_hooks() -> tuple[MemberLeavingHook, ...]:
    return tuple(_MEMBER_LEAVING)


def member_leaving_run(*, group, user) -> None:
    """Run every registered hook, in registration order (INSTALLED_APPS order)."""
    for hook in _MEMBER_LEAVING:
        hook(group=group, user=user)


# Called as section(request=request, group=group) -> rendered HTML, "" for nothing.
ContentSection = Callable[..., str]

_CONTENT_SECTIONS: list[ContentSection] = []


def register_content_section(section: ContentSection) -> ContentSection:
    if section not in _CONTENT_SECTIONS:
        _CONTENT_SECTIONS.append(section)
    return section


def unregister_content_section(section: ContentSection) -> None:
    if section in _CONTENT_SECTIONS:
        _CONTENT_SECTIONS.remove(section)


def content_sections(*, request, group) -> list[str]:
    """The non-empty sections of the group page, in registration order."""
    return [html for section in _CONTENT_SECTIONS if (html := section(request=request, group=group))]
