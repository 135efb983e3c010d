"""A production server for the tests: its own database, collectstatic, gunicorn, DEBUG off.

``ProductionSite`` prepares a database (a new PostgreSQL database when the tests run on
PostgreSQL, a SQLite file otherwise) with ``migrate`` and the demo, collects the static
files, gives the site a Redis of its own as its cache, as production shares one among the workers,
and starts gunicorn with ``deploy/gunicorn.conf.py`` on a free loopback port, as
``make serve`` does. ``Browser``-less HTTP goes through ``http.client`` with the cookies
handled by hand: the session cookie is Secure, and nginx's X-Forwarded-Proto says HTTPS.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
import psycopg2
import redis

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=check
    )


class TemporaryDatabase:
    """A database of its own: PostgreSQL beside the tests' when they run on it, else SQLite."""

    def __init__(self, folder: Path):
        self.tests_url = os.environ.get("DATABASE_URL", "")
        self.name = None
        if self.tests_url.startswith("postgres"):
            self.name = f"tunganh_serve_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.name}"')
            self.url = re.sub(r"/[^/]*$", f"/{self.name}", self.tests_url)
        else:
            self.url = f"sqlite:///{folder / 'db.sqlite3'}"

    def _admin(self, sql: str) -> None:
        config = dj_database_url.parse(self.tests_url)
        connection = psycopg2.connect(
            dbname="postgres",
            user=config["USER"],
            password=config["PASSWORD"],
            host=config["HOST"],
            port=config["PORT"] or 5432,
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()

    def drop(self) -> None:
        if self.name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def production_environment(folder: Path, database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
        TRUSTED_PROXY_COUNT="1",
        WEB_CONCURRENCY="2",
    )
    return env


class PrivateRedis:
    """A Redis of the site's own on a free loopback port, keeping nothing on disk: production
    shares one Redis among the workers (sessions, kept pages), and the tests must not touch
    the machine's (deploy/system-packages.sh installs redis-server for the tests)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.connection = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.connection.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: {self.process.stderr.read()}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class Client:
    """One visitor over plain HTTP on loopback, as nginx would forward it (HTTPS)."""

    port: int
    cookies: dict = field(default_factory=dict)
    https: bool = True
    language: str = "en-US,en;q=0.9"

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": self.language, **(headers or {})}
        if self.https:
            sent["X-Forwarded-Proto"] = "https"
            sent["X-Forwarded-For"] = "203.0.113.7"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, content

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: dict):
        return self.request("POST", path, body=body)

    def log_in(self, username: str, password: str) -> None:
        response, page = self.get("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        response, _ = self.post("/login/", {"csrfmiddlewaretoken": token, "username": username, "password": password})
        assert response.status == 302, f"login of {username} answered {response.status}"


class ProductionSite:
    def __init__(self, folder: Path):
        self.folder = folder
        self.database = TemporaryDatabase(folder)
        self.redis = PrivateRedis()
        self.env = {**production_environment(folder, self.database.url), "REDIS_URL": self.redis.url}
        self.process = None
        self.port = None

    def cached_keys(self, pattern: str = "*") -> list[bytes]:
        """The keys of the site's Redis matching ``pattern`` (Django's key prefix ``:1:`` included)."""
        return list(self.redis.connection.scan_iter(pattern))

    def prepare(self) -> None:
        manage("migrate", "--no-input", env=self.env)
        # The demo's known passwords are refused with DEBUG off: load it as a developer would.
        manage("load_demo", env={**self.env, "DEBUG": "1"})
        manage("collectstatic", "--no-input", "--verbosity", "0", env=self.env)

    def launch(self, env: dict | None = None) -> subprocess.Popen:
        """gunicorn as ``make serve`` runs it, on a free loopback port (``process.port``)."""
        port = int((env or {}).get("BIND", ":0").rsplit(":", 1)[1]) or free_port()
        command = [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "tungAnh.wsgi"]
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**self.env, "BIND": f"127.0.0.1:{port}", **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        process.port = port
        return process

    def start(self) -> None:
        self.process = self.launch()
        self.port = self.process.port
        self._wait_until_serving()

    def start_with_origin(self) -> None:
        """Started for a browser on plain loopback HTTP: its Origin must be a trusted one."""
        self.port = free_port()
        self.process = self.launch(env={"BIND": f"127.0.0.1:{self.port}", "CSRF_TRUSTED_ORIGINS": self.origin})
        self._wait_until_serving()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_until_serving(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stderr.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start listening within 30 s")

    def client(self, **kwargs) -> Client:
        return Client(port=self.port, **kwargs)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.database.drop()
        self.redis.stop()
