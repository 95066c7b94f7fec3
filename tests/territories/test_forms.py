import pytest
from dsfr.forms import DsfrBaseForm

from apps.territories.forms import ProjectTerritoryForm, TerritoryChoiceField
from apps.territories.models import Kind
from tests.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = pytest.mark.django_db


class PlaceForm(DsfrBaseForm):
    territoire = TerritoryChoiceField(kinds=[Kind.MUNICIPALITY, Kind.EPCI], label="Territoire")


class OptionalPlaceForm(DsfrBaseForm):
    territoire = TerritoryChoiceField(required=False, label="Territoire")


@pytest.fixture
def places():
    dep05 = DepartementFactory(code="05", name="Hautes-Alpes")
    dep32 = DepartementFactory(code="32", name="Gers")
    epci05 = EpciFactory(departement=dep05, code="200067452", name="CC du Guillestrois")
    epci32 = EpciFactory(departement=dep32, name="CC Bastides de Lomagne")
    return {
        "martin05": CommuneFactory(code="05156", name="Saint-Martin", epci=epci05, postcodes="05200"),
        "martin32": CommuneFactory(code="32386", name="Saint-Martin", epci=epci32, postcodes="32300"),
        "embrun": CommuneFactory(code="05046", name="Embrun", epci=epci05, postcodes="05200"),
        "auch": CommuneFactory(code="32013", name="Auch", epci=epci32, postcodes="32000"),
        "epci05": epci05,
        "dep05": dep05,
    }


def clean(value, form_class=PlaceForm, pk=""):
    form = form_class(data={"territoire": value, "territoire_id": pk})
    return form, form.is_valid()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("32013", "auch"),  # INSEE code
        ("32000", "auch"),  # postcode
        ("Auch", "auch"),  # exact name
        ("auch", "auch"),
        ("Saint-Martin (05)", "martin05"),  # name and département
        ("saint martin (32)", "martin32"),
        ("200067452", "epci05"),  # SIREN of an EPCI
    ],
)
def test_without_javascript_the_server_resolves_what_was_typed(places, typed, expected):
    form, valid = clean(typed)
    assert valid, form.errors
    assert form.cleaned_data["territoire"] == places[expected]


def test_ambiguous_name_lists_the_candidates(places):
    form, valid = clean("Saint-Martin")
    assert not valid
    message = form.errors["territoire"][0]
    assert "Plusieurs territoires correspondent à « Saint-Martin »" in message
    assert "code 05156" in message and "code 32386" in message


def test_ambiguous_postcode_lists_the_communes(places):
    form, valid = clean("05200")
    assert not valid
    assert "Embrun" in form.errors["territoire"][0] and "Saint-Martin" in form.errors["territoire"][0]


def test_unknown_value_is_a_clear_error(places):
    form, valid = clean("Atlantide")
    assert not valid
    assert "Aucun territoire ne correspond à « Atlantide »" in form.errors["territoire"][0]


def test_kinds_are_enforced(places):
    # A département is not a commune or an EPCI.
    form, valid = clean("05")
    assert not valid
    form, valid = clean("05", form_class=OptionalPlaceForm)
    assert valid and form.cleaned_data["territoire"] == places["dep05"]


def test_picked_id_wins_while_the_text_matches(places):
    martin = places["martin32"]
    form, valid = clean(martin.label, pk=str(martin.pk))
    assert valid and form.cleaned_data["territoire"] == martin
    # The person typed something else after picking: the text decides.
    form, valid = clean("Auch", pk=str(martin.pk))
    assert valid and form.cleaned_data["territoire"] == places["auch"]


def test_required_and_optional(places):
    form, valid = clean("")
    assert not valid and "territoire" in form.errors
    form, valid = clean("", form_class=OptionalPlaceForm)
    assert valid and form.cleaned_data["territoire"] is None


def test_widget_renders_a_text_input_with_the_current_label(places):
    form = PlaceForm(initial={"territoire": places["auch"]})
    html = str(form["territoire"])
    assert 'value="Auch (32)"' in html
    assert 'name="territoire_id"' in html and f'value="{places["auch"].pk}"' in html
    assert "data-territory-picker" in html and "/territoires/autocomplete/" in html
    assert "<option" not in html  # never the whole list of communes


def test_project_form_resolves_members_line_by_line(places):
    form = ProjectTerritoryForm(
        data={
            "name": "Pays des Saint-Martin",
            "project_kind": "petr",
            "members_text": "05156 Saint-Martin (05)\n\n32000\nAtlantide\nSaint-Martin",
            "add_member": "",
        }
    )
    assert not form.is_valid()
    errors = form.errors["members_text"]
    assert len(errors) == 2
    assert errors[0].startswith("Ligne 4 :") and errors[1].startswith("Ligne 5 :")

    form = ProjectTerritoryForm(
        data={
            "name": "Pays des Saint-Martin",
            "project_kind": "petr",
            "members_text": "05156 Saint-Martin (05)\n32000",
            "add_member": "200067452",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["members"] == [places["martin05"], places["auch"], places["epci05"]]
