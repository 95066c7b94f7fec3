from apps.directory.models import Organisation, Person
from apps.themes.models import Theme


def home_figures(user) -> dict:
    return {
        "organisations": Organisation.objects.active().count(),
        "people": Person.objects.listed().count(),
        "themes": Theme.objects.active().count(),
    }
