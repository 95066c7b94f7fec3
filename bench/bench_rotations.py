"""Table plans for speed dating and world café: quality and time of the planner (apps/rotations).

    .venv/bin/python bench/bench_rotations.py [--seeds 5] [--baseline-seeds 20]

No database: the planner is pure. For each reference size (docs/matching.md) and several seeds, a
regional network is drawn (1 to 3 people per organisation, five categories of actors in realistic
shares, twelve départements in two régions) and planned; the figures are compared with a random
rotation (hosts at their table, everyone else shuffled each round — mean of `--baseline-seeds`
draws) and with the stated lower bounds (apps.rotations.planner.lower_bounds).

Exit status 1 if a plan puts two people of one organisation at a table, has more repeated
encounters than its lower bound where that bound is 0, or takes 2 s of processor time or more
(wall time is printed too: on a busy shared machine it also counts the wait for a core).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.rotations.planner import lower_bounds, make_plan, random_plan  # noqa: E402
from tests.rotations.networks import network  # noqa: E402

CASES = [
    # (label, people, tables, seats, rounds, hosts, world café)
    ("60 pers., 10 tables de 6, 4 tours", 60, 10, 6, 4, 0, False),
    ("60 pers., world café 10 tables de 6 (hôtes), 4 tours", 60, 10, 6, 4, 10, True),
    ("60 pers., tête-à-tête (30 tables de 2), 6 tours", 60, 30, 2, 6, 0, False),
    ("200 pers., 20 tables de 10, 5 tours", 200, 20, 10, 5, 0, False),
    ("200 pers., world café 20 tables de 10 (hôtes), 5 tours", 200, 20, 10, 5, 20, True),
]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--baseline-seeds", type=int, default=20)
    args = parser.parse_args()
    print(f"Banc des plans de tables — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"Charge moyenne (1/5/15 min) : {', '.join(f'{x:.2f}' for x in os.getloadavg())} — {os.cpu_count()} cœurs"
    )
    print(f"{args.seeds} réseaux tirés par cas ; hasard = moyenne de {args.baseline_seeds} tirages\n")
    header = (
        f"{'cas':<55} {'répét.':>7} {'borne':>6} {'hasard':>7} {'même org.':>9} {'hasard':>7} "
        f"{'même cat.':>9} {'borne':>6} {'hasard':>7} {'cat./table':>10} {'max':>5} {'hasard':>7} "
        f"{'même dép.':>9} {'borne':>6} {'hasard':>7} {'temps max':>10} {'CPU max':>8}"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for label, n, tables, seats, rounds, hosts, world_cafe in CASES:
        rows = []
        for seed in range(1, args.seeds + 1):
            people = network(n, seed=seed, hosts=hosts)
            cpu = time.process_time()
            plan = make_plan(
                people, tables=tables, seats=seats, rounds=rounds, seed=seed, avoid_same_table=world_cafe
            )
            cpu = time.process_time() - cpu
            baselines = [
                random_plan(people, tables=tables, seats=seats, rounds=rounds, seed=1000 + b).metrics
                for b in range(args.baseline_seeds)
            ]
            bounds = lower_bounds(people, tables=tables, seats=seats, rounds=rounds)
            rows.append((plan.metrics, baselines, bounds, cpu))
            m = plan.metrics
            # CPU time: on a shared machine the wall time also counts the wait for a core.
            if m.same_organisation_pairs or (bounds["repeats"] == 0 and m.repeats) or cpu >= 2:
                failed = True

        def mean(values):
            return statistics.fmean(values)

        m_rep = mean([r[0].repeats for r in rows])
        lb_rep = mean([r[2]["repeats"] for r in rows])
        b_rep = mean([mean([b.repeats for b in r[1]]) for r in rows])
        m_org = mean([r[0].same_organisation_pairs for r in rows])
        b_org = mean([mean([b.same_organisation_pairs for b in r[1]]) for r in rows])
        m_cat = mean([r[0].same_category_pairs for r in rows])
        lb_cat = mean([r[2]["same_category"] for r in rows])
        b_cat = mean([mean([b.same_category_pairs for b in r[1]]) for r in rows])
        m_mix = mean([r[0].mean_categories_per_table for r in rows])
        max_mix = mean([r[2]["max_categories_per_table"] for r in rows])
        b_mix = mean([mean([b.mean_categories_per_table for b in r[1]]) for r in rows])
        m_dep = mean([r[0].same_departement_pairs for r in rows])
        lb_dep = mean([r[2]["same_departement"] for r in rows])
        b_dep = mean([mean([b.same_departement_pairs for b in r[1]]) for r in rows])
        t_max = max(r[0].seconds for r in rows)
        cpu_max = max(r[3] for r in rows)
        print(
            f"{label:<55} {m_rep:>7.1f} {lb_rep:>6.1f} {b_rep:>7.1f} {m_org:>9.1f} {b_org:>7.1f} "
            f"{m_cat:>9.1f} {lb_cat:>6.1f} {b_cat:>7.1f} {m_mix:>10.2f} {max_mix:>5.2f} {b_mix:>7.2f} "
            f"{m_dep:>9.1f} {lb_dep:>6.1f} {b_dep:>7.1f} {t_max:>9.2f}s {cpu_max:>7.2f}s"
        )
    print(
        "\nrépét. : rencontres répétées (une paire attablée k fois compte k − 1) ; même org. : paires d'une même "
        "organisation à une table (interdit) ; même cat. / même dép. : paires de même catégorie d'acteurs / du "
        "même département à une table ; cat./table : catégories différentes par table (moyenne) ; borne : ce "
        "qu'aucun plan ne peut faire mieux (compte des places et tiroirs) ; max : le mieux possible."
    )
    print(
        "ÉCHEC" if failed else "OK : aucune paire d'une même organisation, aucune répétition évitable, < 2 s."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
