"""Demo peer groups of the pilot-territories programme (Territoires pilotes), one per category of
actors, plus a working group. Idempotent: keyed on the slug; demo people get a member account
(without a usable password) so that they can belong to groups and be experts."""

from apps.accounts.models import Role, User
from apps.directory import demo_data
from apps.directory.models import Person, PersonCategory
from apps.groups.models import Access, Group, GroupKind, GroupMembership
from apps.themes.models import Theme

DEMO_DOMAIN = "demo.maillage.test"

GROUPS = [
    (
        "elus-territoires-pilotes",
        "Élu·es des territoires pilotes",
        GroupKind.CATEGORY,
        PersonCategory.ELU,
        Access.REQUEST,
        "Entre élu·es du parcours Territoires pilotes : porter la transition devant son conseil, "
        "arbitrer, convaincre. Ce qui se dit ici reste entre élu·es.",
    ),
    (
        "agents-territoires-pilotes",
        "Agent·es des territoires pilotes",
        GroupKind.CATEGORY,
        PersonCategory.AGENT,
        Access.REQUEST,
        "Chargé·es de mission et technicien·nes : co-développement entre pairs, outils, cahiers des charges.",
    ),
    (
        "partenaires-territoires-pilotes",
        "Partenaires des territoires pilotes",
        GroupKind.CATEGORY,
        PersonCategory.PARTENAIRE,
        Access.REQUEST,
        "Associations, bureaux d'études, agences : coordonner les accompagnements des territoires.",
    ),
    (
        "services-etat-territoires-pilotes",
        "Services de l'État — territoires pilotes",
        GroupKind.CATEGORY,
        PersonCategory.ETAT,
        Access.CLOSED,
        "Préfectures, DDT, DREAL, opérateurs : harmoniser les réponses sur les CRTE et le Fonds vert.",
    ),
    (
        "sous-commission-crte-fonds-vert",
        "Sous-commission CRTE et Fonds vert",
        GroupKind.TOPIC,
        "",
        Access.OPEN,
        "Groupe de travail ouvert : construire la FAQ CRTE / Fonds vert avec le COPIL et l'équipe COMETE.",
    ),
]


def demo_user_for(person: Person) -> User | None:
    if person.user_id:
        return person.user
    if not person.email.endswith(f"@{DEMO_DOMAIN}"):
        return None
    # The demo logins (membre@, animateur@…) exist only when the directory demo creates them
    # (DEBUG or MAILLAGE_DEMO_LOGINS): never create those addresses here.
    if person.email in {login.email for login in demo_data.LOGINS}:
        return None
    user = User.objects.filter(email=person.email).first()
    if user is None:
        user = User(email=person.email, username=person.email, role=Role.MEMBER)
        user.first_name, user.last_name = person.first_name, person.last_name
        user.set_unusable_password()
        user.save()
    person.user = user
    person.save(update_fields=["user"])
    return user


def load(*, stdout) -> None:
    count = members = 0
    for slug, name, kind, category, access, description in GROUPS:
        group = Group.objects.filter(slug=slug).first() or Group(slug=slug)
        group.name, group.kind, group.category, group.access, group.description = (
            name,
            kind,
            category,
            access,
            description,
        )
        group.save()
        if slug == "sous-commission-crte-fonds-vert":
            group.themes.set(Theme.objects.filter(slug__in=["financement", "gouvernance-cooperation"]))
        count += 1
        people = Person.objects.filter(is_removed=False, email__endswith=f"@{DEMO_DOMAIN}")
        if category:
            people = people.filter(category=category)
        else:
            people = people.filter(themes__slug="financement").distinct()
        for index, person in enumerate(people.order_by("slug")):
            user = demo_user_for(person)
            if user is None:
                continue
            _, created = GroupMembership.objects.get_or_create(
                group=group,
                user=user,
                defaults={
                    "status": GroupMembership.Status.ACTIVE,
                    # The network's own animator leads the groups they belong to; else the first person.
                    "role": GroupMembership.Role.ANIMATOR
                    if user.role == Role.ANIMATOR or index == 0
                    else GroupMembership.Role.MEMBER,
                },
            )
            members += created
    stdout.write(f"Groupes de démonstration : {count} groupes, {members} nouveaux membres.")
