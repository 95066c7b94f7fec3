"""Signals of the platform's spine: a domain app announces, an app above it reacts (no upward import)."""

from django.dispatch import Signal

# Content that existed unpublished (a draft event, a held question) has just become visible.
# sender: its model; instance: the object; at: the publication time. apps.mailing tells followers.
content_published = Signal()
