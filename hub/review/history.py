"""Revisions and the audit log: who changed what, when, and what it was before."""

from __future__ import annotations

import datetime as dt
import decimal

from hub.extensions import db
from hub.review.models import AuditEvent, Revision


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def entity_type(obj) -> str:
    return obj.__tablename__


def record_revision(obj, user, data: dict, summary: str = "") -> Revision:
    """Keep `data` (the values before this save) as a revision of `obj`; adds, never commits."""
    revision = Revision(
        entity_type=entity_type(obj),
        entity_id=obj.id,
        version=getattr(obj, "version", 1) or 1,
        user_id=getattr(user, "id", None),
        summary=summary,
        data={key: _plain(value) for key, value in data.items()},
    )
    db.session.add(revision)
    return revision


def record_audit(actor, verb: str, obj=None, note: str = "", **data) -> AuditEvent:
    """Add an audit event: `actor` did `verb` to `obj`; adds, never commits."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        verb=verb,
        entity_type=entity_type(obj) if obj is not None else "",
        entity_id=getattr(obj, "id", None),
        note=note,
        data={key: _plain(value) for key, value in data.items()},
    )
    db.session.add(event)
    return event
