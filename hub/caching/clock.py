"""The next instant at which a page changes by the clock alone.

An event drops off "upcoming" when it ends and a call closes at its deadline without anyone
touching the database, so the content version does not change then. Pages that show them add
this instant to their cache key: the key changes exactly when the first such moment passes.
The instant itself is cached under the content version and recomputed once it has passed.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from hub.caching.store import digest, fetch, store, version_key
from hub.extensions import db


def _columns():
    from hub.events.models import Event
    from hub.opportunities.models import Opportunity

    return (Event.starts_at, Event.ends_at, Opportunity.opens_at, Opportunity.closes_at)


def clock_state(now: datetime | None = None) -> tuple[datetime | None, datetime | None]:
    """(the next start, end, opening or deadline after now, None when there is none; the last one
    that has passed, for Last-Modified), one query when the cached pair has expired."""
    now = now or datetime.now(UTC)
    key = "clock:" + digest(version_key("content"))
    cached = fetch(key)
    if cached is not None and (cached[0] is None or cached[0] > now):
        return cached
    columns = _columns()
    upcoming = [sa.select(sa.func.min(c)).where(c > now).scalar_subquery() for c in columns]
    passed = [sa.select(sa.func.max(c)).where(c <= now).scalar_subquery() for c in columns]
    row = db.session.execute(sa.select(*upcoming, *passed)).one()
    ahead = [_aware(m) for m in row[:len(columns)] if m is not None]
    behind = [_aware(m) for m in row[len(columns):] if m is not None]
    value = (min(ahead) if ahead else None, max(behind) if behind else None)
    store(key, value)
    return value


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
