"""Bench of the letter and the outbox (docs/mailing.md, "Mesures").

1. Draft building: `apps.mailing.drafting.draft_blocks` over the last month of a national network
   (generate_directory.py + generate_activity.py), timed N times.
2. Sending: N personalised messages (default 10,000) queued in the outbox, sent by 2 real
   `manage.py db_worker` processes to a local SMTP sink (aiosmtpd, in this process); one worker is
   killed with SIGKILL once a third is received, then restarted. Prints throughput, the peak RSS
   of every worker (VmHWM), and the number of messages received / distinct Message-IDs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mailing_bench \\
        .venv/bin/python bench/bench_mailing.py [--messages 10000] [--skip-draft] [--skip-send] \\
        [--smtp-port 8391]

The sending part writes to the outbox of that database (rows marked with the bench domain; they
are deleted at the start and at the end).
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes, policy

from common import BENCH_DOMAIN, ROOT, bench_parser, print_banner, require_database, setup_django, summary

SMTP_PORT = 8391  # --smtp-port


def bench_draft(runs: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from apps.mailing.drafting import draft_blocks

    # What a web process has already done when the coordinator asks for a draft: the URLconf
    # (every get_absolute_url) and the French translations (dates) loaded. Measured apart.
    began = time.perf_counter()
    from django.urls import get_resolver
    from django.utils.formats import date_format

    get_resolver().check()  # imports the URLconf and every view module
    date_format(timezone.now(), "j F Y")
    print(
        f"Chargement des adresses et des traductions (une fois par processus) : {(time.perf_counter() - began) * 1000:.0f} ms"
    )
    end = timezone.now()
    start = end - timedelta(days=31)
    samples = []
    blocks = []
    for _ in range(runs):
        began = time.perf_counter()
        blocks = draft_blocks(start=start, end=end)
        samples.append((time.perf_counter() - began) * 1000)
    stats = summary(samples)
    print(f"Brouillon d'une lettre (31 jours, tout le réseau), {runs} essais :")
    print(
        f"  premier essai {samples[0]:.0f} ms ; p50 {stats['p50']:.0f} ms, p95 {stats['p95']:.0f} ms,"
        f" max {stats['max']:.0f} ms"
    )
    print(f"  blocs : {', '.join(f'{b["kind"]} ({len(b["items"])})' for b in blocks)}")


def bench_follows(followers: int) -> None:
    """The cron line's follow pass (`follows_notify`, every minute) over the last two days of
    content, with `followers` accounts each following a theme and a département (rolled back)."""
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from apps.mailing.follows import WINDOW, follows_notify, new_content
    from apps.mailing.models import SubjectFollow
    from apps.territories.models import Territory
    from apps.themes.models import Theme

    now = timezone_now()
    items = sum(1 for _ in new_content(now - WINDOW, now))
    rng = random.Random(7)
    users = list(get_user_model().objects.values_list("pk", flat=True)[:followers])
    themes = list(Theme.objects.values_list("pk", flat=True))
    departements = list(Territory.objects.filter(kind="department").values_list("pk", flat=True))
    with transaction.atomic():
        rows = [SubjectFollow(user_id=u, kind="theme", object_id=rng.choice(themes)) for u in users]
        rows += [
            SubjectFollow(user_id=u, kind="territory", object_id=rng.choice(departements)) for u in users
        ]
        SubjectFollow.objects.bulk_create(rows, ignore_conflicts=True)
        samples = []
        for _ in range(3):
            began = time.perf_counter()
            created = follows_notify(now=now)
            samples.append((time.perf_counter() - began) * 1000)
        transaction.set_rollback(True)
    print(
        f"\nSuivis : {len(rows)} suivis, {items} contenus dans la fenêtre de deux jours ;"
        f" un passage de la ligne cron : {min(samples):.0f} à {max(samples):.0f} ms"
        f" ({created} notification(s) au dernier passage)"
    )


def timezone_now():
    from django.utils import timezone

    return timezone.now()


class Sink:
    def __init__(self):
        self.lock = threading.Lock()
        self.ids = []
        self.times = []  # perf_counter() of each reception

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.ids.append(parsed["Message-ID"])
            self.times.append(time.perf_counter())
        return "250 OK"

    def rate(self, start: float, end: float) -> float:
        """Messages a second received between two instants."""
        with self.lock:
            n = sum(1 for t in self.times if start <= t < end)
        return n / (end - start) if end > start else 0.0

    def count(self):
        with self.lock:
            return len(self.ids)


def peak_rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return 0.0
    return 0.0


def worker_env(port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="maillage.settings.base",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        MAILLAGE_MAIL_LEASE_SECONDS="10",
        MAILLAGE_MAIL_BATCH_SIZE="100",
    )
    return env


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.5"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def bench_send(count: int, port: int) -> bool:
    from aiosmtpd.controller import Controller

    from apps.mailing import outbox
    from apps.mailing.models import Delivery, Message

    Message.objects.filter(source_label="[banc]").delete()
    began = time.perf_counter()
    recipients = [
        (
            f"lecteur{i}@{BENCH_DOMAIN}",
            None,
            {
                "first_name": f"Lecteur {i}",
                "unsubscribe_url": f"https://reseau.exemple/lettres/desinscription/{i}/",
            },
        )
        for i in range(count)
    ]
    original_wake = outbox.outbox_wake
    outbox.outbox_wake = lambda **kwargs: None
    try:
        message = outbox.message_queue(
            recipients=recipients,
            subject="Bonjour [[first_name]] : la lettre de décembre",
            text="Bonjour [[first_name]],\n\n" + "Des nouvelles du réseau.\n" * 40,
            html="<h1>Bonjour [[first_name]]</h1>" + "<p>Des nouvelles du réseau.</p>" * 40,
            kind="newsletter",
            source_label="[banc]",
        )
    finally:
        outbox.outbox_wake = original_wake
    print(f"\nEnvoi : {count} remises mises en file en {time.perf_counter() - began:.1f} s")

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = worker_env(port)
    workers = {}
    peaks = {}
    try:
        subprocess.run(
            [sys.executable, "manage.py", "mailing_wake", "--tasks", "2"], cwd=ROOT, env=env, check=True
        )
        started = time.perf_counter()
        workers["A"] = start_worker(env)
        workers["B"] = start_worker(env)
        while sink.count() < count // 3:
            time.sleep(0.05)
        killed = time.perf_counter()
        peaks["A (tué)"] = peak_rss_mb(workers["A"].pid)
        workers["A"].send_signal(signal.SIGKILL)
        workers["A"].wait()
        killed_at = sink.count()
        print(f"  worker A tué (SIGKILL) après {killed_at} messages reçus")
        # Two workers from the first message to the kill (the first seconds include start-up).
        first = sink.times[0] if sink.times else started
        print(f"  débit à deux workers avant l'arrêt : {sink.rate(first, killed):.0f} messages/s")
        workers["A2"] = start_worker(env)
        time.sleep(11)  # the killed worker's leases expire
        subprocess.run(
            [sys.executable, "manage.py", "mailing_wake", "--tasks", "2"], cwd=ROOT, env=env, check=True
        )
        resumed = time.perf_counter()
        deadline = time.monotonic() + 1800
        while (
            Delivery.objects.filter(message=message, status="sent").count() < count
            and time.monotonic() < deadline
        ):
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        print(
            f"  débit à deux workers après la reprise : {sink.rate(resumed, time.perf_counter()):.0f} messages/s"
        )
        time.sleep(2)
        for name in ("B", "A2"):
            peaks[name] = peak_rss_mb(workers[name].pid)
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in workers.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        controller.stop()
    ids = list(sink.ids)
    duplicates = sum(n - 1 for n in Counter(ids).values() if n > 1)
    statuses = Counter(Delivery.objects.filter(message=message).values_list("status", flat=True))
    print(
        f"  reçus par le serveur SMTP : {len(ids)} (Message-ID distincts : {len(set(ids))}, doublons : {duplicates})"
    )
    print(f"  états des remises : {dict(statuses)}")
    print(f"  durée (premier worker lancé → tout envoyé, arrêt et reprise compris) : {elapsed:.1f} s")
    print(f"  débit : {len(ids) / elapsed:.0f} messages/s ({len(ids) / elapsed * 60:.0f} par minute)")
    for name, peak in peaks.items():
        print(f"  pic de mémoire (VmHWM) du worker {name} : {peak:.0f} Mo")
    Message.objects.filter(pk=message.pk).delete()
    return len(ids) == count and duplicates == 0 and all(p < 200 for p in peaks.values())


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--draft-runs", type=int, default=10)
    parser.add_argument("--skip-draft", action="store_true")
    parser.add_argument("--skip-send", action="store_true")
    parser.add_argument(
        "--followers", type=int, default=5000, help="comptes qui suivent (passage des suivis)"
    )
    parser.add_argument("--smtp-port", type=int, default=SMTP_PORT, help="port du serveur SMTP local")
    args = parser.parse_args()
    setup_django("maillage.settings.base")
    require_database(args.allow_sqlite)
    print_banner("Banc des envois")
    if not args.skip_draft:
        bench_draft(args.draft_runs)
        bench_follows(args.followers)
    ok = True
    if not args.skip_send:
        ok = bench_send(args.messages, args.smtp_port)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
