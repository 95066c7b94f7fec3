"""The production stack, for real: production settings, `collectstatic` into a temporary
STATIC_ROOT, DEBUG off, granian app processes, PostgreSQL, Redis, `db_worker`s.

Used by the production-like tests (tests/prod/, `make test-prod`) and by the load and fault
campaign (bench/reliability.py). Everything listens on 127.0.0.1; nothing is mocked.

Environment:
- `DATABASE_URL` (PostgreSQL): the server to use; a database `PROD_STACK_DB` is created on it
  (default `maillage_prodstack`) and dropped at the end;
- `REDIS_URL`: the Redis database to use (flushed at start and end);
- `PROD_STACK_PORT`: first TCP port to use (default 8100);
- `PROD_STACK_READY_PATH`: the page that says an app process is up (default the health probe
  `/sante/`; `/` to run these tests against a version that predates it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GRANIAN = str(Path(PYTHON).with_name("granian"))


class StackUnavailable(RuntimeError):
    """A service the production stack needs (PostgreSQL, Redis) cannot be reached."""


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_http(url: str, *, timeout: float = 60, expect=(200,)) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status in expect:
                    return
                last = response.status
        except urllib.error.HTTPError as exc:
            last = exc.code
            if exc.code in expect:
                return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout}s (last: {last})")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path
    url: str | None = None

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout: float = 15) -> None:
        if not self.alive():
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)


@dataclass
class Stack:
    base_url: str  # PostgreSQL server (any database on it)
    redis_url: str
    db_name: str = "maillage_prodstack"
    first_port: int = 8100
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="maillage-prod-")))
    extra_env: dict = field(default_factory=dict)
    processes: list[Process] = field(default_factory=list)

    @classmethod
    def from_env(cls, **kwargs) -> Stack:
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise StackUnavailable("DATABASE_URL (PostgreSQL) is not set")
        redis_url = os.environ.get("REDIS_URL", "")
        if not redis_url:
            raise StackUnavailable("REDIS_URL is not set")
        return cls(
            base_url=database_url,
            redis_url=redis_url,
            db_name=os.environ.get("PROD_STACK_DB", "maillage_prodstack"),
            first_port=int(os.environ.get("PROD_STACK_PORT", "8100")),
            **(
                {"workdir": Path(os.environ["PROD_STACK_WORKDIR"])}
                if os.environ.get("PROD_STACK_WORKDIR")
                else {}
            ),
            **kwargs,
        )

    # --- services ----------------------------------------------------------------------------

    @property
    def smtp_port(self) -> int:
        return self.first_port + 99

    @property
    def database_url(self) -> str:
        return _with_database(self.base_url, self.db_name)

    def check_services(self) -> None:
        import psycopg
        import redis

        try:
            psycopg.connect(self.base_url, connect_timeout=5).close()
        except psycopg.Error as exc:
            raise StackUnavailable(f"PostgreSQL unreachable at {self.base_url}: {exc}") from exc
        try:
            redis.Redis.from_url(self.redis_url, socket_connect_timeout=3).ping()
        except redis.RedisError as exc:
            raise StackUnavailable(f"Redis unreachable at {self.redis_url}: {exc}") from exc

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.db_name}"')

    def drop_database(self) -> None:
        with contextlib.suppress(Exception):
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def flush_redis(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def terminate_backends(self) -> int:
        """Kill every server process serving the stack's database (what a PostgreSQL restart or
        a failover does to the app's connections)."""
        import psycopg

        with psycopg.connect(self.base_url, autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.db_name],
            ).fetchall()
        return len(rows)

    # --- environment and commands ------------------------------------------------------------

    def env(self, **overrides) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST", "DJANGO_", "COV_")) and key not in ("TEST_DATABASE_NAME",)
        }
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "maillage.settings.prod",
                "SECRET_KEY": getattr(self, "_secret", None) or self._new_secret(),
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1,http://localhost",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_HSTS_SECONDS": "0",
                "STATIC_ROOT": str(self.workdir / "static"),
                "MEDIA_ROOT": str(self.workdir / "media"),
                "MAILLAGE_IMPORT_DIR": str(self.workdir / "private" / "imports"),
                "MAILLAGE_SITE_URL": "http://127.0.0.1",
                # Workers send to a local SMTP sink (bench/reliability.py runs one there).
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp_port),
                "PYTHONUNBUFFERED": "1",
                "LOG_LEVEL": os.environ.get("PROD_STACK_LOG_LEVEL", "WARNING"),
            }
        )
        env.update(self.extra_env)
        env.update(overrides)
        return env

    def _new_secret(self) -> str:
        path = self.workdir / "secret-key"
        if not path.exists():
            self.workdir.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
        self._secret = path.read_text()
        return self._secret

    def built(self) -> bool:
        """A stack kept from a previous run (PROD_STACK_KEEP=1, for quick iterations)."""
        import psycopg

        if not (self.workdir / "static" / "staticfiles.json").exists():
            return False
        with psycopg.connect(self.base_url, autocommit=True) as conn:
            return bool(
                conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.db_name]).fetchone()
            )

    def manage(self, *args: str, timeout: float = 900, **env) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def build(self, *, demo: bool = True) -> None:
        """Fresh database and static files, as docs/deploy.md says."""
        self.check_services()
        self.create_database()
        self.flush_redis()
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        self.manage("check", "--deploy", SECURE_SSL_REDIRECT="true", SECURE_HSTS_SECONDS="31536000")
        if demo:
            self.manage("load_territories")
            # Demo logins (public password) only for this throwaway database.
            self.manage("load_demo", MAILLAGE_DEMO_LOGINS="true")
            self.manage("search_reindex")

    def free_port(self) -> int:
        used = {int(p.url.rsplit(":", 1)[1].split("/")[0]) for p in self.processes if p.url}
        for port in range(self.first_port, self.first_port + 100):
            if port not in used and _port_free(port):
                return port
        raise RuntimeError("no free port")

    def _spawn(self, name: str, argv: list[str], env: dict, url: str | None = None) -> Process:
        log = self.workdir / f"{name}.log"
        handle = log.open("ab")
        popen = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        handle.close()
        process = Process(name=name, popen=popen, log=log, url=url)
        self.processes.append(process)
        return process

    def start_web(
        self, *, workers: int = 1, threads: int = 1, port: int | None = None, wait: bool = True, **env
    ) -> Process:
        port = port or self.free_port()
        url = f"http://127.0.0.1:{port}"
        argv = [
            GRANIAN,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--no-ws",
            # Without it, a worker that dies (OOM killer, segfault) is not replaced.
            "--respawn-failed-workers",
            "maillage.wsgi:application",
        ]
        process = self._spawn(f"web-{port}", argv, self.env(**env), url=url)
        if wait:
            try:
                wait_http(url + os.environ.get("PROD_STACK_READY_PATH", "/sante/"), timeout=90)
            except TimeoutError:
                raise RuntimeError(f"granian did not start:\n{process.log.read_text()[-4000:]}") from None
        return process

    def start_worker(self, name: str = "worker", *, worker_id: str | None = None, **env) -> Process:
        argv = [PYTHON, "manage.py", "db_worker", "--queue-name", "default", "--interval", "0.2"]
        if worker_id:  # to tell which worker holds a task (django_tasks_db's worker_ids)
            argv += ["--worker-id", worker_id]
        return self._spawn(name, argv, self.env(**env))

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes.clear()

    def close(self) -> None:
        self.stop_all()
        self.drop_database()
        with contextlib.suppress(Exception):
            self.flush_redis()
        shutil.rmtree(self.workdir, ignore_errors=True)


class TcpForwarder:
    """127.0.0.1:<port> → target, that can be cut and restored: the database "goes away" for the
    app (connection refused, existing connections reset) and comes back on the same address."""

    def __init__(self, listen_port: int, target_host: str, target_port: int):
        self.listen_port = listen_port
        self.target = (target_host, target_port)
        self._server: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.listen_port))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self) -> None:
        """Stop listening and reset every open connection."""
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave the
            # listening socket alive (and accepting) until accept() returns.
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        with self._lock:
            conns, self._conns = self._conns, []
        for sock in conns:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    def restore(self) -> None:
        self.start()

    def stop(self) -> None:
        self.cut()
