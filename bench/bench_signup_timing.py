"""Signup must not tell whether an address has an account (issue 11): time of `POST /compte/inscription/`
with a new address and with an existing one, with the production password hasher.

    .venv/bin/python bench/bench_signup_timing.py [-n 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_DATABASE_NAME=bench_signup \\
        .venv/bin/python bench/bench_signup_timing.py -n 20

Runs in a throw-away test database (created and destroyed by the script). Prints p50/p95/mean of
both series and their ratio; nothing is asserted (timings are measured, never asserted in tests).
"""

import argparse
import sys

from common import Stopwatch, database_label, machine_label, setup_django, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=20, help="requests per series")
    args = parser.parse_args()
    setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment, teardown_test_environment

    # The production hasher (the test settings use a fast one): it is what costs time; and the
    # real task queue (the test settings run tasks inline).
    override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
    ).enable()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.utils import timezone

        from apps.accounts.models import User

        User.objects.create_user(
            email="deja@exemple.test",
            password="motdepasse-solide-42",
            is_active=True,
            email_verified_at=timezone.now(),
        )
        client = Client()

        def post(email: str) -> float:
            cache.clear()  # per-address mail throttling must not change the work done
            data = {
                "first_name": "Camille",
                "last_name": "Martin",
                "email": email,
                "password1": "Un-mot-de-passe-solide-2026",
                "password2": "Un-mot-de-passe-solide-2026",
                "accept_personal_data": "on",
            }
            with Stopwatch(connection) as watch:
                response = client.post("/compte/inscription/", data)
            assert response.status_code == 302, response.status_code
            return watch.ms

        post("chauffe@exemple.test")
        series = {"nouvelle adresse": [], "adresse existante": []}
        for i in range(args.n):
            # Alternate, so that a slow moment of the machine hits both series alike.
            series["nouvelle adresse"].append(post(f"nouvelle{i}@exemple.test"))
            series["adresse existante"].append(post("deja@exemple.test"))
        print(f"{database_label()} — {machine_label()} — {args.n} requêtes par série")
        stats = {}
        for label, samples in series.items():
            stats[label] = summary(samples)
            s = stats[label]
            print(f"  {label:18} p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  moyenne {s['mean']:7.1f} ms")
        ratio = stats["adresse existante"]["p50"] / stats["nouvelle adresse"]["p50"]
        print(f"  rapport des médianes (existante / nouvelle) : {ratio:.2f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return 0


if __name__ == "__main__":
    sys.exit(main())
