"""Two years of a national network's activity on top of generate_directory.py, for the cockpit's
bench (bench/README-cockpit.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cockpit_bench \
        .venv/bin/python bench/generate_activity.py [--accounts 40000] [--seed 42] [--reset]

Accounts for 40 % of the generated people (logins spread over two years), organisations' join
requests (most approved, some pending), questions and answers (some unanswered, some held for
review), events with capacities, registrations and recorded attendance, experience reports and
their versions, resources (some stale, some suggested), consultations with contributions and
comments, peer groups with pending requests. Dates are spread over the last 730 days. Bulk
inserts only (the bench measures the cockpit's reads, not the forms). Rows are marked like
generate_directory's (slugs `bench-`, emails `@bench.maillage.test`, titles starting "[banc]").
"""

import datetime
import random
import sys

from common import BENCH_DOMAIN, BENCH_PREFIX, bench_parser, bulk, log, setup_generator

BATCH = 2000
DAYS = 730
MARK = "[banc] "

SUBJECTS = [
    "la rénovation énergétique des écoles",
    "un projet alimentaire territorial",
    "la mobilité en zone rurale",
    "une chaufferie bois collective",
    "la concertation sur le plan climat",
    "le réemploi des matériaux du BTP",
    "la désimperméabilisation des cours d'école",
    "un fonds de participation citoyenne",
    "l'intracting pour l'éclairage public",
    "la trame verte et bleue",
]


def parse_args():
    parser = bench_parser(__doc__, seed=42, reset="supprime l'activité générée puis régénère")
    parser.add_argument("--accounts", type=int, default=40_000)
    return parser.parse_args()


def when(rng, now, *, days=DAYS):
    return now - datetime.timedelta(days=rng.random() * days, seconds=rng.randint(0, 86_400))


def reset(started):
    from apps.accounts.models import User
    from apps.consultations.models import Consultation
    from apps.directory.models import JoinRequest
    from apps.events.models import Event
    from apps.experiences.models import Experience
    from apps.groups.models import Group
    from apps.questions.models import Question
    from apps.resources.models import Resource

    for model, field in (
        (Question, "title"),
        (Event, "title"),
        (Experience, "title"),
        (Resource, "title"),
        (Consultation, "title"),
        (Group, "name"),
    ):
        model.objects.filter(**{f"{field}__startswith": MARK}).delete()
    JoinRequest.objects.filter(organisation__slug__startswith=BENCH_PREFIX).delete()
    User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}", email__startswith="compte").delete()
    log("activité générée précédente supprimée", started)


def main():
    args = parse_args()
    started = setup_generator(args.allow_sqlite)

    from django.db import connection, transaction
    from django.utils import timezone

    from apps.accounts.models import User
    from apps.consultations.models import Action, Consultation, Contribution, ContributionComment, Objective
    from apps.directory.models import JoinRequest, Organisation, OrganisationStatus, Person
    from apps.events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
    from apps.experiences.models import Experience, ExperienceVersion
    from apps.experiences.models import State as ExperienceState
    from apps.groups.models import Group, GroupMembership
    from apps.questions.models import Answer, Question
    from apps.questions.models import State as QuestionState
    from apps.resources.models import Resource, ResourceKind, ResourceStatus
    from apps.themes.models import Theme

    rng = random.Random(args.seed)
    now = timezone.now()
    if Question.objects.filter(title__startswith=MARK).exists() and not args.reset:
        print("Activité déjà générée : rien à faire (--reset pour régénérer).")
        return
    people = list(
        Person.objects.filter(slug__startswith=BENCH_PREFIX, user__isnull=True).values_list("pk", flat=True)
    )
    if not people:
        sys.exit("Lancez d'abord bench/generate_directory.py.")
    organisations = list(
        Organisation.objects.filter(slug__startswith=BENCH_PREFIX).values_list("pk", "status", "created_at")
    )
    themes = list(Theme.objects.values_list("pk", flat=True))

    with transaction.atomic():
        if args.reset:
            reset(started)
        # Accounts: 40 % of the people, last logins spread over two years (a third this quarter).
        chosen = rng.sample(people, min(args.accounts, len(people)))
        users = []
        for index in range(len(chosen)):
            joined = when(rng, now)
            login = None
            if rng.random() < 0.85:
                login = now - datetime.timedelta(days=rng.random() * (90 if rng.random() < 0.35 else DAYS))
                login = max(login, joined)
            users.append(
                User(
                    email=f"compte{index}@{BENCH_DOMAIN}",
                    username=f"compte{index}@{BENCH_DOMAIN}",
                    first_name="Compte",
                    last_name=f"Banc {index}",
                    password="!",
                    date_joined=joined,
                    last_login=login,
                    email_verified_at=joined,
                )
            )
        users = bulk(User, users, started, "comptes")
        for start in range(0, len(users), BATCH):
            for person_id, user in zip(
                chosen[start : start + BATCH], users[start : start + BATCH], strict=True
            ):
                Person.objects.filter(pk=person_id).update(user_id=user.pk)
        log("comptes reliés aux fiches", started)
        user_ids = [user.pk for user in users]

        # Organisations' applications: approved for 40 % of the active ones, pending ones waiting.
        requests = []
        for org_id, status, _created in organisations:
            if status == OrganisationStatus.PENDING:
                requests.append(
                    JoinRequest(
                        organisation_id=org_id,
                        requested_by_id=rng.choice(user_ids),
                        kind=JoinRequest.Kind.ORGANISATION,
                        motivation="Nous voulons rejoindre le réseau.",
                    )
                )
            elif status == OrganisationStatus.ACTIVE and rng.random() < 0.4:
                requests.append(
                    JoinRequest(
                        organisation_id=org_id,
                        requested_by_id=rng.choice(user_ids),
                        kind=JoinRequest.Kind.ORGANISATION,
                        status=JoinRequest.Status.APPROVED,
                        decided_at=when(rng, now),
                    )
                )
        for _ in range(300):
            org_id = rng.choice(organisations)[0]
            requests.append(
                JoinRequest(
                    organisation_id=org_id,
                    requested_by_id=rng.choice(user_ids),
                    kind=JoinRequest.Kind.MEMBERSHIP,
                    motivation="Je travaille dans cette collectivité.",
                )
            )
        bulk(JoinRequest, requests, started, "demandes d'adhésion et de rattachement")

        # Questions and answers; created_at is auto_now_add: set afterwards in bulk.
        questions = []
        for index in range(8000):
            state = QuestionState.PENDING if rng.random() < 0.01 else QuestionState.PUBLISHED
            questions.append(
                Question(
                    title=f"{MARK}Comment avez-vous mené {rng.choice(SUBJECTS)} ? ({index})",
                    body="Nous cherchons des retours d'autres territoires.",
                    author_id=rng.choice(user_ids),
                    state=state,
                )
            )
        questions = bulk(Question, questions, started, "questions")
        question_dates = {}
        for question in questions:
            question_dates[question.pk] = when(rng, now)
        _set_dates(Question, "created_at", question_dates)
        answers = []
        answer_dates = {}
        for question in questions:
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                answers.append(
                    Answer(
                        question_id=question.pk,
                        author_id=rng.choice(user_ids),
                        body="Nous l'avons fait : voici comment.",
                        state=QuestionState.PUBLISHED if rng.random() > 0.01 else QuestionState.PENDING,
                    )
                )
        answers = bulk(Answer, answers, started, "réponses")
        for answer in answers:
            base = question_dates[answer.question_id]
            answer_dates[answer.pk] = min(now, base + datetime.timedelta(hours=rng.expovariate(1 / 96)))
        _set_dates(Answer, "created_at", answer_dates)
        counts = {}
        for answer in answers:
            counts[answer.question_id] = counts.get(answer.question_id, 0) + 1
        for question_id, count in counts.items():
            Question.objects.filter(pk=question_id).update(answer_count=count)
        log("dates et compteurs des questions", started)

        # Events, registrations, attendance.
        events = []
        for index in range(1500):
            start = now + datetime.timedelta(days=rng.uniform(-DAYS, 120))
            events.append(
                Event(
                    title=f"{MARK}Rencontre du réseau sur {rng.choice(SUBJECTS)} ({index})",
                    slug=f"{BENCH_PREFIX}evenement-{index}",
                    kind=rng.choice([EventKind.WEBINAR, EventKind.MEETING]),
                    status=EventStatus.PUBLISHED if rng.random() > 0.03 else EventStatus.CANCELLED,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    capacity=rng.choice([None, 30, 50, 100]),
                    description="Programme détaillé.",
                )
            )
        events = bulk(Event, events, started, "événements")
        registrations = []
        for event in events:
            attendees = rng.sample(user_ids, rng.randint(0, min(80, event.capacity or 80)))
            recorded = event.start < now and rng.random() < 0.5
            for user_id in attendees:
                registrations.append(
                    Registration(
                        event_id=event.pk,
                        user_id=user_id,
                        status=RegistrationStatus.CONFIRMED
                        if rng.random() > 0.05
                        else RegistrationStatus.WAITING,
                        attended=(rng.random() < 0.8) if recorded else None,
                        created_at=min(now, event.start - datetime.timedelta(days=rng.random() * 30)),
                    )
                )
        bulk(Registration, registrations, started, "inscriptions")

        # Experience reports and their versions.
        experiences = []
        for index in range(3000):
            state = rng.choices(
                [ExperienceState.PUBLISHED, ExperienceState.DRAFT, ExperienceState.SUBMITTED], [85, 12, 3]
            )[0]
            experiences.append(
                Experience(
                    title=f"{MARK}Retour d'expérience sur {rng.choice(SUBJECTS)} ({index})",
                    slug=f"{BENCH_PREFIX}experience-{index}",
                    summary="Ce que nous avons fait, avec qui, pour quel résultat.",
                    author_id=rng.choice(user_ids),
                    state=state,
                    published_at=when(rng, now) if state == ExperienceState.PUBLISHED else None,
                )
            )
        experiences = bulk(Experience, experiences, started, "retours d'expérience")
        versions = [
            ExperienceVersion(experience_id=e.pk, number=1, data={}, author_id=e.author_id, note="Création")
            for e in experiences
        ]
        versions = bulk(ExperienceVersion, versions, started, "versions de retours d'expérience")
        _set_dates(ExperienceVersion, "created_at", {v.pk: when(rng, now) for v in versions})

        # Resources: some stale, some suggested.
        resources = []
        for index in range(4000):
            status = ResourceStatus.SUGGESTED if rng.random() < 0.01 else ResourceStatus.PUBLISHED
            resources.append(
                Resource(
                    title=f"{MARK}Guide : {rng.choice(SUBJECTS)} ({index})",
                    slug=f"{BENCH_PREFIX}ressource-{index}",
                    summary="Un guide pratique.",
                    kind=ResourceKind.GUIDE,
                    url=f"https://exemple.test/{index}",
                    owner_id=rng.choice(user_ids),
                    suggested_by_id=rng.choice(user_ids) if status == ResourceStatus.SUGGESTED else None,
                    status=status,
                    review_by=(now + datetime.timedelta(days=rng.uniform(-200, 365))).date(),
                    created_at=when(rng, now),
                )
            )
        bulk(Resource, resources, started, "ressources")

        # Consultations with contributions and comments.
        for index in range(12):
            opens = (now - datetime.timedelta(days=rng.uniform(0, DAYS))).date()
            consultation = Consultation.objects.create(
                title=f"{MARK}Feuille de route {index}",
                slug=f"{BENCH_PREFIX}consultation-{index}",
                opens_on=opens,
                closes_on=opens + datetime.timedelta(days=45),
                is_published=True,
            )
            objective = Objective.objects.create(consultation=consultation, title="Objectif 1")
            actions = [Action.objects.create(objective=objective, title=f"Action {n}") for n in range(10)]
            contributions = bulk(
                Contribution,
                [
                    Contribution(
                        action=rng.choice(actions),
                        organisation_id=rng.choice(organisations)[0],
                        author_user_id=rng.choice(user_ids),
                        body="Notre proposition.",
                        created_at=datetime.datetime.combine(opens, datetime.time(10), tzinfo=datetime.UTC)
                        + datetime.timedelta(days=rng.uniform(0, 45)),
                    )
                    for _ in range(400)
                ],
                started,
                f"contributions (consultation {index})",
            )
            bulk(
                ContributionComment,
                [
                    ContributionComment(
                        contribution=rng.choice(contributions),
                        author_id=rng.choice(user_ids),
                        body="D'accord.",
                    )
                    for _ in range(100)
                ],
                started,
                f"commentaires (consultation {index})",
            )

        # Groups with pending requests.
        for index in range(40):
            group = Group.objects.create(
                name=f"{MARK}Groupe de pairs {index}", slug=f"{BENCH_PREFIX}groupe-{index}"
            )
            group.themes.set(rng.sample(themes, 2))
            members = rng.sample(user_ids, 60)
            bulk(
                GroupMembership,
                [
                    GroupMembership(
                        group=group,
                        user_id=user_id,
                        status=GroupMembership.Status.PENDING if n < 3 else GroupMembership.Status.ACTIVE,
                    )
                    for n, user_id in enumerate(members)
                ],
                started,
                f"membres (groupe {index})",
            )

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        log("VACUUM ANALYZE", started)
    log("terminé", started)


def _set_dates(model, field, dates: dict) -> None:
    """auto_now_add fields: one UPDATE … FROM (VALUES …) per batch (PostgreSQL), else row by row."""
    from django.db import connection

    items = list(dates.items())
    table = model._meta.db_table
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        if connection.vendor == "postgresql":
            values = ", ".join(["(%s, %s::timestamptz)"] * len(chunk))
            params = [value for pair in chunk for value in pair]
            with connection.cursor() as cursor:
                cursor.execute(
                    f'UPDATE "{table}" AS t SET "{field}" = v.d FROM (VALUES {values}) AS v(id, d) WHERE t.id = v.id',
                    params,
                )
        else:
            for pk, value in chunk:
                model.objects.filter(pk=pk).update(**{field: value})


if __name__ == "__main__":
    main()
