"""THE outbox test: real `manage.py db_worker` processes send through a real SMTP server (aiosmtpd);
one is killed with SIGKILL in the middle of a batch and restarted while another runs; the server
must receive every message exactly once.

Runs on the test database (SQLite: a file copy of the in-memory test database; PostgreSQL: the test
database itself, with DATABASE_URL=postgres://…/test TEST_DATABASE_NAME=test_mailing)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from apps.mailing import outbox
from apps.mailing.models import Delivery, Kind, Status
from tests.factories import UserFactory
from tests.mailing.smtp_sink import SmtpSink
from tests.workers import worker_env

ROOT = Path(__file__).resolve().parents[2]
# Another port when several checkouts run their tests on one machine.
SMTP_PORT = int(os.environ.get("MAILLAGE_TEST_SMTP_PORT", "8325"))
N = 60


class Database:
    """Where the worker processes find the test's rows, and how the test reads them back."""

    def __init__(self, tmp_path):
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            path = tmp_path / "outbox.sqlite3"
            target = sqlite3.connect(path)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
            target.close()
            self.url = f"sqlite:///{path}"
            self.path = path
        else:
            user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"] or 5432
            password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
            self.url = f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"
            self.path = None

    def statuses(self) -> Counter:
        if self.path is None:
            return Counter(Delivery.objects.values_list("status", flat=True))
        with closing(sqlite3.connect(self.path)) as conn:
            return Counter(row[0] for row in conn.execute("SELECT status FROM mailing_delivery"))

    def held_unsent_by(self, pid: int) -> int:
        """Rows leased by that worker process and not sent."""
        if self.path is None:
            return (
                Delivery.objects.exclude(status=Status.SENT).filter(lease_token__contains=f":{pid}:").count()
            )
        with closing(sqlite3.connect(self.path)) as conn:
            query = "SELECT COUNT(*) FROM mailing_delivery WHERE status != 'sent' AND lease_token LIKE ?"
            return conn.execute(query, (f"%:{pid}:%",)).fetchone()[0]

    def delivery_ids(self) -> set[str]:
        if self.path is None:
            return {str(pk) for pk in Delivery.objects.values_list("pk", flat=True)}
        with closing(sqlite3.connect(self.path)) as conn:
            return {str(row[0]) for row in conn.execute("SELECT id FROM mailing_delivery")}


def mail_worker_env(database: Database) -> dict:
    return worker_env(
        database.url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        # 10 messages a second across workers, batches of 5, leases of 3 s: a kill lands mid-batch
        # and the killed worker's rows come back quickly.
        MAILLAGE_MAIL_RATE_PER_MINUTE="600",
        MAILLAGE_MAIL_BATCH_SIZE="5",
        MAILLAGE_MAIL_LEASE_SECONDS="3",
    )


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def stop_workers(workers) -> None:
    """Stop the test's worker processes (SIGTERM, then SIGKILL after 15 s) and wait until their
    PostgreSQL sessions are gone, so that the test database can be dropped."""
    for process in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in workers:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    _wait_for_worker_sessions_to_end()


def _wait_for_worker_sessions_to_end(timeout: float = 15) -> None:
    """A killed worker's PostgreSQL session ends when the server notices the closed socket: wait
    for it, or dropping the test database at the end of the run fails ("being accessed")."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.2)


def start_worker(env, log_dir: Path, name: str) -> subprocess.Popen:
    with open(log_dir / f"{name}.log", "w") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_for(predicate, timeout: float, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@pytest.mark.timeout(240)
def test_killed_worker_and_concurrent_workers_deliver_each_message_exactly_once(
    transactional_db, tmp_path, monkeypatch
):
    users = UserFactory.create_batch(N)
    # The rows only: the worker processes below do the sending.
    monkeypatch.setattr(outbox, "outbox_wake", lambda **kwargs: None)
    outbox.message_queue(
        recipients=users,
        subject="Lettre de décembre",
        text="Bonjour [[first_name]],\n\n.Une ligne qui commence par un point.\n",
        html="<p>Bonjour</p>",
        kind=Kind.NEWSLETTER,
    )
    database = Database(tmp_path)
    env = mail_worker_env(database)
    workers = []
    try:
        with SmtpSink(SMTP_PORT) as sink:
            manage(env, "mailing_wake", "--tasks", "2")
            first = start_worker(env, tmp_path, "first")
            second = start_worker(env, tmp_path, "second")
            workers += [first, second]
            assert wait_for(lambda: sink.count() >= N // 4, timeout=60), "nothing sent"

            # SIGKILL while it holds a batch: its leased rows are neither sent nor released.
            held = database.held_unsent_by(first.pid)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            received_at_kill = sink.count()
            assert received_at_kill < N
            held = max(held, database.held_unsent_by(first.pid))
            assert held > 0, "the killed worker held no batch: the kill proved nothing"

            # Restart it; the cron line wakes the workers again (the killed task stays "running").
            workers.append(start_worker(env, tmp_path, "restarted"))
            time.sleep(3.5)  # the killed worker's leases expire
            manage(env, "mailing_wake", "--tasks", "2")

            def all_sent():
                return database.statuses().get(Status.SENT, 0) == N

            assert wait_for(all_sent, timeout=120, step=0.5), database.statuses()
            time.sleep(1.5)  # anything late would show up as a duplicate
            ids = sink.message_ids()
            texts = [m.get_body(("plain",)).get_content() for _, m in sink.messages]
    finally:
        stop_workers(workers)

    duplicates = [mid for mid, seen in Counter(ids).items() if seen > 1]
    assert not duplicates
    assert len(ids) == N
    # Message-ID <maillage.<message>.<delivery>@…>: every delivery, once.
    assert {mid.split(".")[2].split("@")[0] for mid in ids} == database.delivery_ids()
    # Personalised, and the dot-stuffing survived the hand-written DATA.
    assert any(f"Bonjour {users[0].first_name}," in text for text in texts)
    assert all("\n.Une ligne qui commence par un point." in text for text in texts)
