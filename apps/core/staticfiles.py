"""Static files storage for production (`collectstatic`).

django-dsfr prints `integrity="sha384-…"` attributes computed on its files as shipped. Django's
manifest storage rewrites every `url()` of a CSS file (and `sourceMappingURL` comments of a JS
file) to point at hashed names, which changes the bytes the browser receives: the hash no longer
matches and Chromium refuses the stylesheet (every page unstyled). The DSFR's files are therefore
copied byte for byte (still under a hashed name, still compressed by whitenoise); their relative
references (`../fonts/…`, `../icons/…`) resolve to the unhashed copies that collectstatic also
keeps in STATIC_ROOT.

Each `{% static %}` of a page asked the manifest storage again (name normalised, looked up in the
manifest, URL joined and quoted: ~20 times per page, ~7 % of a list page's CPU, issue 16). The
manifest is read once when the process starts and never changes while it runs, so the storage
keeps each URL it resolved (outside DEBUG, where URLs are the unhashed names, and never during
`collectstatic`, which rebuilds the manifest).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import apps as staticfiles_apps
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Files whose integrity hash is pinned by a third-party template: never rewrite their content.
PINNED_PREFIXES = ("dsfr/dist/",)


# Names a template asks for are few (a few dozen); the bound only guards against a name built from
# request data someday.
URL_MEMO_SIZE = 1024


class MaillageStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._url_memo: dict[str, str] = {}

    def url(self, name: str, force: bool = False) -> str:
        """The hashed URL of `name`, resolved once per process (see the module's docstring)."""
        if force or settings.DEBUG:
            return str(super().url(name, force))
        try:
            return self._url_memo[name]
        except (KeyError, TypeError):
            pass
        url = str(super().url(name, force))
        if isinstance(name, str) and len(self._url_memo) < URL_MEMO_SIZE:
            self._url_memo[name] = url
        return url

    def post_process(self, *args: Any, **kwargs: Any) -> Any:
        """`collectstatic`: the manifest is rebuilt, forget the URLs resolved with the old one."""
        self._url_memo = {}
        yield from super().post_process(*args, **kwargs)
        self._url_memo = {}

    def url_converter(
        self, name: str, hashed_files: dict[str, Any], template: str | None = None, ignored_blocks: Any = None
    ) -> Callable[[re.Match[str]], str]:
        if name.replace("\\", "/").startswith(PINNED_PREFIXES):

            def unchanged(matchobj: re.Match[str]) -> str:
                return matchobj.group(0)

            return unchanged
        converter: Callable[[re.Match[str]], str] = super().url_converter(
            name, hashed_files, template, ignored_blocks
        )
        return converter


class StaticFilesConfig(staticfiles_apps.StaticFilesConfig):
    """`django.contrib.staticfiles`, minus the DSFR distribution's files no page loads: the
    per-component, core, layout, scheme, legacy and analytics builds and the copies at the root
    of `dist/` (django-dsfr loads `dist/dsfr/`, `dist/utility/utility.min.css`, which reach
    `dist/icons/`, `dist/fonts/`, `dist/artwork/`, and `dist/favicon/`). A quarter fewer files
    to hash, copy and compress at each `collectstatic`; the production-like browser check fails
    on any static request that goes missing."""

    ignore_patterns = [
        *staticfiles_apps.StaticFilesConfig.ignore_patterns,
        *(
            f"dsfr/dist/{part}"
            for part in (
                "component/*",
                "core/*",
                "layout/*",
                "scheme/*",
                "legacy/*",
                "analytics/*",
                "utility/*/*",
                "dsfr.*",
                "README.md",
            )
        ),
    ]
