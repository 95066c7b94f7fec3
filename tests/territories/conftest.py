import io

import pytest
from django.core.management import call_command

# Two départements of real data: enough for homonyms, EPCI spanning communes, former communes.
DEPARTEMENTS = "74,01"


def load(**options) -> str:
    out = io.StringIO()
    call_command("load_territories", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def cog(db):
    """Régions, départements, and the communes and EPCI of Haute-Savoie and Ain, from the npm data."""
    return load(departements=DEPARTEMENTS)
