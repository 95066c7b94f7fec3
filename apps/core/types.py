"""Types core shares with the apps. Core imports no domain app, so it names the user through
Django's base classes; apps.accounts.perms.AnyUser is the same union with the project's User."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

# Whoever a request comes from: an account or an anonymous visitor.
RequestUser = AbstractBaseUser | AnonymousUser
