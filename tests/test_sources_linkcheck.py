"""`hub sources check-links` against a local server answering 200, 404, a redirect and a timeout."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.sources.linkcheck import check_url, check_urls
from hub.sources.models import DataSource

SLOW_SECONDS = 2.0


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == "/ok":
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/no-head":
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def do_HEAD(self):  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_check_url_answers(web):
    ok = check_url(f"{web}/ok", timeout=1)
    assert (ok.status, ok.ok, ok.error) == (200, True, "")
    missing = check_url(f"{web}/missing", timeout=1)
    assert (missing.status, missing.ok, missing.error) == (404, False, "HTTP 404 Not Found")
    moved = check_url(f"{web}/moved", timeout=1)
    assert (moved.status, moved.ok) == (200, True) and moved.final_url.endswith("/ok")
    no_head = check_url(f"{web}/no-head", timeout=1)
    assert (no_head.status, no_head.ok) == (200, True)  # HEAD refused, GET works
    started = time.monotonic()
    slow = check_url(f"{web}/slow", timeout=0.3)
    assert time.monotonic() - started < SLOW_SECONDS
    assert (slow.status, slow.ok) == (None, False) and "Timed out" in slow.error


def test_bad_hosts_never_raise():
    for url in ("http://nonexistent.invalid/", "http://127.0.0.1:9/", "not a url", "ftp://example.org/x"):
        result = check_url(url, timeout=0.5)
        assert result.ok is False and result.error


def test_concurrency_is_bounded(web):
    active, peak, lock = 0, 0, threading.Lock()

    def checker(url, timeout):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.05)
        with lock:
            active -= 1
        return check_url(url, timeout)

    jobs = [(i, f"{web}/ok") for i in range(12)]
    results = check_urls(jobs, workers=3, timeout=1, checker=checker)
    assert len(results) == 12 and all(r.ok for r in results.values())
    assert peak <= 3


def test_a_check_that_hangs_is_given_up(monkeypatch):
    def hangs(url, timeout):
        time.sleep(30)

    started = time.monotonic()
    results = check_urls([(1, "http://hangs.example/")], workers=1, timeout=0.1, checker=hangs)
    assert time.monotonic() - started < 10
    assert results[1].ok is False and "No answer" in results[1].error


def test_command_records_results(app, runner, web, make_source):
    ok = make_source("Working", url=f"{web}/ok")
    missing = make_source("Gone", url=f"{web}/missing")
    moved = make_source("Moved", url=f"{web}/moved")
    slow = make_source("Slow", url=f"{web}/slow")
    offline = make_source("Offline", url="http://nonexistent.invalid/data")
    updated_before = {s.id: s.updated_at for s in (ok, missing, moved, slow, offline)}
    result = runner.invoke(args=["sources", "check-links", "--timeout", "0.5", "--workers", "4"])
    assert result.exit_code == 0, result.output
    assert "Checked 5 address(es)" in result.output and "2 ok, 3 failed" in result.output
    assert "[5/5]" in result.output
    db.session.expire_all()
    rows = {s.title: s for s in db.session.scalars(sa.select(DataSource))}
    assert (rows["Working"].link_ok, rows["Working"].link_status) == (True, 200)
    assert (rows["Moved"].link_ok, rows["Moved"].link_status) == (True, 200)
    assert (rows["Gone"].link_ok, rows["Gone"].link_status) == (False, 404)
    assert rows["Slow"].link_ok is False and "Timed out" in rows["Slow"].link_error
    assert rows["Offline"].link_ok is False and rows["Offline"].link_error
    assert all(s.link_checked_at is not None for s in rows.values())
    # A link check is not an edit: the record's "updated" date and version stay.
    assert all(s.updated_at == updated_before[s.id] and s.version == 1 for s in rows.values())
    listing = runner.invoke(args=["sources", "list", "--broken"])
    assert "Gone" not in listing.output  # slugs are listed
    assert "3 source(s)." in listing.output
    again = runner.invoke(args=["sources", "check-links", "--only-failed", "--timeout", "0.5", "--quiet"])
    assert "Checked 3 address(es)" in again.output and "[1/3]" not in again.output
