"""Territory picker: a form field any app can use, and the forms of the territoires de projet.

Usage of the field
------------------

    from apps.territories.forms import TerritoryChoiceField
    from apps.territories.models import Kind

    class MyForm(DsfrBaseForm):
        territoire = TerritoryChoiceField(
            kinds=[Kind.MUNICIPALITY, Kind.EPCI],   # None: every kind
            required=False,
            label="Territoire",
        )

    form.cleaned_data["territoire"]  # a Territory, or None

- It is a `ModelChoiceField` over current territories of `kinds`; `initial` may be a Territory
  or its primary key. It never renders the 35 000 communes: the widget is a text input.
- With JavaScript (`static/maillage/js/territory-picker.js`, loaded by the widget through
  `form.media` — add `{{ form.media }}` to your page, or rely on the script tag the widget
  renders itself), the input becomes an ARIA combobox fed by `territories:autocomplete`; a
  chosen suggestion fills a hidden `<name>_id` input with the primary key.
- Without JavaScript, the person types an INSEE code, a SIREN, a postcode, an exact name or
  "Name (département)" and the field resolves it on the server. Unknown or ambiguous input gets
  a French error that lists the candidates.
- In GET filter forms, the query string carries `<name>=<text>&<name>_id=<pk>`; a link may
  also pass only `<name>=<INSEE code>` (e.g. `?territoire=74010`).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from dsfr.forms import DsfrBaseForm

from apps.core.forms import textarea_field
from apps.core.french import normalize
from apps.territories.models import Kind, ProjectKind, Territory
from apps.territories.selectors import territory_resolve

MAX_CANDIDATES = 8


class TerritoryPickerWidget(forms.TextInput):
    """A text input (plus a hidden primary key) that territory-picker.js turns into a combobox."""

    template_name = "territories/widgets/territory_picker.html"

    class Media:
        js = ["maillage/js/territory-picker.js"]

    def __init__(self, attrs=None, kinds=None):
        super().__init__(attrs)
        self.kinds = list(kinds or [])

    def value_from_datadict(self, data, files, name):
        return {"text": data.get(name, ""), "id": data.get(f"{name}_id", "")}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_id" not in data

    def get_context(self, name, value, attrs):
        text, pk = "", ""
        if isinstance(value, dict):
            text, pk = value.get("text") or "", value.get("id") or ""
        elif isinstance(value, Territory):
            text, pk = value.label, value.pk
        elif value not in (None, ""):
            territory = Territory.objects.filter(pk=value).select_related("departement").first()
            if territory:
                text, pk = territory.label, territory.pk
        context = super().get_context(name, text, attrs)
        context["widget"].update(
            {
                "pk": pk,
                "url": reverse("territories:autocomplete"),
                "kinds": ",".join(self.kinds),
                "listbox_id": f"{context['widget']['attrs'].get('id', name)}-listbox",
            }
        )
        return context


class TerritoryChoiceField(forms.ModelChoiceField):
    widget = TerritoryPickerWidget
    default_error_messages = {
        "invalid_choice": "Ce territoire n'existe pas ou plus : choisissez-en un dans la liste des suggestions.",
        "unknown": (
            "Aucun territoire ne correspond à « %(value)s ». Saisissez un code INSEE, un code postal, "
            "un numéro SIREN ou le nom exact (par exemple « Annecy (74) »)."
        ),
        "ambiguous": (
            "Plusieurs territoires correspondent à « %(value)s » : %(candidates)s. Précisez en saisissant "
            "le code INSEE (ou SIREN pour un EPCI), ou le nom suivi du département entre parenthèses."
        ),
    }

    def __init__(self, *, kinds=None, queryset=None, **kwargs):
        self.kinds = [str(kind) for kind in (kinds or [])]
        custom_queryset = queryset is not None
        if queryset is None:
            queryset = Territory.objects.filter(is_current=True)
            if self.kinds:
                queryset = queryset.filter(kind__in=self.kinds)
        kwargs.setdefault("widget", TerritoryPickerWidget(kinds=self.kinds))
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset=queryset, **kwargs)
        self.custom_queryset = custom_queryset

    def prepare_value(self, value):
        if isinstance(value, Territory):
            return value
        return super().prepare_value(value)

    def to_python(self, value):
        if not isinstance(value, dict):
            if isinstance(value, Territory):
                return value
            if value in self.empty_values:
                return None
            # A plain value (query string, programmatic data): a code first, then a primary key.
            return self._resolve(str(value), allow_pk=True)
        text = (value.get("text") or "").strip()
        pk = (value.get("id") or "").strip()
        if pk.isdigit():
            territory = self.queryset.filter(pk=pk).select_related("departement").first()
            # The hidden key only counts while the text still shows that territory.
            if territory and (
                not text or normalize(text) in {normalize(territory.label), territory.search_name}
            ):
                return territory
        if not text:
            return None
        return self._resolve(text)

    def _resolve(self, text: str, *, allow_pk: bool = False):
        candidates = territory_resolve(text, kinds=self.kinds or None, limit=MAX_CANDIDATES + 1)
        if self.custom_queryset:
            # territory_resolve applies `kinds` itself; a caller-provided queryset needs a recheck.
            allowed = set(
                self.queryset.filter(pk__in=[c.pk for c in candidates]).values_list("pk", flat=True)
            )
            candidates = [c for c in candidates if c.pk in allowed]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates and allow_pk and text.isdigit():
            territory = self.queryset.filter(pk=text).first()
            if territory:
                return territory
        if not candidates:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": text})
        listed = ", ".join(describe(c) for c in candidates[:MAX_CANDIDATES])
        if len(candidates) > MAX_CANDIDATES:
            listed += "…"
        raise ValidationError(
            self.error_messages["ambiguous"], code="ambiguous", params={"value": text, "candidates": listed}
        )

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_pk = initial.pk if isinstance(initial, Territory) else initial
        data_pk = (data or {}).get("id") if isinstance(data, dict) else data
        return str(initial_pk or "") != str(data_pk or "")


def describe(territory: Territory) -> str:
    """ "Paris (75) — commune, code 75056": enough to tell homonyms apart."""
    return f"{territory.label} — {territory.get_kind_display().lower()}, code {territory.code}"


# --- Territoires de projet ----------------------------------------------------------------------


class ProjectTerritoryForm(DsfrBaseForm):
    name = forms.CharField(label="Nom", max_length=200)
    project_kind = forms.ChoiceField(label="Type de territoire", choices=ProjectKind.choices)
    description = textarea_field(
        label="Description", required=False, help_text="Texte libre, mise en forme Markdown possible.", rows=4
    )
    members_text = textarea_field(
        label="Communes et EPCI membres",
        required=False,
        help_text=(
            "Un membre par ligne : code INSEE d'une commune, SIREN d'un EPCI, code postal ou nom exact "
            "(par exemple « 74010 », « 200066793 » ou « Annecy (74) »)."
        ),
        rows=8,
    )
    add_member = TerritoryChoiceField(
        kinds=[Kind.MUNICIPALITY, Kind.EPCI],
        required=False,
        label="Ajouter un membre",
        help_text="Commencez à saisir un nom, un code INSEE ou un code postal.",
    )

    def __init__(self, *args, territory: Territory | None = None, **kwargs):
        if territory is not None and "initial" not in kwargs:
            members = territory.members.select_related("departement").order_by("kind", "name")
            kwargs["initial"] = {
                "name": territory.name,
                "project_kind": territory.project_kind,
                "description": territory.description,
                "members_text": "\n".join(f"{m.code} {m.label}" for m in members),
            }
        super().__init__(*args, **kwargs)

    def clean_members_text(self) -> list[Territory]:
        field = TerritoryChoiceField(kinds=[Kind.MUNICIPALITY, Kind.EPCI])
        members, errors = [], []
        for number, line in enumerate(self.cleaned_data["members_text"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            # "74010 Annecy (74)": the edit form writes the code first; the code alone decides.
            first = line.split()[0]
            value = first if first[:1].isdigit() or first[:2].upper() in ("2A", "2B") else line
            try:
                members.append(field.clean({"text": value, "id": ""}))
            except ValidationError as exc:
                errors.append(f"Ligne {number} : {' '.join(exc.messages)}")
        if errors:
            raise ValidationError(errors)
        return members

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            members = list(cleaned.get("members_text") or [])
            if cleaned.get("add_member"):
                members.append(cleaned["add_member"])
            cleaned["members"] = list(dict.fromkeys(members))
        return cleaned


class TerritorySearchForm(DsfrBaseForm):
    q = forms.CharField(label="Rechercher un territoire", required=False, max_length=100)
