"""The home page is made of blocks. `core` draws the page; the apps that know the content
(events, experiences, the directory…) register the blocks, so that `core` imports no domain app.
Animators choose which blocks show and in which order (`NetworkSettings.home_blocks`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeBlock:
    key: str
    label: str  # in the settings form
    template: str
    # The block's context; None hides the block (nothing to show, e.g. no upcoming event).
    context: Callable[[HttpRequest], dict | None]
    position: int = 100  # default order
    default: bool = True  # shown until animators choose otherwise


_BLOCKS: dict[str, HomeBlock] = {}


def register_home_block(block: HomeBlock) -> None:
    _BLOCKS[block.key] = block


def registered_blocks() -> list[HomeBlock]:
    return sorted(_BLOCKS.values(), key=lambda b: (b.position, b.key))


def chosen_blocks(keys: tuple[str, ...] | None) -> list[HomeBlock]:
    """The blocks to draw: the animators' choice (unknown keys skipped), else the defaults."""
    if keys is None:
        return [b for b in registered_blocks() if b.default]
    return [_BLOCKS[key] for key in keys if key in _BLOCKS]


def render_blocks(request: HttpRequest, keys: tuple[str, ...] | None) -> list[tuple[HomeBlock, dict]]:
    rendered = []
    for block in chosen_blocks(keys):
        context = block.context(request)
        if context is not None:
            rendered.append((block, context))
    return rendered
