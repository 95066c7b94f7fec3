"""Demo date polls from the pilot-territories note (arbitrages 5 and 8). Idempotent: keyed on slug;
options are written only when the poll is created, so that demo answers survive a reload."""

from datetime import datetime
from zoneinfo import ZoneInfo

from apps.accounts.models import User
from apps.polls.models import Poll, PollOption

PARIS = ZoneInfo("Europe/Paris")

POLLS = [
    (
        "territoires-pilotes-journees-approfondissement",
        "Journées d'approfondissement du parcours Territoires pilotes",
        "Les référents remplissent ce sondage au nom de leur délégation, pour les dates où un ou plusieurs "
        "membres pourraient venir (arbitrage 5). Journées en visio, de 9 h à 12 h puis de 14 h à 17 h.",
        [
            ("2027-03-18", "09:00", "17:00", "Vision / projet de territoire"),
            ("2027-03-25", "09:00", "17:00", "Management coopératif"),
            ("2027-04-04", "09:00", "17:00", "Alimentation"),
            ("2027-04-19", "09:00", "17:00", "Implication citoyenne"),
            ("2027-04-21", "09:00", "17:00", "Implication citoyenne"),
        ],
    ),
    (
        "territoires-pilotes-session-cloture",
        "Session de clôture du parcours Territoires pilotes",
        "Une soirée conviviale de célébration et d'évaluation, en présentiel à Paris, la semaine du "
        "13 septembre (arbitrage 8). Quel jour conviendrait le mieux ?",
        [
            ("2027-09-13", "18:00", "22:00", ""),
            ("2027-09-14", "18:00", "22:00", ""),
            ("2027-09-15", "18:00", "22:00", ""),
            ("2027-09-16", "18:00", "22:00", ""),
        ],
    ),
]


def load(*, stdout) -> None:
    author = User.objects.animators().order_by("pk").first()
    for slug, title, description, options in POLLS:
        poll, created = Poll.objects.update_or_create(
            slug=slug,
            defaults={"title": title, "description": description, "created_by": author},
        )
        if created:
            PollOption.objects.bulk_create(
                [
                    PollOption(
                        poll=poll,
                        position=i,
                        label=label,
                        start=datetime.fromisoformat(f"{day}T{start}").replace(tzinfo=PARIS),
                        end=datetime.fromisoformat(f"{day}T{end}").replace(tzinfo=PARIS),
                    )
                    for i, (day, start, end, label) in enumerate(options)
                ]
            )
    stdout.write(f"  Sondages de dates : {len(POLLS)}")
