"""Two real app hosts (waitress processes) on one PostgreSQL and one Redis, driven over HTTP.

Each host has its own instance folder and search index; sessions, uploads, rate limits and
search changes must work across them as they do on one host.
"""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests
import sqlalchemy as sa
from PIL import Image

from tests.conftest import PG_URL
from tests.fixtures.actions import action_form

pytestmark = [pytest.mark.multihost, pytest.mark.xdist_group("two_hosts"),
              pytest.mark.skipif(not PG_URL, reason="several hosts share a database only on PostgreSQL")]

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/8"  # this test's own Redis database
SECRET = "two-hosts-share-this-secret-key-" + "x" * 16
OWNER = ("owner@demo.diasporahub.org", "demo-owner-2026")
MODERATOR = ("moderator@demo.diasporahub.org", "demo-moderator-2026")
CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE = re.compile(r'value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    """One app host: its own instance folder, a waitress process, and its base URL."""

    def __init__(self, name: str, tmp: Path, database_url: str, data_dir: Path, limit_prefix: str):
        self.name, self.port = name, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_INSTANCE_DIR": str(tmp / name),
                    "HUB_DATA_DIR": str(data_dir), "HUB_SECRET_KEY": SECRET,
                    "HUB_RATELIMIT_STORAGE_URL": REDIS_URL, "HUB_RATELIMIT_KEY_PREFIX": limit_prefix}
        self.process: subprocess.Popen | None = None
        self.log = tmp / f"{name}.log"

    def hub(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-c", "from hub.cli import main; main()", *args], env=self.env,
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{self.port}", "--threads=4",
                 "--call", "hub:create_app"], env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError(f"{self.name} did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    match = CSRF.search(page.text)
    assert match, f"no CSRF token on {url}"
    return VALUE.search(match.group(0)).group(1)


def _sign_in(host: Host, email: str, password: str, session: requests.Session | None = None) -> requests.Session:
    session = session or requests.Session()
    token = _csrf(session, f"{host.url}/login")
    response = session.post(f"{host.url}/login", data={"csrf_token": token, "email": email, "password": password},
                            allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[-500:]
    return session


def _found(host: Host, words: str) -> bool:
    """Does a search on `host` for `words` return a record with that title?"""
    body = requests.get(f"{host.url}/api/v1/search", params={"q": f'"{words}"', "per_page": 50}, timeout=10).json()
    return any(item["title"].lower() == words.lower() for item in body["items"])


def _wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return predicate()


def _propose(host: Host, session: requests.Session, title: str, files=None, **fields) -> str:
    """Create an action on `host` and submit it for review; returns its slug."""
    data = action_form(title=title, csrf_token=_csrf(session, f"{host.url}/actions/new"), **fields)
    data.pop("version")
    created = session.post(f"{host.url}/actions/new", data=data, files=files, allow_redirects=False, timeout=20)
    assert created.status_code == 302, created.text[-1000:]
    slug = re.search(r"/actions/([^/?]+)/preview", created.headers["Location"]).group(1)
    token = _csrf(session, f"{host.url}/actions/{slug}/preview")
    submitted = session.post(f"{host.url}/actions/{slug}/transition", allow_redirects=False, timeout=10,
                             data={"csrf_token": token, "verb": "submit"})
    assert submitted.status_code == 302
    return slug


def _approve(host: Host, moderator: requests.Session, slug: str) -> None:
    token = _csrf(moderator, f"{host.url}/actions/{slug}/preview")
    approved = moderator.post(f"{host.url}/actions/{slug}/transition", allow_redirects=False, timeout=10,
                              data={"csrf_token": token, "verb": "approve"})
    assert approved.status_code == 302
    assert requests.get(f"{host.url}/actions/{slug}", timeout=10).status_code == 200  # public now


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hosts(tmp_path_factory, reference_dir):
    tmp = tmp_path_factory.mktemp("two-hosts")
    name = f"hub_two_hosts_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    shared_redis = redis.Redis.from_url(REDIS_URL)
    prefix = name  # this pair's own limiter keys: another run sharing the Redis database counts apart
    a, b = Host("host-a", tmp, url, reference_dir, prefix), Host("host-b", tmp, url, reference_dir, prefix)
    a.hub("init", "--demo")
    b.hub("init")  # every host runs init: nothing left to load, its own index is built
    a.start()
    b.start()
    yield a, b
    for host in (a, b):
        host.stop()
    for key in shared_redis.scan_iter(f"*{prefix}*"):
        shared_redis.delete(key)
    shared_redis.close()
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_signed_in_on_one_host_means_signed_in_on_the_other(hosts):
    a, b = hosts
    session = _sign_in(a, *OWNER)
    dashboard = session.get(f"{b.url}/dashboard", allow_redirects=False, timeout=10)
    assert dashboard.status_code == 200 and "Kente Bridge" in dashboard.text


def test_submitted_on_a_published_on_b_found_on_both_with_its_image(hosts):
    a, b = hosts
    owner = _sign_in(a, *OWNER)
    words = "Zanzibar ophthalmology outreach"
    slug = _propose(a, owner, words, files={"image": ("eye.png", _png(), "image/png")}, image_alt="Eye clinic")
    page = owner.get(f"{a.url}/actions/{slug}/preview", timeout=10).text
    image = re.search(r"/media/([0-9a-f]{32}\.png)", page).group(1)
    assert not _found(a, words)  # not public before review
    _approve(b, _sign_in(b, *MODERATOR), slug)
    assert _wait_until(lambda: _found(b, words), 10), "not found on host B (where it was published)"
    assert _wait_until(lambda: _found(a, words), 10), "not found on host A within 10 s"
    served = requests.get(f"{b.url}/media/{image}", timeout=10)  # uploaded on A
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"


def test_login_attempts_count_across_hosts(hosts):
    a, b = hosts
    codes = []
    for attempt in range(12):
        host = (a, b)[attempt % 2]
        session = requests.Session()
        token = _csrf(session, f"{host.url}/login")
        codes.append(session.post(f"{host.url}/login", timeout=10, allow_redirects=False,
                                  data={"csrf_token": token, "email": "nobody-real@example.org",
                                        "password": f"wrong guess {attempt}"}).status_code)
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429], codes


def test_a_host_killed_during_writes_catches_up_with_nothing_lost(hosts):
    a, b = hosts
    owner = _sign_in(a, *OWNER)
    titles = [f"Kumasi maternity ward upgrade {n}" for n in range(6)]
    slugs = []

    def write():
        for title in titles:
            slugs.append(_propose(a, owner, title))

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.5)
    b.kill()  # host B dies while host A writes (its drainer may be mid-commit)
    writer.join(60)
    assert len(slugs) == len(titles)
    moderator = _sign_in(a, *MODERATOR)
    for slug in slugs:
        _approve(a, moderator, slug)
    b.start()  # catches up from its own position on start
    assert _wait_until(lambda: all(_found(b, t) for t in titles), 15), "host B did not catch up"
    for host in (a, b):
        report = host.hub("search", "check", "--no-repair")
        assert "Search index in step" in report, (host.name, report)
