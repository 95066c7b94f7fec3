"""One filter component for every list (directory, experiences, agenda, aids, questions).

A list's filters are a GET form subclassing `FilterForm`; the template shows it with
`{% filter_panel form action=… target=… label=… %}` (templates/includes/filter_panel.html):

- the same markup everywhere: a `<details>` panel titled with the number of active filters,
  the form's fields as DSFR field groups, « Filtrer » and « Effacer les filtres »;
- without JavaScript it is a plain GET form (the panel opens with a click);
- with JavaScript (static/maillage/js/filters.js) the panel is open on screens from 48em, htmx
  swaps the results into `#target` and pushes a short URL (empty fields dropped), and a search
  field filters as one types;
- on phones the panel is collapsed to one line: the results start in the first screen.

A filter form never blocks the page: invalid values are reported on their field and ignored.

Lists are hot pages (issue 16: p50 ≤ 15 ms server time). Their filters cost nothing per option:
`FastSelect` joins the `<option>`s in Python instead of one template include per option (for
cached choices, once per generation and selected value), and a
`CachedModelChoiceField` (themes, régions, départements…) reads its choices from a per-process
copy computed once per *generation* (`filter_choices_changed()` starts a new one; the copy also
expires after `CHOICES_TTL` seconds, for writes that do not go through a service). Validation is
unchanged: a submitted value is still looked up in the field's queryset.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django import forms
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeString
from dsfr.forms import DsfrBaseForm

# Parameters that arrange the results rather than filter them: not counted as active filters.
NOT_FILTERS = frozenset({"tri", "vue", "page", "ordre"})


class FastSelect(forms.Select):
    """A <select> whose options are joined in Python, not rendered through one template include (and
    one option dictionary) per option: a list renders up to 150 options on every request. Same HTML
    as Django's Select (tests/core/test_filter_choices.py)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        from django.forms.utils import flatatt
        from django.utils.html import format_html
        from django.utils.safestring import mark_safe

        cached = self.choices if isinstance(self.choices, _CachedChoices) else None
        if cached is None:
            choices = list(self.choices)  # once: a ModelChoiceIterator queries at each iteration
            if self.allow_multiple_selected or any(isinstance(label, (list, tuple)) for _, label in choices):
                return super().render(name, value, attrs, renderer)  # groups, multiple: Django's way
        elif self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        head = format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))
        if cached is None:
            return mark_safe(head + self.options_html(choices, selected) + "</select>")
        # Cached choices (one list per generation): their <option>s are joined once per empty label
        # and selected value, and kept with the list (a new generation drops them with it).
        empty_label = cached.field.empty_label
        key = (None if empty_label is None else str(empty_label), frozenset(selected))
        options = cached.choices.rendered.get(key)
        if options is None:
            options = self.options_html(list(cached), selected)
            if len(cached.choices.rendered) < RENDERED_OPTIONS_SIZE:
                cached.choices.rendered[key] = options
        return mark_safe(head + options + "</select>")

    @staticmethod
    def options_html(choices: list[tuple[Any, Any]], selected: set[str]) -> str:
        from django.utils.html import escape

        parts: list[str] = []
        found = False
        for option_value, label in choices:
            text = "" if option_value is None else str(option_value)
            mark = ""
            if not found and text in selected:
                mark, found = " selected", True
            parts.append(f'<option value="{escape(text)}"{mark}>{escape(label)}</option>')
        return "".join(parts)


# --- Choices computed once -------------------------------------------------------------------------

CHOICES_TTL = 300
CHOICES_GENERATION_KEY = "filters:choices:generation"
# name -> (generation, computed at (monotonic), value). Replaced whole, never mutated.
_choices_memo: dict[str, tuple[str, float, Any]] = {}


def choices_generation() -> str:
    """The current generation of filter choices (one cache read). A missing key (an emptied cache)
    starts a fresh, unique generation: a copy computed before can never be taken for current."""
    generation: str | None = cache.get(CHOICES_GENERATION_KEY)
    if generation is None:
        cache.add(CHOICES_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(CHOICES_GENERATION_KEY) or ""
    return generation


def filter_choices_changed() -> None:
    """Call after writing what filter lists offer (themes, territories): every process recomputes
    its copy at its next request."""
    cache.set(CHOICES_GENERATION_KEY, uuid.uuid4().hex, None)


def cached_value[T](name: str, build: Callable[[], T], *, generation: str | None = None) -> T:
    """`build()` once per generation (and at most every CHOICES_TTL seconds) in this process: for
    what filters and facets show that changes with themes or territories (choices, labels). The
    value is shared: never mutate it."""
    generation = choices_generation() if generation is None else generation
    entry = _choices_memo.get(name)
    now = time.monotonic()
    if entry is not None and entry[0] == generation and now - entry[1] < CHOICES_TTL:
        memoised: T = entry[2]
        return memoised
    value = build()
    _choices_memo[name] = (generation, now, value)
    return value


def cached_choices(
    name: str, build: Callable[[], list[tuple[Any, Any]]], *, generation: str | None = None
) -> ChoiceList:
    """Choices (value, label) of a filter, as strings, computed once per generation."""
    return cached_value(
        name, lambda: ChoiceList((str(value), str(label)) for value, label in build()), generation=generation
    )


# Rendered <option>s kept per list of cached choices: one per selected value (and empty label), at most.
RENDERED_OPTIONS_SIZE = 512


class ChoiceList(list[tuple[str, str]]):
    """Cached choices, with the <option>s `FastSelect` joined from them, by (empty label, selected
    values): computed with the list, dropped with it."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.rendered: dict[tuple[str | None, frozenset[str]], str] = {}


class _CachedChoices(BaseChoiceIterator):
    """The widget's choices: the empty choice as the field says at render time (a form may change
    `empty_label` after __init__), then the cached options. A BaseChoiceIterator, so that the
    widget keeps it as it is instead of copying it into a list."""

    def __init__(self, field: forms.ModelChoiceField, choices: ChoiceList) -> None:
        self.field, self.choices = field, choices

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.choices

    def __len__(self) -> int:
        return len(self.choices) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return True


class CachedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField of a filter form whose options are computed once (see above), rendered
    by `FastSelect`. The queryset must not depend on the user (themes, territories, types)."""

    widget = FastSelect

    def build_choices(self) -> list[tuple[str, str]]:
        key = self.to_field_name or "pk"
        assert self.queryset is not None  # a filter field always has one
        return [(getattr(obj, key), self.label_from_instance(obj)) for obj in self.queryset]


def filtered_by[QS: QuerySet[Any]](qs: QS, filters: Mapping[str, Any], lookups: Mapping[str, str]) -> QS:
    """`qs` narrowed by each of `filters` (a FilterForm's `filters()`) that has a value, one
    `.filter()` each: `lookups` maps a filter's name to its lookup, `{"thematique": "themes"}`."""
    for name, lookup in lookups.items():
        if value := filters.get(name):
            qs = qs.filter(**{lookup: value})
    return qs


class FilterForm(DsfrBaseForm):
    """Base of every list filter form (GET)."""

    use_required_attribute = False
    not_filters: frozenset[str] = NOT_FILTERS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cached = [(name, f) for name, f in self.fields.items() if isinstance(f, CachedModelChoiceField)]
        if cached:
            generation = choices_generation()
            prefix = f"{type(self).__module__}.{type(self).__qualname__}"
            for name, field in cached:
                choices = cached_choices(f"{prefix}.{name}", field.build_choices, generation=generation)
                field.widget.choices = _CachedChoices(field, choices)

    def filters(self) -> dict:
        """Valid, non-empty values, by field name."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value not in (None, "", [], ()) and value is not False
        }

    @property
    def active_count(self) -> int:
        return len([name for name in self.filters() if name not in self.not_filters])

    def kept_params(self) -> list[str]:
        """Names of the fields that arrange the results (kept by « Effacer les filtres »)."""
        return [name for name in self.fields if name in self.not_filters]


def choices_filter_form(
    data: Mapping[str, Any] | None,
    *,
    fields: list[tuple[str, str, list[tuple[str, str]]]],
    text: tuple[str, str] | None = ("q", "Mots-clés"),
    kept: tuple[str, ...] = (),
) -> FilterForm:
    """A filter form built from lists of choices (search facets with their counts): `fields` are
    (parameter, label, [(value, label)]); `text` the free-text field, if any; `kept` parameters
    that arrange the results (a sort order) carried as hidden fields."""
    from django import forms

    declared: dict[str, forms.Field] = {}
    if text:
        declared[text[0]] = forms.CharField(
            label=text[1], required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
        )
    for param, label, choices in fields:
        declared[param] = forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", "Tout"), *choices],
            error_messages={
                "invalid_choice": "Ce choix n'existe pas ou plus : choisissez-en un dans la liste."
            },
        )
    for param in kept:
        declared[param] = forms.CharField(required=False, widget=forms.HiddenInput)
    form_class = type(
        "ChoicesFilterForm", (FilterForm,), {**declared, "not_filters": NOT_FILTERS | set(kept)}
    )
    form: FilterForm = form_class(data)
    return form
