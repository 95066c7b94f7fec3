"""`aid_save` takes data (what AidForm.aid_data() returns), never a form: every writer can call it."""

import pytest

from apps.aids import services
from apps.aids.models import Aid
from tests.aids.factories import AidFactory
from tests.factories import OrganisationFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_aid_save_creates_from_data_with_its_relations():
    user = UserFactory(animator=True)
    theme = ThemeFactory(name="Rénovation énergétique")
    funder = OrganisationFactory()
    aid = services.aid_save(
        user=user,
        data={
            "title": "Isolation des écoles",
            "kind": "grant",
            "status": "published",
            "beneficiaries": ",municipality,",
            "funders": [funder],
            "themes": [theme],
            "recurrence": "permanent",
        },
    )
    aid = Aid.objects.get(pk=aid.pk)
    assert aid.created_by == user and aid.beneficiary_list == ["municipality"]
    assert list(aid.funders.all()) == [funder] and list(aid.themes.all()) == [theme]
    # The search text names the themes, written after the many-to-many rows.
    assert "renovation energetique" in aid.search_text


def test_aid_save_updates_only_what_it_is_given():
    aid = AidFactory(title="Avant", description="Texte gardé")
    theme = ThemeFactory()
    services.aid_save(aid=aid, user=UserFactory(animator=True), data={"title": "Après", "themes": [theme]})
    aid.refresh_from_db()
    assert (aid.title, aid.description) == ("Après", "Texte gardé")
    assert list(aid.themes.all()) == [theme]
