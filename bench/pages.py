"""Page benchmark: the hub's pages under wrk, against a bare Flask route on the same server settings.

    .venv/bin/python bench/pages.py                                   # every server and database
    .venv/bin/python bench/pages.py --servers gunicorn --databases postgresql --seconds 5

For each server (gunicorn with 2 workers; waitress with 8 threads, as `make run`) and database
(PostgreSQL on 127.0.0.1:5432, SQLite), it builds a fresh instance with `hub init --demo`, starts
the hub and the bare route (bench/bare_app.py) on free ports of 127.0.0.1, warms every address
(so the cold cache is excluded), then measures in alternating rounds at 1 and 8 connections with
Debian's wrk (bounded runs): the bare route, the hub's static CSS and the pages. It prints req/s,
p50 and p99 of each, the rate as a share of the bare route's and p50 against the static file's
(best round of each). Needs wrk (`apt-get install wrk`); PostgreSQL runs need `psql` access as
the postgres user.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = ["/", "/actions", "/organizations", "/countries/GHA", "/communities/GHA-DEU", "/search?q=health",
         "/api/v1/actions"]
STATIC = "/static/css/hub.css"
BARE = "/bare"
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(server: str, port: int, target: str) -> list[str]:
    if server == "gunicorn":
        return [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                target]
    return [str(BIN / "waitress-serve"), f"--listen=127.0.0.1:{port}", "--threads=8",
            *(["--call"] if target.endswith(")") else []), target.removesuffix("()")]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1 only
                response.read()
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, connections: int, seconds: int) -> dict:
    """One bounded wrk run: req/s, p50 and p99 in ms."""
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    return {"rps": float(rate.group(1)), "p50": to_ms(p50.group(1)), "p99": to_ms(p99.group(1))}


class Setup:
    """One instance (database + instance folder) served by one server, with the bare route beside it."""

    def __init__(self, server: str, database: str, cache_url: str) -> None:
        self.server, self.database, self.cache_url = server, database, cache_url
        self.tmp = Path(tempfile.mkdtemp(prefix=f"hub-bench-{server}-{database}-"))
        self.pg_name = f"hub_bench_{secrets.token_hex(4)}" if database == "postgresql" else ""
        self.processes: list[subprocess.Popen] = []

    def env(self) -> dict:
        url = f"{PG_ADMIN}/{self.pg_name}" if self.pg_name else f"sqlite:///{self.tmp / 'hub.sqlite3'}"
        env = {**os.environ, "HUB_INSTANCE_DIR": str(self.tmp), "HUB_DATABASE_URL": url,
               "HUB_SECRET_KEY": secrets.token_urlsafe(32), "PYTHONPATH": str(ROOT)}
        if self.cache_url:
            env["HUB_CACHE_URL"] = self.cache_url
            env["HUB_CACHE_KEY_PREFIX"] = f"hub-bench-{secrets.token_hex(4)}:"
        return env

    def __enter__(self):
        if self.pg_name:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {self.pg_name}",
                            "postgres"], check=True)
        self._env = self.env()
        subprocess.run([str(BIN / "hub"), "init", "--demo"], env=self._env, check=True, capture_output=True,
                       cwd=ROOT)
        self.hub_port, self.bare_port = free_port(), free_port()
        for port, target in ((self.hub_port, "hub:create_app()"), (self.bare_port, "bench.bare_app:app")):
            self.processes.append(subprocess.Popen(server_command(self.server, port, target), env=self._env,
                                                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(f"http://127.0.0.1:{self.hub_port}/healthz")
        wait_for(f"http://127.0.0.1:{self.bare_port}{BARE}")
        return self

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.bare_port if path == BARE else self.hub_port}{path}"

    def __exit__(self, *_exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.pg_name:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                            f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)", "postgres"], check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)


def measure(setup: Setup, rounds: int, seconds: int, connections: tuple[int, ...]) -> dict:
    paths = [BARE, STATIC, *PAGES]
    for path in paths:  # warm: the first view fills the cache, which is not what is measured
        for _ in range(3):
            with urllib.request.urlopen(setup.url(path), timeout=30) as response:  # noqa: S310
                response.read()
    best: dict = {}
    for round_number in range(rounds):
        for conns in connections:
            order = paths if round_number % 2 == 0 else list(reversed(paths))
            for path in order:
                result = wrk(setup.url(path), conns, seconds)
                key = (path, conns)
                if key not in best or result["rps"] > best[key]["rps"]:
                    best[key] = result
    return best


def report(title: str, best: dict, connections: tuple[int, ...]) -> None:
    print(f"\n| {title} | conns | req/s | p50 ms | p99 ms | vs bare | p50 vs static |")
    print("|---|---|---|---|---|---|---|")
    for conns in connections:
        bare, static = best[(BARE, conns)], best[(STATIC, conns)]
        for path in (BARE, STATIC, *PAGES):
            row = best[(path, conns)]
            ratio = f"{100 * row['rps'] / bare['rps']:.0f}%"
            versus = "" if path == BARE else f"{row['p50'] / static['p50']:.1f}x"
            print(f"| {path} | {conns} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {ratio} | {versus} |")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", default="gunicorn,waitress")
    parser.add_argument("--databases", default="postgresql,sqlite")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--connections", default="1,8")
    parser.add_argument("--cache-url", default="", help="HUB_CACHE_URL for the hub (default: in-process)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    connections = tuple(int(c) for c in args.connections.split(","))
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    for server in args.servers.split(","):
        for database in args.databases.split(","):
            with Setup(server, database, args.cache_url) as setup:
                best = measure(setup, args.rounds, args.seconds, connections)
            report(f"{server}, {database}", best, connections)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
