"""Caching: data and whole anonymous pages, keyed by versions that live in the database.

Two versions, `content` and `reference`, are rows of `cache_version`; a session hook gives one a
new token in the same transaction as any change to a table it covers (hub.caching.versions), so a
rollback forgets the bump with the change and every host and worker sees it at once. Cached values
are keyed by the tokens they depend on: nothing has to be deleted, and an old entry can never be
served after a change. The store is Flask-Caching (in-process by default, Redis with HUB_CACHE_URL).
"""

from __future__ import annotations

from flask import Flask

from hub.caching.pages import cached_page, mark_private
from hub.caching.store import cache, remember
from hub.caching.versions import current, install_listeners

__all__ = ["cache", "cached_page", "current", "init_app", "remember"]


def init_app(app: Flask) -> None:
    """Bind the cache, install the version hooks and the private-response rule."""
    from hub.caching.store import init_store

    init_store(app)
    install_listeners()
    app.after_request(mark_private)
