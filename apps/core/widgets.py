"""Form widgets shared by every app (docs/core.md).

- `UploadInput`: the DSFR upload component (`fr-upload-group`) for every file field, with the
  formats and size of the field's `UploadPolicy` as its hint and `accept` attribute.
- `MarkdownTextarea`: a textarea that static/maillage/js/markdown-editor.js turns into a Markdown
  editor (GitHub's markdown-toolbar-element acting on the native textarea, preview rendered
  by the server's sanitiser); a plain textarea
  without JavaScript. The core `formfield` callback gives it to every model text field whose
  help text mentions Markdown.
- `SearchableSelectMultiple`: a `<select multiple>` that static/maillage/js/multiselect.js turns
  into a searchable list with removable tags (Tom Select); the plain, accessible select without
  JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from django.utils.datastructures import MultiValueDict

    from apps.core.files import UploadPolicy


class UploadInput(forms.ClearableFileInput):
    """The DSFR upload component. `policy` (apps.core.files.UploadPolicy) sets `accept`."""

    # In the app (not the project templates): found by every form renderer.
    template_name = "core/widgets/upload.html"
    group_class = "fr-upload-group"
    clear_checkbox_label = "Supprimer le fichier actuel"
    initial_text = "Fichier actuel"
    input_text = "Remplacer"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        policy: UploadPolicy | None = None,
        multiple: bool = False,
    ) -> None:
        attrs = {"class": "fr-upload", **(attrs or {})}
        accept: str = getattr(policy, "accept", "") if policy is not None else ""
        if accept:
            attrs.setdefault("accept", accept)
        self.allow_multiple_selected = multiple
        if multiple:
            attrs["multiple"] = True
        super().__init__(attrs)

    def value_from_datadict(self, data: Mapping[str, Any], files: MultiValueDict[str, Any], name: str) -> Any:
        if self.allow_multiple_selected:
            return files.getlist(name)
        return super().value_from_datadict(data, files, name)


# The browser's date picker: the value is written the way it reads it (ISO). Fields copy their
# widget, so one instance serves every form.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MarkdownTextarea(forms.Textarea):
    """The textarea, then a link to the image upload page (a new window, so that the text being
    written is not lost): without JavaScript, one uploads there and pastes the line it gives; with
    it, the link becomes the toolbar's "Image" button (its address and hints are read from it)."""

    template_name = "core/widgets/markdown.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"rows": 10, "data-markdown-editor": "", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        from apps.core.models import IMAGE_POLICY

        context = super().get_context(name, value, attrs)
        # Strings: a policy is callable (a validator), and templates call what is callable.
        context["image_accept"] = IMAGE_POLICY.accept
        context["image_help"] = IMAGE_POLICY.help_text
        return context


class SearchableSelectMultiple(forms.SelectMultiple):
    """`search_url` (may be lazy): the choices are searched on the server as one types (JSON
    `{"results": [{"value", "text", "search"}], "page", "more"}`, page after page), for lists too
    long to search in the page (the directory's organisations). The select still holds every
    choice: without JavaScript it is the plain, labelled select."""

    def __init__(
        self, attrs: dict[str, Any] | None = None, choices: Iterable[Any] = (), *, search_url: Any = None
    ) -> None:
        attrs = {"data-searchable-select": "", **(attrs or {})}
        if search_url is not None:
            attrs["data-search-url"] = search_url
        super().__init__(attrs, choices)
