"""factory_boy factories shared by every app's tests. Traits name roles and states."""

import factory
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.directory.models import (
    Membership,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    Person,
    PersonCategory,
)
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    role = Role.MEMBER
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide-42")

    class Params:
        animator = factory.Trait(role=Role.ANIMATOR)
        admin = factory.Trait(role=Role.ADMIN, is_staff=True, is_superuser=True)
        unverified = factory.Trait(is_active=False, email_verified_at=None)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thématique {n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("kind", "code")

    kind = Kind.REGION
    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Région {n}")
    latitude = 46.5
    longitude = 2.5


class DepartementFactory(RegionFactory):
    kind = Kind.DEPARTMENT
    code = factory.Sequence(lambda n: f"D{n:02d}")
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class EpciFactory(RegionFactory):
    kind = Kind.EPCI
    code = factory.Sequence(lambda n: f"2{n:08d}")
    name = factory.Sequence(lambda n: f"CC numéro {n}")
    epci_type = "CC"
    departement = factory.SubFactory(DepartementFactory)
    region = factory.SelfAttribute("departement.region")


class CommuneFactory(RegionFactory):
    kind = Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"{10000 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    population = 2500
    epci = factory.SubFactory(EpciFactory)
    departement = factory.SelfAttribute("epci.departement")
    region = factory.SelfAttribute("epci.region")
    latitude = 45.0
    longitude = 3.0


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisation {n}")
    type = OrganisationType.MUNICIPALITY
    status = OrganisationStatus.ACTIVE
    territory = factory.SubFactory(CommuneFactory)
    description = "Une organisation du réseau."

    class Params:
        pending = factory.Trait(status=OrganisationStatus.PENDING)
        association = factory.Trait(type=OrganisationType.ASSOCIATION)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    category = PersonCategory.STAFF
    function = "Chargé·e de mission transition"
    email = factory.Sequence(lambda n: f"contact{n}@exemple.test")
    directory_consent = True
    consent_at = factory.LazyFunction(timezone.now)

    class Params:
        elu = factory.Trait(category=PersonCategory.ELECTED, function="Maire")
        hidden = factory.Trait(directory_consent=False, consent_at=None)
        with_user = factory.Trait(user=factory.SubFactory(UserFactory))

    @factory.post_generation
    def organisation(obj, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(
                person=obj, organisation=extracted, is_referent=kwargs.get("referent", False)
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_referent = False

    class Params:
        referent = factory.Trait(is_referent=True)


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (4, 3)) -> bytes:
    """A real, tiny image: uploads are checked by their content (apps.core.files), not their name."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 145, 110)).save(buffer, format=fmt)
    return buffer.getvalue()
