"""The cache store (Flask-Caching) and `remember`, for data that depends on the versions.

HUB_CACHE_URL unset: an in-process SimpleCache per worker (`make run`, tests). `redis://...`: one
RedisCache shared by every worker and host. Keys carry the version tokens, so nothing is ever
deleted; old entries expire (a day) or are evicted (Redis maxmemory policy, SimpleCache's limit).
A cache that cannot be reached is logged and skipped: pages are computed as if it were empty.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from flask_babel import get_locale
from flask_caching import Cache

from hub.caching.versions import current

log = logging.getLogger(__name__)

cache = Cache()
DEFAULT_TIMEOUT = 24 * 3600
SIMPLE_THRESHOLD = 2000  # entries per process before SimpleCache drops the oldest


def init_store(app: Flask) -> None:
    url = app.config.get("CACHE_URL") or ""
    if url.startswith(("redis://", "rediss://", "unix://")):
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url}
    elif url in ("", "simple"):
        config = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": SIMPLE_THRESHOLD}
    elif url == "null":
        config = {"CACHE_TYPE": "NullCache"}
    else:
        raise RuntimeError(f"HUB_CACHE_URL must be redis://..., 'simple' or 'null', not {url!r}")
    config.update(CACHE_DEFAULT_TIMEOUT=DEFAULT_TIMEOUT, CACHE_KEY_PREFIX=app.config.get("CACHE_KEY_PREFIX", "hub:"))
    cache.init_app(app, config=config)


def version_key(depends_on: str) -> str:
    """The part of a key that changes with the versions `depends_on` names ("content", "reference",
    "both")."""
    names = ("content", "reference") if depends_on == "both" else (depends_on,)
    versions = current()
    return ".".join(versions[name].token for name in names)


def locale() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def fetch(key: str) -> Any:
    """The cached value of `key`, or None (also when the cache cannot be reached)."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage must not take pages down
        log.warning("Cache read failed for %s; computing instead", key, exc_info=True)
        return None


def store(key: str, value: Any) -> None:
    try:
        cache.set(key, value)
    except Exception:  # noqa: BLE001
        log.warning("Cache write failed for %s", key, exc_info=True)


def remember(name: str, compute: Callable[[], Any], depends_on: str = "content", localized: bool = False) -> Any:
    """`compute()`, cached under `name` until the versions it depends on change.

    `name` must say everything the value depends on besides those versions (record keys, filters);
    `localized` adds the interface language, for values holding translated text or formatted numbers.
    """
    key = "data:" + digest(name, version_key(depends_on), locale() if localized else "")
    boxed = fetch(key)
    if boxed is not None:
        return boxed[0]
    value = compute()
    store(key, (value,))
    return value
