"""Check that the catalogue's addresses still answer: bounded concurrency, timeouts, never a hang.

Standard library only (urllib): a HEAD request first, then GET when a server refuses HEAD.
Each address gets a per-request socket timeout; a watchdog also gives up on a check that takes
longer than a few timeouts (a DNS lookup cannot be interrupted), records it as failed and goes
on. Worker threads are daemons, so a check stuck in the resolver never holds up the exit —
which is why this is a small pool of its own rather than concurrent.futures, whose workers are
joined at interpreter exit.
"""

from __future__ import annotations

import http.client
import queue
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

USER_AGENT = "DiasporaHub-LinkCheck/1.0 (+catalogue link check)"
RETRY_WITH_GET = {400, 403, 405, 406, 429, 501}
MAX_ERROR = 300


@dataclass(frozen=True)
class LinkResult:
    """What one address answered: final HTTP status (None if none), whether it works, why not."""

    url: str
    status: int | None
    ok: bool
    error: str = ""
    final_url: str = ""
    seconds: float = 0.0


def _request(url: str, method: str, timeout: float):
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if method == "GET":
        headers["Range"] = "bytes=0-0"  # the first byte is enough to know the address works
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310 - http(s) checked by caller
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - http(s) only, checked by the caller


def _describe(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"Timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "Host not found (DNS lookup failed)"
    if isinstance(reason, ConnectionRefusedError):
        return "Connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return f"{type(reason).__name__}: {reason}"


def check_url(url: str, timeout: float = 10.0) -> LinkResult:
    """Check one address; never raises."""
    started = time.monotonic()
    if not url.lower().startswith(("http://", "https://")):
        return LinkResult(url, None, False, "Not an http(s) address")
    last_error = ""
    for method in ("HEAD", "GET"):
        try:
            with _request(url, method, timeout) as response:
                status = response.status
                return LinkResult(url, status, 200 <= status < 400, "", response.geturl(),
                                  time.monotonic() - started)
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in RETRY_WITH_GET:
                continue
            return LinkResult(url, exc.code, False, f"HTTP {exc.code} {exc.reason}"[:MAX_ERROR], exc.geturl() or url,
                              time.monotonic() - started)
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            last_error = _describe(exc, timeout)
            if method == "HEAD" and isinstance(exc, (http.client.HTTPException, ConnectionResetError)):
                continue  # some servers drop HEAD requests
            break
    return LinkResult(url, None, False, last_error[:MAX_ERROR], url, time.monotonic() - started)


def check_urls(
    jobs: Iterable[tuple[object, str]],
    *,
    workers: int = 8,
    timeout: float = 10.0,
    on_result: Callable[[object, LinkResult], None] | None = None,
    checker: Callable[[str, float], LinkResult] = check_url,
) -> dict[object, LinkResult]:
    """Check (key, url) pairs with at most `workers` in flight; returns {key: result}.

    `on_result(key, result)` is called in the calling thread as each result arrives (for
    progress and for writing to the database, which stays in the calling thread).
    """
    pending: queue.Queue = queue.Queue()
    jobs = list(jobs)
    for job in jobs:
        pending.put(job)
    done: queue.Queue = queue.Queue()
    started: dict[object, float] = {}
    lock = threading.Lock()
    give_up_after = timeout * 3 + 5  # HEAD + GET, plus a slow resolver

    def work() -> None:
        while True:
            try:
                key, url = pending.get_nowait()
            except queue.Empty:
                return
            with lock:
                started[key] = time.monotonic()
            try:
                result = checker(url, timeout)
            except Exception as exc:  # noqa: BLE001 - one bad address must not stop the run
                result = LinkResult(url, None, False, f"{type(exc).__name__}: {exc}"[:MAX_ERROR])
            done.put((key, result))

    def start_worker() -> None:
        threading.Thread(target=work, daemon=True, name="linkcheck").start()

    for _ in range(max(1, min(workers, len(jobs)))):
        start_worker()

    results: dict[object, LinkResult] = {}
    urls = dict(jobs)
    while len(results) < len(jobs):
        try:
            key, result = done.get(timeout=0.5)
        except queue.Empty:
            now = time.monotonic()
            with lock:
                stuck = [k for k, t in started.items() if k not in results and now - t > give_up_after]
            for key in stuck:
                result = LinkResult(urls[key], None, False, f"No answer within {give_up_after:g} s")
                results[key] = result
                with lock:
                    started.pop(key, None)
                if on_result:
                    on_result(key, result)
                start_worker()  # the stuck thread keeps its slot busy: give the queue another worker
            continue
        if key in results:
            continue  # a late answer after the watchdog gave up
        results[key] = result
        if on_result:
            on_result(key, result)
    return results
