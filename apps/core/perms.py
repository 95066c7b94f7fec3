"""Who may read core's own files (apps.core.files.registry reads FILES here like in every app)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.core.files import PrivateFile

if TYPE_CHECKING:
    from apps.core.models import EditorImage
    from apps.core.types import RequestUser


def can_upload_image(user: RequestUser) -> bool:
    """Anyone logged in may insert an image in what they write (the texts themselves say who
    may write them); an anonymous visitor writes nothing with the editor."""
    return bool(user.is_authenticated and user.is_active)


def can_read_image(user: RequestUser, image: EditorImage) -> bool:
    """Without the renderer's signature (apps.core.files.embedded_allows), only its uploader: for
    the editor's preview of a text not saved yet, and their list of images."""
    return bool(user.is_authenticated and image.uploaded_by_id == user.pk)


FILES = [
    PrivateFile(
        "core.EditorImage",
        "file",
        can_read=can_read_image,
        filename=lambda image: image.original_name or f"image-{image.pk}",
        inline=True,
        embedded=True,
    )
]
