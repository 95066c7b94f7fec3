from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """Files that must only leave through a view that checks permissions. Kept outside
    MEDIA_ROOT, because /media/ is served as-is (by the reverse proxy in production)."""
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT).parent / "private", base_url=None)
