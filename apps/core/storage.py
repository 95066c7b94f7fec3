"""Kept for the migrations that reference apps.core.storage.private_storage (same function).
New code: apps.core.files."""

from apps.core.files import private_storage

__all__ = ["private_storage"]
