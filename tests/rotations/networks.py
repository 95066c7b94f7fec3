"""A drawn regional network of attendees, shared by the planner's tests and bench/bench_rotations.py."""

import random

from apps.rotations.planner import Attendee

CATEGORIES = ["elected", "staff", "partner", "state", "other"]


def network(n: int, *, seed: int = 1, hosts: int = 0) -> list[Attendee]:
    """People of a regional network: 1 to 3 per organisation, five categories in realistic
    shares, twelve départements in two régions; the first `hosts` people host tables 0, 1…"""
    rng = random.Random(seed)
    organisations: list[str] = []
    while len(organisations) < n:
        organisations += [f"org{len(organisations)}"] * rng.choices([1, 2, 3], [60, 30, 10])[0]
    people = []
    for k in range(n):
        departement = f"{rng.randrange(12):02d}"
        people.append(
            Attendee(
                key=k + 1,
                organisation=organisations[k],
                category=rng.choices(CATEGORIES, weights=[25, 40, 15, 8, 12])[0],
                departement=departement,
                region="84" if departement < "06" else "76",
                host_table=k if k < hosts else None,
                label=f"Personne {k + 1}",
            )
        )
    return people
