"""A real `hub worker` on the real Redis (database 3): killed with SIGKILL in the middle of a
batch of 300 e-mails and restarted, it loses none of them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from huey.storage import RedisStorage

from hub import create_app, jobs
from hub.auth.mail import send_mail
from hub.extensions import db

REDIS_URL = "redis://127.0.0.1:6379/3"
MAILS = 300


def _redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379 (.ci/run starts it)")
    return client


@pytest.fixture
def queue_name():
    """A queue of this test's own in Redis database 3; its keys are deleted afterwards."""
    client = _redis_or_skip()
    name = f"hubtest{uuid.uuid4().hex[:10]}"  # Huey drops anything but [a-z0-9] from its keys
    yield name
    for key in client.scan_iter(match=f"*{name}*"):
        client.delete(key)
    client.close()


def _start_worker(app, instance: Path, queue: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "HUB_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "HUB_INSTANCE_DIR": str(instance),
           "HUB_SECRET_KEY": "a-test-secret-that-is-long-enough-for-workers", "HUB_QUEUE_URL": REDIS_URL,
           "HUB_QUEUE_NAME": queue, "HUB_DATA_DIR": app.config["DATA_DIR"]}
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-c", "from hub.cli import main; main()", "worker", "--threads", "2",
                                 "--no-periodic"], env=env, stdout=out, stderr=subprocess.STDOUT)


def _delivered(outbox: Path) -> list[str]:
    return [message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"] for p in outbox.glob("*.eml")]


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def test_worker_killed_mid_batch_loses_no_mail(app, tmp_path, queue_name):
    instance, log = tmp_path / "worker-instance", tmp_path / "worker.log"
    outbox = instance / "outbox"
    # The web side: the same database, queueing into Redis, as a production host does.
    web = create_app({**app.config, "QUEUE_URL": REDIS_URL, "QUEUE_NAME": queue_name})
    try:
        with web.test_request_context():
            for n in range(MAILS):
                send_mail(f"reader{n}@example.org", f"Message {n:03d}", "auth/mail/reset.txt", user=None,
                          url=f"https://hub.example.org/{n}", minutes=60)
            db.session.commit()  # 300 rows, then 300 deliver_mail jobs in Redis
            assert RedisStorage(queue_name, url=REDIS_URL).queue_size() == MAILS
    finally:
        jobs.init_app(app)  # the test app runs jobs at once again

    worker = _start_worker(app, instance, queue_name, log)
    try:
        _wait(lambda: len(list(outbox.glob("*.eml"))) >= 10, 60, "the first deliveries")
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    at_kill = len(_delivered(outbox))
    assert 10 <= at_kill < MAILS, f"{at_kill} delivered before SIGKILL: the batch was not interrupted"

    with app.app_context():
        # A killed worker's claims lapse after MAIL_CLAIM_SECONDS (5 minutes); let them lapse now.
        db.session.execute(sa.text("UPDATE outgoing_mail SET claimed_until = :t WHERE status = 'sending'"),
                           {"t": "2000-01-01 00:00:00"})
        db.session.commit()
    worker = _start_worker(app, instance, queue_name, log)
    try:
        _wait(lambda: len(set(_delivered(outbox))) >= MAILS, 120, "every message after the restart")
        with app.app_context():
            _wait(lambda: db.session.scalar(sa.text("SELECT count(*) FROM outgoing_mail WHERE status = 'sent'"))
                  == MAILS or db.session.rollback(), 30, "every row marked sent")
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
    subjects = _delivered(outbox)
    assert set(subjects) == {f"Message {n:03d}" for n in range(MAILS)}, log.read_text()[-3000:]
    # At least once: only messages in flight at the kill (one per thread) may have gone twice.
    assert len(subjects) - MAILS <= 2, f"{len(subjects) - MAILS} duplicates"
    print(f"worker test: {at_kill} delivered at SIGKILL, {len(subjects)} files for {MAILS} messages")
    assert "Mail waiting at start" in log.read_text()
