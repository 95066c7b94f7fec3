"""Load and fault campaign on the production stack (docs/reliability.md).

    make reliability                      # DATABASE_URL / REDIS_URL from the Makefile
    DURATION=600 make reliability         # the 10-minute soak

Starts the real stack on this machine (tests/prod/stack.py: production settings, collectstatic,
granian, PostgreSQL, Redis, territories and the demo network), two `db_worker`s and a local SMTP
sink, then:
1. load: CLIENTS concurrent clients on a realistic mix (visitors on the directory, aids, search,
   agenda; the aid search alone as the reference figure) for DURATION seconds, then the same mix
   while an import of 1,000 aids in the real Aides-territoires shapes runs;
2. faults under the same load: PostgreSQL connections killed, a REAL PostgreSQL restart, one
   granian worker process killed (granian runs with `--respawn-failed-workers`);
3. members registering at once to an event with limited seats, during the visitors' load: exactly
   `seats` confirmed, the rest on the waiting list, one registration and one e-mail per member;
4. a worker killed in the middle of a batch of e-mails: every mail must arrive exactly once in
   the SMTP sink.
5. a worker killed (SIGKILL) in the middle of a booklet render (a workshop day of 4 ateliers and
   1,000 proposals): the render must be done again after the restart (cron command
   `workshops_render_due`), exactly once, and the files must show the day's current data.

`PHASES=booklet` runs phase 5 alone (no load, no demo data): the quick check of it.

PostgreSQL: by default the campaign creates its own throw-away cluster (`pg_createcluster 15
prodcampaign -p 5499`, trust on 127.0.0.1), so that restarting it disturbs nobody, and drops it at
the end; `CAMPAIGN_CLUSTER=` (empty) uses DATABASE_URL instead and skips the restart phase.
It prints throughput, p50/p95, errors seen by clients and recovery times, with the load average.
Every request goes to 127.0.0.1; every loop is bounded in time.
"""

from __future__ import annotations

import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.prod.stack import Stack  # noqa: E402

CLIENTS = int(os.environ.get("CLIENTS", "8"))
DURATION = float(os.environ.get("DURATION", "60"))
FAULT_WINDOW = float(os.environ.get("FAULT_WINDOW", "30"))
WORKERS = int(os.environ.get("WEB_WORKERS", str(os.cpu_count() or 2)))
CLUSTER = os.environ.get("CAMPAIGN_CLUSTER", "prodcampaign")
CLUSTER_VERSION = os.environ.get("CAMPAIGN_CLUSTER_VERSION", "15")
CLUSTER_PORT = int(os.environ.get("CAMPAIGN_CLUSTER_PORT", "5499"))
# Aids generated before the load phases (bench/generate_aids.py: real perimeters, themes, kinds), so
# that the aid search runs at the volume the issue measured (5,000 aids). 0: the demo's aids only.
PRELOAD_AIDS = int(os.environ.get("PRELOAD_AIDS", "5000"))
# A subset of phases, e.g. PHASES=mail (default: all): load, faults, registrations, mail, booklet.
# CAMPAIGN_PHASES is the same switch (older name).
PHASES = set(
    filter(
        None,
        os.environ.get(
            "PHASES", os.environ.get("CAMPAIGN_PHASES", "load,faults,registrations,mail,booklet")
        ).split(","),
    )
)

MIX = [
    (5, "/annuaire/"),
    (2, "/annuaire/?page=3"),
    (5, "/aides/"),
    (3, "/aides/?q=renovation"),
    (3, "/recherche/?q=energie"),
    (2, "/agenda/"),
    (1, "/annuaire/carte/donnees.json"),
    (1, "/"),
]
AID_SEARCH = [(1, "/aides/?q=renovation"), (1, "/aides/?q=mobilite"), (1, "/aides/?q=eau")]


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Load:
    def __init__(self, base: str, mix, clients: int):
        self.base, self.mix, self.clients = base, mix, clients
        self.samples: list[tuple[float, float, int]] = []  # (t, latency, status)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _client(self, seed: int) -> None:
        rng = random.Random(seed)
        paths = [p for weight, p in self.mix for _ in range(weight)]
        session = requests.Session()
        while not self.stop.is_set():
            path = rng.choice(paths)
            start = time.monotonic()
            try:
                status = session.get(self.base + path, timeout=30).status_code
            except requests.RequestException:
                status = 0  # connection refused/reset: an error seen by the user
            with self.lock:
                self.samples.append((start, time.monotonic() - start, status))

    def run(self, seconds: float, during=None) -> dict:
        threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)]
        begin = time.monotonic()
        for thread in threads:
            thread.start()
        events = during(begin) if during else {}
        remaining = seconds - (time.monotonic() - begin)
        if remaining > 0:
            time.sleep(remaining)
        self.stop.set()
        for thread in threads:
            thread.join(40)
        return {**summarise(self.samples, time.monotonic() - begin), **events}


def summarise(samples, elapsed: float) -> dict:
    latencies = sorted(s[1] for s in samples)
    errors = [s for s in samples if s[2] == 0 or s[2] >= 500]
    by_status: dict[int, int] = {}
    for s in errors:
        by_status[s[2]] = by_status.get(s[2], 0) + 1
    return {
        "requests": len(samples),
        "rps": round(len(samples) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000) if latencies else None,
        "errors": len(errors),
        "errors_by_status": by_status,
        "last_error_s": round(max(s[0] for s in errors) - min(s[0] for s in samples), 1) if errors else None,
        "load_average": loadavg(),
    }


def recovery(base: str, since: float, timeout: float = 60) -> float:
    """Seconds from `since` until /sante/ answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/sante/", timeout=5).status_code == 200:
                return round(time.monotonic() - since, 2)
        except requests.RequestException:
            pass
        time.sleep(0.1)
    return float("inf")


def granian_children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def import_file(count: int) -> Path:
    """An Aides-territoires API dump in the real shapes (tests/aids/realshape.py): perimeters with
    no-break spaces and en dashes, plural audiences, "Thème|Sous-thème" categories."""
    from tests.aids.realshape import AUDIENCES, NBSP, _aid

    perimeters = ["France", f"Hérault{NBSP}(Département)", f"Occitanie{NBSP}(Région)", "Europe"]
    results = [
        _aid(
            900000 + i,
            f"Aide de la campagne de charge n° {i} : rénovation et mobilité",
            perimeters[i % len(perimeters)],
            [AUDIENCES[i % 4], AUDIENCES[(i + 5) % len(AUDIENCES)]],
            categories=["Énergies / Déchets|Rénovation énergétique"],
            aid_types=["Subvention"] if i % 2 else [],
        )
        for i in range(count)
    ]
    path = ROOT / "bench" / "out" / "campaign_aids.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"count": count, "next": None, "previous": None, "results": results}))
    return path


def import_during_load(stack: Stack, count: int = 1000):
    """The `during` of a load phase: an import of `count` aids runs while visitors browse."""
    path = import_file(count)

    def during(begin):
        at = time.monotonic()
        try:
            out = stack.manage("aids_import", str(path), timeout=600)
            ok = True
        except RuntimeError as exc:
            out, ok = str(exc), False
        return {
            "import_aids": count,
            "import_ok": ok,
            "import_s": round(time.monotonic() - at, 1),
            "import_report": out.strip().splitlines()[:3],
        }

    return during


def mail_campaign(stack: Stack, sink, count: int = 200, lease: int = 20) -> dict:
    """Enqueue `count` e-mails, kill one of the two workers mid-batch (SIGKILL), restart it, wait
    for the queue to drain, and count what the SMTP sink received.

    As in production (docs/mailing.md): the rows the killed worker had claimed come back when their
    lease expires (`MAILLAGE_MAIL_LEASE_SECONDS`, shortened here to `lease` seconds so that the
    campaign does not wait the default 10 minutes) and the `mailing_wake` cron (every minute in
    production, every 5 s here) queues the sending tasks that pick them up."""
    script = (
        "from apps.core.emails import email_send_templated\n"
        "from django.db import transaction\n"
        f"for i in range({count}):\n"
        "    with transaction.atomic():\n"
        "        email_send_templated(to=f'campagne{i}@exemple.test',"
        " template='accounts/emails/account_exists', context={'first_name': str(i)})\n"
    )
    # A rate limit (all workers together) spreads the batch over ~20 s, so that the kill lands in
    # the middle of it rather than after a burst that sent everything.
    env = {"MAILLAGE_MAIL_LEASE_SECONDS": str(lease), "MAILLAGE_MAIL_RATE_PER_MINUTE": str(count * 3)}

    def campaign_mails() -> list[str]:
        return [m for m in sink.messages if m.startswith("campagne")]

    workers = [stack.start_worker(f"mailer-{i}", **env) for i in range(2)]
    time.sleep(3)
    stack.manage("shell", "-c", script, **env)
    deadline = time.monotonic() + 60
    while len(campaign_mails()) < count // 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers[0].kill()
    killed = time.monotonic()
    killed_at = len(campaign_mails())
    workers.append(stack.start_worker("mailer-restarted", **env))
    deadline = time.monotonic() + 300
    last_wake = 0.0
    while len(set(campaign_mails())) < count and time.monotonic() < deadline:
        if time.monotonic() - last_wake > 5:
            stack.manage("mailing_wake", "--tasks", "2", **env)
            last_wake = time.monotonic()
        time.sleep(0.5)
    drained_s = round(time.monotonic() - killed, 1)
    time.sleep(5)  # a late duplicate would arrive now
    for worker in workers:
        worker.stop()
    recipients = campaign_mails()
    unique = set(recipients)
    return {
        "mails_expected": count,
        "delivered_before_kill": killed_at,
        "lease_s": lease,
        "all_delivered_after_kill_s": drained_s,
        "received": len(recipients),
        "distinct": len(unique),
        "lost": count - len(unique),
        "duplicates": len(recipients) - len(unique),
    }


class ThrowawayCluster:
    """A PostgreSQL cluster of its own (Debian's postgresql-common tools), so that the campaign can
    restart PostgreSQL for real without touching the server other people use."""

    def __init__(self, name: str, version: str, port: int):
        self.name, self.version, self.port = name, version, port
        self.url = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *argv: str) -> None:
        subprocess.run(argv, check=True, capture_output=True, text=True, timeout=120)

    def __enter__(self):
        self.drop()  # a cluster left by an interrupted run
        self._run("pg_createcluster", self.version, self.name, "-p", str(self.port))
        hba = Path(f"/etc/postgresql/{self.version}/{self.name}/pg_hba.conf")
        hba.write_text(
            "local all postgres peer\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n"
        )
        self._run("pg_ctlcluster", self.version, self.name, "start")
        return self

    def restart(self) -> None:
        self._run("pg_ctlcluster", self.version, self.name, "restart")

    def drop(self) -> None:
        subprocess.run(
            ["pg_dropcluster", "--stop", self.version, self.name], capture_output=True, timeout=120
        )

    def __exit__(self, *exc):
        self.drop()


def registration_campaign(stack: Stack, base: str, sink, members: int = 60, seats: int = 20) -> dict:
    """`members` members POST their registration to one event with `seats` seats, all at once,
    while visitors browse; two workers send the confirmation / waiting-list e-mails. Counted in the
    database and in the SMTP sink."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.prod.conftest import HttpClient, stack_query

    password = "campagne-inscriptions-2026"
    script = (
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from apps.accounts.models import User\n"
        "from apps.events.models import Event\n"
        "event = Event.objects.filter(status='published', audience='open').order_by('-start').first()\n"
        "event.start = timezone.now() + timedelta(days=30)\n"
        "event.end = event.start + timedelta(hours=3)\n"
        f"event.capacity = {seats}\n"
        "event.registration_open = True\n"
        "event.registrations.all().delete()\n"
        "event.save()\n"
        f"for i in range({members}):\n"
        "    User.objects.filter(email=f'inscrit{i}@exemple.test').delete()\n"
        f"    u = User.objects.create_user(email=f'inscrit{{i}}@exemple.test', password='{password}',"
        " first_name='Membre', last_name=str(i), email_verified_at=timezone.now())\n"
        "print(event.slug)\n"
    )
    slug = stack.manage("shell", "-c", script).strip().splitlines()[-1]
    clients = []
    for i in range(members):
        client = HttpClient(base)
        client.login(f"inscrit{i}@exemple.test", password)
        clients.append(client)
    workers = [stack.start_worker(f"registrations-{i}") for i in range(2)]
    path = f"/agenda/{slug}/inscription/"
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(
                pool.map(lambda c: c.post_form(path, {}, token_from=f"/agenda/{slug}/").status_code, clients)
            )
        deadline = time.monotonic() + 120
        while (
            len([m for m in sink.messages if m.startswith("inscrit")]) < members
            and time.monotonic() < deadline
        ):
            time.sleep(0.5)
        time.sleep(3)
    finally:
        for worker in workers:
            worker.stop()
    rows = stack_query(
        stack,
        "SELECT r.status, count(*), count(DISTINCT r.user_id) FROM events_registration r "
        "JOIN events_event e ON e.id = r.event_id WHERE e.slug = %s GROUP BY r.status",
        [slug],
    )
    counts = {status: (n, distinct) for status, n, distinct in rows}
    mails = [m for m in sink.messages if m.startswith("inscrit")]
    return {
        "members": members,
        "seats": seats,
        "http_statuses": {str(code): statuses.count(code) for code in sorted(set(statuses))},
        "confirmed": counts.get("confirmed", (0, 0))[0],
        "waiting": counts.get("waiting", (0, 0))[0],
        "duplicate_registrations": sum(n - d for n, d in counts.values()),
        "mails_received": len(mails),
        "mails_distinct": len(set(mails)),
        "exactly_once": counts.get("confirmed", (0, 0))[0] == seats
        and counts.get("waiting", (0, 0))[0] == members - seats
        and len(mails) == len(set(mails)) == members,
        "load_average": loadavg(),
    }


BOOKLET_DAY_SCRIPT = """
from django.utils import timezone
from apps.workshops.models import (
    WorkshopAtelier, WorkshopDay, WorkshopProposal, WorkshopQuestion, WorkshopRenderState, WorkshopTable,
    proposal_fingerprint,
)
WorkshopDay.objects.filter(slug="campagne-livret").delete()
day = WorkshopDay.objects.create(
    title="Campagne : journée des transitions", slug="campagne-livret", held_on="2025-03-14",
    place="Albi", is_published=True,
)
themes = ["Mobilité", "Énergie", "Alimentation", "Biodiversité"]
rows = []
for position, theme in enumerate(themes, start=1):
    atelier = WorkshopAtelier.objects.create(day=day, title=theme, position=position)
    questions = [
        WorkshopQuestion.objects.create(atelier=atelier, position=q, text=f"Question {q} : {theme} ?")
        for q in (1, 2, 3)
    ]
    tables = [WorkshopTable.objects.create(atelier=atelier, name=f"Table {t}") for t in range(1, 7)]
    for i in range(PROPOSALS // 4):
        rows.append(WorkshopProposal(
            atelier=atelier, question=questions[i % 3], table=tables[i % 6],
            orientation=f"Piste {i % 5} : {theme.lower()} partagée",
            action=f"Action {theme} numéro {i} : mutualiser les moyens des communes voisines",
            objectives="Réduire les émissions et associer les habitants du territoire",
        ))
for row in rows:  # what save() computes, and bulk_create skips
    row.fingerprint = proposal_fingerprint(row.orientation, row.action, row.objectives)
WorkshopProposal.objects.bulk_create(rows)
WorkshopRenderState.objects.create(day=day, requested_at=timezone.now())
print(day.pk)
"""


def booklet_campaign(stack: Stack, proposals: int = 1000, render_timeout: int = 10) -> dict:
    """Kill (SIGKILL) the worker that renders a booklet, mid-render; restart it; run the cron
    command (`workshops_render_due`) as cron would, every few seconds here; then check in the
    database and on disk that the render ran to completion exactly once and that the files show
    the day's current data."""
    from tests.prod.conftest import stack_query

    env = {
        "MAILLAGE_WORKSHOP_FILES_DEBOUNCE": "0",
        "MAILLAGE_WORKSHOP_RENDER_TIMEOUT": str(render_timeout),
    }
    task_path = "apps.workshops.tasks.workshop_render_files"
    day_id = int(stack.manage("shell", "-c", f"PROPOSALS = {proposals}\n" + BOOKLET_DAY_SCRIPT).split()[-1])

    def runs(status: str) -> list:
        return stack_query(
            stack,
            "SELECT id, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = %s AND status = %s AND (args_kwargs -> 'kwargs' ->> 'day_id')::int = %s",
            [task_path, status, day_id],
        )

    def files() -> list:
        return stack_query(
            stack,
            "SELECT f.fmt, f.data_version, d.data_version, f.file, f.render_seconds "
            "FROM workshops_workshopbookletfile f JOIN workshops_workshopday d ON d.id = f.day_id "
            "WHERE f.day_id = %s ORDER BY f.fmt",
            [day_id],
        )

    workers = {name: stack.start_worker(name, worker_id=name, **env) for name in ("booklet-a", "booklet-b")}
    try:
        started = time.monotonic()
        stack.manage("workshops_render_due", **env)
        deadline = time.monotonic() + 120
        while not runs("RUNNING") and time.monotonic() < deadline:
            time.sleep(0.1)
        running = runs("RUNNING")
        if not running:
            return {"error": "the render never started"}
        time.sleep(2)  # into the layout: the render of this day takes tens of seconds
        if runs("SUCCESSFUL"):
            return {"error": "the render finished before the kill: nothing proved"}
        victim = running[0][1][-1]
        workers[victim].kill()
        killed_at = time.monotonic()
        files_after_kill = len(files())
        workers[f"{victim}-restarted"] = stack.start_worker(f"{victim}-restarted", **env)
        cron_runs, resumed_at = 0, None
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            current = files()
            if len(current) == 3 and all(f[1] == f[2] for f in current):
                break
            if resumed_at is None:
                cron_runs += 1
                if "remis en production" in stack.manage("workshops_render_due", **env):
                    resumed_at = time.monotonic()
            time.sleep(2)
        ready_at = time.monotonic()
        time.sleep(3)  # a late duplicate would show up now
    finally:
        for worker in workers.values():
            worker.stop()
    current = files()
    pdf = stack.workdir / "private" / current[[f[0] for f in current].index("pdf")][3] if current else None
    pdf_ok = bool(
        pdf and pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and b"%%EOF" in pdf.read_bytes()[-64:]
    )
    text = (
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout if pdf_ok else ""
    )
    last = f"Action Biodiversité numéro {proposals // 4 - 1}"
    successful = runs("SUCCESSFUL")
    return {
        "proposals": proposals,
        "killed_worker": victim,
        "killed_after_s": round(killed_at - started, 1),
        "files_at_kill": files_after_kill,
        "cron_runs_until_resumed": cron_runs,
        "resumed_after_kill_s": round(resumed_at - killed_at, 1) if resumed_at else None,
        "files_ready_after_kill_s": round(ready_at - killed_at, 1),
        "render_seconds": {f[0]: f[4] for f in current},
        "renders_completed": len(successful),
        "renders_left_running": len(runs("RUNNING")),  # the killed one, never finished
        "renders_failed": len(runs("FAILED")),
        "files": {f[0]: f"{f[1]}/{f[2]}" for f in current},
        "pdf_whole": pdf_ok,
        "pdf_has_last_proposal": last in " ".join(text.split()),
        "exactly_once": len(successful) == 1
        and [r[2] for r in successful] == ["rendered"]
        and len(current) == 3
        and all(f[1] == f[2] for f in current)
        and pdf_ok
        and last in " ".join(text.split()),
        "load_average": loadavg(),
    }


class SmtpSink:
    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.messages: list[str] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.extend(rcpt for rcpt in envelope.rcpt_tos)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def run_faults(stack: Stack, base: str, web, cluster: ThrowawayCluster | None, results: dict) -> None:
    def kill_connections(begin):
        time.sleep(FAULT_WINDOW / 3)
        at = time.monotonic()
        killed = stack.terminate_backends()
        return {"connections_killed": killed, "recovery_s": recovery(base, at)}

    results["postgres_connections_killed"] = Load(base, MIX, CLIENTS).run(FAULT_WINDOW, kill_connections)
    print("pg kill", json.dumps(results["postgres_connections_killed"]), flush=True)

    if cluster is not None:

        def restart_postgres(begin):
            time.sleep(FAULT_WINDOW / 3)
            at = time.monotonic()
            cluster.restart()
            return {"restart_took_s": round(time.monotonic() - at, 2), "recovery_s": recovery(base, at)}

        results["postgres_restarted"] = Load(base, MIX, CLIENTS).run(FAULT_WINDOW, restart_postgres)
        print("pg restart", json.dumps(results["postgres_restarted"]), flush=True)

    def kill_app_process(begin):
        time.sleep(FAULT_WINDOW / 3)
        children = granian_children(web.popen.pid)
        at = time.monotonic()
        if children:
            os.kill(children[0], signal.SIGKILL)
        return {"killed_pid": children[:1], "recovery_s": recovery(base, at)}

    results["app_process_killed"] = Load(base, MIX, CLIENTS).run(FAULT_WINDOW, kill_app_process)
    print("app kill", json.dumps(results["app_process_killed"]), flush=True)


def main() -> None:
    if CLUSTER:
        with ThrowawayCluster(CLUSTER, CLUSTER_VERSION, CLUSTER_PORT) as cluster:
            os.environ["DATABASE_URL"] = cluster.url
            campaign(cluster)
    else:
        campaign(None)


def campaign(cluster: ThrowawayCluster | None) -> None:
    stack = Stack.from_env()
    keep = os.environ.get("PROD_STACK_KEEP") == "1" and cluster is None
    results: dict = {"machine": {"cores": os.cpu_count(), "load_average_start": loadavg()}}
    try:
        if {"booklet"} == PHASES:
            if not (keep and stack.built()):
                print("→ building the stack (migrate, collectstatic; no demo)…", flush=True)
                stack.build(demo=False)
            results["worker_killed_mid_booklet_render"] = booklet_campaign(stack)
            print("booklet", json.dumps(results["worker_killed_mid_booklet_render"]), flush=True)
            return
        if not (keep and stack.built()):
            print("→ building the stack (migrate, collectstatic, territories, demo)…", flush=True)
            stack.build()
            if PRELOAD_AIDS:
                print(f"→ generating {PRELOAD_AIDS} aids (bench/generate_aids.py)…", flush=True)
                subprocess.run(
                    [sys.executable, "bench/generate_aids.py", "--aids", str(PRELOAD_AIDS)],
                    cwd=ROOT,
                    env=stack.env(),
                    check=True,
                    capture_output=True,
                    timeout=900,
                )
                stack.manage("search_reindex")
        results["machine"]["aids"] = int(
            stack.manage("shell", "-c", "from apps.aids.models import Aid; print(Aid.objects.count())")
            .strip()
            .splitlines()[-1]
        )
        web = stack.start_web(workers=WORKERS)
        base = web.url
        print(
            f"→ {base}, {WORKERS} granian workers, {CLIENTS} clients, {DURATION:.0f} s per phase", flush=True
        )
        for path in {p for _, p in MIX + AID_SEARCH}:  # warm caches and workers
            requests.get(base + path, timeout=60)

        if "load" in PHASES:
            results["aid_search"] = Load(base, AID_SEARCH, CLIENTS).run(DURATION)
            print("aid search", json.dumps(results["aid_search"]), flush=True)
            results["mix"] = Load(base, MIX, CLIENTS).run(DURATION)
            print("mix", json.dumps(results["mix"]), flush=True)
            results["mix_with_import"] = Load(base, MIX, CLIENTS).run(FAULT_WINDOW, import_during_load(stack))
            print("mix + import", json.dumps(results["mix_with_import"]), flush=True)

        if "faults" in PHASES:
            run_faults(stack, base, web, cluster, results)

        with SmtpSink(stack.smtp_port) as sink:
            if "registrations" in PHASES:
                visitors = Load(base, MIX, CLIENTS)
                try:
                    results["event_registrations"] = visitors.run(
                        5, lambda begin: registration_campaign(stack, base, sink)
                    )
                except Exception as exc:  # reported, not hidden: the campaign goes on
                    visitors.stop.set()
                    results["event_registrations"] = {"error": str(exc)[:500]}
                print("registrations", json.dumps(results["event_registrations"]), flush=True)
                sink.messages.clear()
            if "mail" in PHASES:
                try:
                    results["worker_killed_mid_mail_batch"] = mail_campaign(stack, sink)
                except Exception as exc:  # reported, not hidden: the campaign goes on
                    results["worker_killed_mid_mail_batch"] = {"error": str(exc)[:500]}
                print("mail", json.dumps(results["worker_killed_mid_mail_batch"]), flush=True)
        if "booklet" in PHASES:
            visitors = Load(base, MIX, CLIENTS)
            try:
                results["worker_killed_mid_booklet_render"] = visitors.run(
                    5, lambda begin: {"booklet": booklet_campaign(stack)}
                )
            except Exception as exc:  # reported, not hidden
                visitors.stop.set()
                results["worker_killed_mid_booklet_render"] = {"error": str(exc)[:500]}
            print("booklet", json.dumps(results["worker_killed_mid_booklet_render"]), flush=True)
    finally:
        results["machine"]["load_average_end"] = loadavg()
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        (out / "reliability.json").write_text(json.dumps(results, indent=2))
        print(json.dumps(results, indent=2))
        if keep:
            stack.stop_all()
        else:
            stack.close()


if __name__ == "__main__":
    main()
