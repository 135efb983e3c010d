"""Load the main pages through gunicorn on loopback; print req/s, p50, p95 and the ratio to /healthz.

Run from the project root against a database filled by ``generate_scale_data``::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tunganh_scale .venv/bin/python benchmarks/load.py

It starts gunicorn as production does (``deploy/gunicorn.conf.py``, 2 workers, DEBUG off,
WhiteNoise, static files collected into a temporary folder or ``--static-root``, a
throw-away SECRET_KEY) on a free port of 127.0.0.1, waits for ``/healthz``, then logs in
as the generated commune clerk and district officer (a login form and a session cookie,
as a browser does), and stops the server at the end. ``--url http://127.0.0.1:8000`` measures a server already running
instead (its settings are then yours: DEBUG off, ALLOWED_HOSTS with 127.0.0.1, plain HTTP).

The server runs as production does, with a Redis of its own (started by the script) as the
cache the workers share: the main pages are then kept per session (lib/page_cache.py), and a
page seen again is served from the cache until a write. ``--afresh`` turns that off
(PAGE_CACHE=0): every page is made anew, as on a first visit or after a write.

For ``/healthz`` (the yardstick: the same server, middleware and database, no page), an
empty page (the password-changed page: menu and session, no data, never kept: what making
any page costs at least), then each page of ``benchmarks/pages.py`` for each login, then a mixed
run cycling through all of them, ``--clients`` threads (8) send requests for ``--seconds``
(5) or until ``--requests`` (5,000) are answered, after a warm-up of two requests per
client. One connection per request (gunicorn's sync workers close it). Every answer is
read in full and checked: status 200 and, for a page, the login's name in the header, so a
redirect to the login page, an error page or a 403 counts as a failure, not as a fast page;
the script exits with status 1 if any request failed.

Printed per run: requests, req/s, p50 and p95 in ms (client side: queueing included), the
ratio of its req/s to /healthz's (measured first and last; their mean is the yardstick),
CPU ms per request of gunicorn's workers (from /proc, when the script started the server),
of the PostgreSQL backends connected to the database (from /proc: PostgreSQL on this host)
and of this client, and the 1-minute load average at the end of the run. The client shares
the 2 cores with the server: the figures are for this machine as it was, load included.
Targets: every page >= 1/4 of /healthz's req/s, and the mixed run >= 60 req/s.
"""

import argparse
import html
import http.client
import itertools
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import pages as page_list  # noqa: E402  (sets Django up: the page addresses need the database)

from demo.management.commands.generate_scale_data import (  # noqa: E402
    CLERK_USERNAME,
    DISTRICT_USERNAME,
    PASSWORD,
)

HOST = "127.0.0.1"


def identity_name(username: str) -> str:
    """The name the header shows for ``username``."""
    from django.contrib.auth import get_user_model

    from tungAnh.menu import identity_of

    return identity_of(get_user_model().objects.get(username=username)).name


WORKERS = 2
PAGE_RATIO_TARGET = 0.25
MIXED_TARGET = 60
WARM_UP_PER_CLIENT = 2
START_TIMEOUT = 60
REQUEST_TIMEOUT = 30


@dataclass(frozen=True)
class Target:
    label: str
    login: str  # "" for /healthz
    path: str


@dataclass
class Run:
    label: str
    login: str
    timings: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    cpu_ms: float | None = None
    database_ms: float | None = None
    client_ms: float = 0.0
    load: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.timings) / self.elapsed if self.elapsed else 0.0


# HTTP ------------------------------------------------------------------------------------


class Session:
    """One login's cookies, kept by hand: the server marks them Secure, we speak plain HTTP on loopback."""

    def __init__(self, port: int, username: str = ""):
        self.port = port
        self.username = username
        self.cookies: dict[str, str] = {}
        # Every page of a login names it in the header's identity bar (tungAnh/menu.py).
        self.marker = f"<strong>{html.escape(identity_name(username))}</strong>".encode() if username else b""

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        try:
            all_headers = dict(headers or {})
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        return response, content

    def remember(self, response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def log_in(self, password: str) -> None:
        response, content = self.request("GET", "/login/")
        self.remember(response)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if response.status != 200 or token is None:
            raise SystemExit(f"load: the login page answered {response.status} without a form")
        form = urllib.parse.urlencode(
            {"username": self.username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
        ).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        response, _ = self.request("POST", "/login/", body=form, headers=headers)
        self.remember(response)
        if response.status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"load: logging in as {self.username} answered {response.status} (wrong password?)")

    def check(self, path: str) -> tuple[float, str | None]:
        """(seconds, failure or None) of one GET of ``path``."""
        started = time.perf_counter()
        try:
            response, content = self.request("GET", path)
        except (OSError, http.client.HTTPException) as error:
            return time.perf_counter() - started, f"{path}: {type(error).__name__} {error}"
        seconds = time.perf_counter() - started
        if response.status != 200:
            where = response.headers.get("Location", "")
            return seconds, f"{path}: status {response.status}{' to ' + where if where else ''}"
        if self.username and self.marker not in content:
            return seconds, f"{path}: 200 without {self.username}'s name in the header (not logged in?)"
        if not self.username and b'"ok"' not in content:
            return seconds, f"{path}: 200 without status ok"
        return seconds, None


# The server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    """A Redis of the run's own, keeping nothing on disk: production's shared cache."""
    command = ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
    redis = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return redis
        except OSError:
            time.sleep(0.05)
    redis.terminate()
    raise SystemExit("load: redis-server did not start")


def start_server(port: int, static_root: Path, media_root: Path, *, redis_url: str, afresh: bool) -> subprocess.Popen:
    python = Path(sys.executable)
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "PAGE_CACHE": "0" if afresh else "1",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "BIND": f"{HOST}:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
    }
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    gunicorn = python.parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "--config", "deploy/gunicorn.conf.py", "tungAnh.wsgi"], cwd=ROOT, env=env, start_new_session=True
    )
    probe = Session(port)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"load: gunicorn stopped at start (status {server.returncode})")
        _, failure = probe.check("/healthz")
        if failure is None:
            return server
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit(f"load: /healthz did not answer within {START_TIMEOUT} s")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _ticks(pid: int, *, children: bool = False) -> int:
    """utime + stime of a process (+ cutime + cstime: the children it has reaped), in clock ticks."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in stat[11 : 15 if children else 13])


def server_cpu(pid: int) -> float:
    """CPU seconds of gunicorn's workers: the live ones, plus those the master reaped (recycled)."""
    total = _ticks(pid, children=True) - _ticks(pid)
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            total += _ticks(int(child))
        except FileNotFoundError:
            continue
    return total / os.sysconf("SC_CLK_TCK")


def database_cpu() -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend connected to this database, ours left out (same host only)."""
    with page_list.connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    seconds = {}
    for pid in pids:
        try:
            seconds[pid] = _ticks(pid) / os.sysconf("SC_CLK_TCK")
        except (FileNotFoundError, PermissionError):
            continue
    return seconds


# Runs ------------------------------------------------------------------------------------


def load(
    targets: list[Target],
    sessions: dict[str, Session],
    *,
    label: str,
    login: str,
    clients: int,
    seconds: float,
    limit: int,
    server_pid: int | None,
) -> Run:
    """``clients`` threads cycle through ``targets`` (each from its own offset) until time or count is up."""
    for client in range(clients):
        for target in itertools.islice(itertools.cycle(targets), client, client + WARM_UP_PER_CLIENT):
            sessions[target.login].check(target.path)
    run = Run(label=label, login=login)
    lock = threading.Lock()
    issued = itertools.count()

    def client_loop(offset: int) -> None:
        deadline = time.perf_counter() + seconds
        for target in itertools.islice(itertools.cycle(targets), offset, None):
            if time.perf_counter() >= deadline or next(issued) >= limit:
                return
            elapsed, failure = sessions[target.login].check(target.path)
            with lock:
                if failure:
                    run.failures.append(failure)
                else:
                    run.timings.append(elapsed)

    cpu_before = server_cpu(server_pid) if server_pid else None
    database_before = database_cpu() if on_postgresql() else {}
    started, client_before = time.perf_counter(), time.process_time()
    threads = [threading.Thread(target=client_loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.elapsed = time.perf_counter() - started
    answered = len(run.timings) + len(run.failures)
    run.client_ms = (time.process_time() - client_before) * 1000 / max(answered, 1)
    if server_pid and answered:
        run.cpu_ms = (server_cpu(server_pid) - cpu_before) * 1000 / answered
    if on_postgresql() and answered:
        database_after = database_cpu()
        spent = sum(after - database_before.get(pid, 0.0) for pid, after in database_after.items())
        run.database_ms = spent * 1000 / answered
    run.load = os.getloadavg()[0]
    return run


def on_postgresql() -> bool:
    return page_list.connection.vendor == "postgresql"


def percentile_ms(values: list[float], fraction: float) -> float:
    return page_list.percentile(values, fraction) * 1000 if values else float("nan")


def print_row(run: Run, yardstick: float | None, target: float | None) -> None:
    ratio = run.rate / yardstick if yardstick else float("nan")
    if target is None:
        verdict = ""
    else:
        verdict = "ok" if (ratio if target < 1 else run.rate) >= target and not run.failures else "MISS"
    cpu = f"{run.cpu_ms:8.1f}" if run.cpu_ms is not None else f"{'-':>8}"
    database = f"{run.database_ms:7.1f}" if run.database_ms is not None else f"{'-':>7}"
    database += f" {run.client_ms:6.1f}"
    print(
        f"{run.label:<20} {run.login:<17} {len(run.timings):>6} {run.rate:>8.1f} "
        f"{statistics.median(run.timings) * 1000 if run.timings else float('nan'):>7.1f} "
        f"{percentile_ms(run.timings, 0.95):>7.1f} {ratio:>6.2f} {verdict:<4} {cpu} {database} {run.load:>5.2f} "
        f"{len(run.failures):>5}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a server already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each run (5)")
    parser.add_argument("--requests", type=int, default=5000, help="at most this many requests per run (5000)")
    parser.add_argument("--mixed-seconds", type=float, default=15.0, help="duration of the mixed run (15)")
    parser.add_argument("--only", help="measure only the pages whose label contains this text")
    parser.add_argument("--afresh", action="store_true", help="keep no page (PAGE_CACHE=0): every page is made anew")
    parser.add_argument(
        "--static-root", type=Path, help="collect the static files here and keep them (default: a temporary folder)"
    )
    options = parser.parse_args()
    if not (1 <= options.clients <= 64 and 0 < options.seconds <= 120 and 0 < options.mixed_seconds <= 600):
        parser.error("keep it bounded: 1-64 clients, runs of at most 120 s (mixed 600 s)")

    users = page_list.get_user_model().objects.select_related("official__commune")
    clerk = users.get(username=CLERK_USERNAME)
    page_rows = [
        (label, page_list.reverse(name, args=args))
        for label, name, args in page_list.pages(clerk)
        if options.only is None or options.only in label
    ]

    # A stopped script stops its server too (``finally`` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("load: stopped"))
    with tempfile.TemporaryDirectory(prefix="tunganh-load-") as scratch:
        server = None
        if options.url:
            parts = urllib.parse.urlsplit(options.url)
            if parts.hostname != HOST or parts.scheme != "http":
                parser.error(f"--url must be http://{HOST}:PORT: this script loads loopback only")
            port = parts.port or 80
        else:
            port = free_port()
            redis_port = free_port()
            redis = start_redis(redis_port)
            server = start_server(
                port,
                options.static_root or Path(scratch) / "static",
                Path(scratch) / "media",
                redis_url=f"redis://{HOST}:{redis_port}/0",
                afresh=options.afresh,
            )
        try:
            sessions = {"": Session(port)}
            for login, username in (("clerk", CLERK_USERNAME), ("district officer", DISTRICT_USERNAME)):
                sessions[login] = Session(port, username)
                sessions[login].log_in(PASSWORD)
            measure(options, page_rows, sessions, server.pid if server else None)
        finally:
            if server:
                stop_server(server)
                redis.terminate()
                redis.wait(timeout=10)


def measure(options, page_rows: list[tuple[str, str]], sessions: dict[str, Session], server_pid: int | None) -> None:
    def run(targets: list[Target], label: str, login: str, seconds: float, limit: int) -> Run:
        print(f"  {label} ({login or 'no login'})...", file=sys.stderr, flush=True)
        return load(
            targets,
            sessions,
            label=label,
            login=login,
            clients=options.clients,
            seconds=seconds,
            limit=limit,
            server_pid=server_pid,
        )

    load_start = os.getloadavg()
    healthz = [Target("/healthz", "", "/healthz")]
    first = run(healthz, "/healthz (first)", "", options.seconds, options.requests)
    # The cheapest page a login can open (menu, session, no data): the ceiling of any page's ratio.
    floor = Target("empty page (floor)", "clerk", page_list.reverse("password_change_done"))
    floor_run = run([floor], floor.label, floor.login, options.seconds, options.requests)
    page_runs, targets = [], []
    for label, path in page_rows:
        for login in ("clerk", "district officer"):
            targets.append(Target(label, login, path))
            page_runs.append(run([targets[-1]], label, login, options.seconds, options.requests))
    mixed = run(targets, "mixed", "both", options.mixed_seconds, options.requests * 10)
    last = run(healthz, "/healthz (last)", "", options.seconds, options.requests)
    load_end = os.getloadavg()
    yardstick = (first.rate + last.rate) / 2

    print(f"database: {page_list.connection.settings_dict['NAME']} ({page_list.sizes()})")
    print(
        f"gunicorn on {HOST}:{sessions[''].port} ({'2 workers, DEBUG off' if server_pid else 'given by --url'}"
        f"{'' if not server_pid else ', pages made afresh' if options.afresh else ', pages kept in Redis'}); "
        f"{options.clients} clients; {options.seconds:g} s or {options.requests} requests per run; "
        f"mixed run {options.mixed_seconds:g} s over {len(targets)} page-logins"
    )
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)} ({os.cpu_count()} cores)")
    print(f"yardstick: /healthz {first.rate:.1f} req/s first, {last.rate:.1f} last, mean {yardstick:.1f}")
    print()
    header = (
        f"{'page':<20} {'login':<17} {'reqs':>6} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} {'':<4} "
        f"{'cpu ms/r':>8} {'db ms/r':>7} {'client':>6} {'load':>5} {'fails':>5}"
    )
    print(header)
    print("-" * len(header))
    print_row(first, yardstick, None)
    print_row(floor_run, yardstick, None)
    for page_run in page_runs:
        print_row(page_run, yardstick, PAGE_RATIO_TARGET)
    print_row(mixed, yardstick, MIXED_TARGET)
    print_row(last, yardstick, None)
    print()
    reached = sum(r.rate / yardstick >= PAGE_RATIO_TARGET and not r.failures for r in page_runs)
    print(f"pages at >= {PAGE_RATIO_TARGET:g} of /healthz: {reached} of {len(page_runs)} page-logins")
    print(f"mixed: {mixed.rate:.1f} req/s (target {MIXED_TARGET}): {'ok' if mixed.rate >= MIXED_TARGET else 'MISS'}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in load_end)}")
    failures = [failure for r in (first, floor_run, *page_runs, mixed, last) for failure in r.failures]
    if failures:
        print(f"\n{len(failures)} failed requests, for example:", file=sys.stderr)
        for failure in sorted(set(failures))[:10]:
            print(f"  {failure}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
