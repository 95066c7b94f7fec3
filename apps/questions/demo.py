"""Demo questions drawn from the COMETE documents (/work/shared/seeds: roadmap 2023 — "concevoir une
FAQ CRTE / Fonds vert", compensation carbone, ZAN "un vrai sujet"; Territoires pilotes — boucle
locale d'autoconsommation Volte Face à Faverges), experts from the directory's "personne ressource
pour", and a discussion in the élus' peer group. Idempotent: keyed on the title."""

from django.db import transaction

from apps.accounts.models import User
from apps.directory.models import Person
from apps.groups.demo import DEMO_DOMAIN, demo_user_for
from apps.groups.models import Group
from apps.questions import services
from apps.questions.models import Expertise, Question, State
from apps.themes.models import Theme

# (title, body, theme slugs, author email local part or person slug, answers, accepted index, faq, group)
QUESTIONS = [
    (
        "CRTE : quelles actions peut-on encore inscrire après la signature ?",
        "Notre **contrat pour la réussite de la transition écologique** est signé depuis un an. Un nouveau "
        "projet de réseau de chaleur émerge : faut-il un avenant, ou la liste des actions est-elle "
        "révisée chaque année en comité de pilotage ?",
        ["financement", "gouvernance-cooperation"],
        "membre",
        [
            "Chez nous la liste des actions est **revue chaque année** en comité de pilotage avec la "
            "sous-préfecture : pas besoin d'avenant, une fiche action suffit.",
            "Attention : certains financeurs demandent que l'action figure au CRTE avant le dépôt du dossier.",
        ],
        0,
        True,
        "",
    ),
    (
        "Fonds vert : quel calendrier de dépôt pour la rénovation des écoles ?",
        "Nous préparons la rénovation énergétique de deux écoles. Quelles sont les dates de dépôt sur la "
        "plateforme Aides-territoires et quelles pièces la DDT demande-t-elle en premier ?",
        ["financement", "batiment-renovation"],
        "referent",
        [
            "Le dépôt est continu ; la DDT demande d'abord l'audit énergétique et le plan de financement. "
            "Comptez deux à trois mois d'instruction.",
        ],
        0,
        True,
        "",
    ),
    (
        "Boucle locale d'autoconsommation collective : par où commencer ?",
        "Nous aimerions une boucle locale comme Volte Face à Faverges : toitures communales, habitants "
        "consommateurs. Quelle structure porteuse (association, SEM, coopérative) avez-vous choisie ?",
        ["energie"],
        "membre",
        [],
        None,
        False,
        "",
    ),
    (
        "Compensation carbone : des exemples de dispositif local crédible ?",
        "Des entreprises nous proposent de financer des plantations au titre de la compensation. Comment "
        "éviter l'écoblanchiment ? Existe-t-il un label ou une convention type entre collectivité et "
        "entreprises ?",
        ["climat-carbone", "biodiversite"],
        "referent",
        [
            "Le **Label bas-carbone** du ministère encadre les projets : méthodes validées, vérification par un tiers."
        ],
        None,
        False,
        "",
    ),
    (
        "ZAN : comment intégrer la sobriété foncière dans un PLUi déjà engagé ?",
        "Le PLUi est en cours d'élaboration depuis 2021. Comment prendre en compte la trajectoire zéro "
        "artificialisation nette sans reprendre toute la procédure ?",
        ["sobriete-fonciere", "urbanisme-amenagement"],
        "membre",
        [],
        None,
        False,
        "",
    ),
    (
        "Entre élu·es : comment présenter le budget climat au conseil sans braquer l'opposition ?",
        "Question entre nous : le budget vert arrive au prochain conseil. Vos conseils pour le présenter ?",
        ["financement", "conduite-changement"],
        "sophie-marchal",
        [
            "Partir des économies de fonctionnement (énergie) plutôt que des grands principes a bien marché chez nous."
        ],
        None,
        False,
        "elus-territoires-pilotes",
    ),
]


def _user(ref: str) -> User | None:
    if "-" in ref:
        person = Person.objects.filter(slug=ref).first()
        return demo_user_for(person) if person else None
    return User.objects.filter(email=f"{ref}@{DEMO_DOMAIN}").first()


def _experts() -> int:
    count = 0
    for person in Person.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_removed=False).prefetch_related(
        "resource_themes"
    ):
        themes = list(person.resource_themes.all())
        if not themes:
            continue
        user = demo_user_for(person)
        if user is None:
            continue
        for theme in themes:
            _, created = Expertise.objects.get_or_create(
                user=user, theme=theme, defaults={"capacity_per_month": 3 + len(person.slug) % 3}
            )
            count += created
    return count


@transaction.atomic
def load(*, stdout) -> None:
    experts = _experts()
    answerers = list(User.objects.filter(expertises__isnull=False).distinct().order_by("email"))
    animator = User.objects.filter(email=f"animateur@{DEMO_DOMAIN}").first()
    created = 0
    for title, body, theme_slugs, author_ref, answers, accepted, faq, group_slug in QUESTIONS:
        if Question.objects.filter(title=title).exists():
            continue
        author = _user(author_ref)
        group = Group.objects.filter(slug=group_slug).first() if group_slug else None
        if author is None or (group_slug and group is None):
            continue
        question = services.question_create(
            author=author,
            title=title,
            body=body,
            themes=Theme.objects.filter(slug__in=theme_slugs),
            group=group,
        )
        if question.state == State.PENDING and animator:
            services.question_approve(question=question, by=animator)
        created += 1
        pool = [u for u in answerers if u != author]
        if group:
            pool = [u for u in pool if group.memberships.filter(user=u, status="active").exists()] or [
                m.user
                for m in group.memberships.filter(status="active").exclude(user=author).select_related("user")
            ]
        written = []
        for index, text in enumerate(answers):
            if index >= len(pool):
                break
            answer = services.answer_create(question=question, author=pool[index], body=text)
            if answer.state == State.PENDING and animator:
                services.answer_approve(answer=answer, by=animator)
            written.append(answer)
        if accepted is not None and written:
            services.answer_accept(answer=written[accepted], by=author)
            if faq and animator:
                services.question_faq_set(question=question, by=animator, in_faq=True, position=created)
    stdout.write(f"Questions de démonstration : {created} questions, {experts} expertises créées.")
