"""Where the queue lives, chosen from HUB_QUEUE_URL when the app is created.

    unset / sqlite:///path   SqliteHuey storage (default instance/queue.sqlite3): `make run`, one host
    redis://host:port/db     RedisHuey storage: several hosts and workers share one queue
    memory://                immediate mode: a job runs in the caller, at once (tests)
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from flask import Flask, current_app, has_app_context, has_request_context
from huey import Huey
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from hub.config import DEFAULT_BASE_URL

# Tasks register on this one instance at import; init_app points it at the configured storage.
huey = Huey("hub", results=False, utc=True, storage_class=MemoryStorage)
_state: dict = {"app": None}


def init_app(app: Flask) -> None:
    """Point the queue at HUB_QUEUE_URL and remember the app the jobs run in."""
    url = app.config.get("QUEUE_URL") or ""
    name = app.config.get("QUEUE_NAME") or "hub"
    huey.name = name
    if url.startswith("memory:"):
        huey._immediate = True
        huey.storage = MemoryStorage(name)
    elif url.startswith(("redis://", "rediss://", "unix://")):
        huey._immediate = False
        huey.storage = RedisStorage(name, url=url)
    else:
        path = url.removeprefix("sqlite:///") if url else str(Path(app.config["INSTANCE_DIR"]) / "queue.sqlite3")
        huey._immediate = False
        huey.storage = SqliteStorage(name, filename=path)
    _state["app"] = app
    import hub.jobs.tasks  # noqa: F401  (register the tasks and periodic jobs)
    from hub.mailqueue.services import install_listeners

    install_listeners()


def describe() -> str:
    """Where the queue is, for logs and `hub worker` (no password)."""
    storage = huey.storage
    if huey.immediate:
        return "immediate mode (memory://): jobs run in the caller"
    if isinstance(storage, RedisStorage):
        kwargs = storage.conn.connection_pool.connection_kwargs
        return f"Redis {kwargs.get('host', kwargs.get('path'))}:{kwargs.get('port', '')}/{kwargs.get('db', 0)}, " \
               f"queue {huey.name!r}"
    return f"SQLite {getattr(storage, 'filename', '?')}, queue {huey.name!r}"


def app_for_jobs() -> Flask:
    """The app whose context jobs run in: the current one, or the one init_app saw last."""
    if has_app_context():
        return current_app._get_current_object()
    if _state["app"] is None:
        from hub import create_app

        create_app()
    return _state["app"]


@contextmanager
def base_url_request(app: Flask | None = None, *, keep_request: bool = False):
    """A request context whose url_for(_external=True) writes HUB_BASE_URL, the address people use
    to reach the hub: links in mail sent from a job or a command, where no request tells the host.

    `keep_request`: inside a request being served, use it as it is (its host is the right one)."""
    app = app or current_app._get_current_object()
    if keep_request and has_request_context():
        yield app
        return
    with app.test_request_context(base_url=app.config.get("BASE_URL") or DEFAULT_BASE_URL):
        yield app


def base_url_warning(app: Flask | None = None) -> str | None:
    """What to tell whoever runs a mailing command when links would point at the default address."""
    app = app or current_app._get_current_object()
    if app.config.get("BASE_URL_FROM", "HUB_BASE_URL"):
        return None
    return (f"Warning: HUB_BASE_URL is not set, so links in these e-mails point to {app.config['BASE_URL']}. "
            "Set HUB_BASE_URL to the address people use to reach the hub (`make run` writes it to "
            "instance/base_url for the commands run against its instance).")


@contextmanager
def job_request_context():
    """An app and request context for a job: templates, translations and url_for(_external=True)
    against HUB_BASE_URL (always, even when an immediate-mode job runs inside a request)."""
    app = app_for_jobs()
    with app.app_context(), base_url_request(app):
        yield app
