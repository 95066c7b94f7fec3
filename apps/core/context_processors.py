from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest


def network(request: HttpRequest) -> dict[str, Any]:
    from apps.core.network import network_settings

    return {"network": network_settings(request)}


def navigation(request: HttpRequest) -> dict[str, Any]:
    from apps.core.navigation import main_nav

    return {"main_nav": main_nav(request)}
