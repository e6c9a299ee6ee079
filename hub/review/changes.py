"""The history of a reviewed record: its revisions as a list of saves, each with a readable diff."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from hub.auth.models import User
from hub.extensions import db
from hub.review import workflow
from hub.review.models import Revision


@dataclass
class Change:
    field: str
    before: object
    after: object
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text) for long texts


@dataclass
class Save:
    version: int
    user: User | None
    at: datetime | None
    changes: list[Change]


def _word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level diff keeping the spacing: [("equal"|"delete"|"insert", text), ...]."""
    a, b = re.findall(r"\S+|\s+", before), re.findall(r"\S+|\s+", after)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace"):
            parts.append(("equal" if op == "equal" else "delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("insert", "".join(b[j1:j2])))
    return [part for part in parts if part[1]]


def _changes(before: dict, after: dict, fields) -> list[Change]:
    changes = []
    for name in fields:
        old, new = before.get(name), after.get(name)
        if old == new or (name not in before and name not in after):
            continue
        change = Change(name, old, new)
        if isinstance(old, str) and isinstance(new, str) and (len(old) > 80 or len(new) > 80):
            change.words = _word_diff(old, new)
        changes.append(change)
    return changes


def history(record, fields) -> list[Save]:
    """Every save of `record` (a reviewed model), newest first: who, when, and what of `fields` changed."""
    revisions = list(db.session.scalars(
        sa.select(Revision).where(Revision.entity_type == record.__tablename__, Revision.entity_id == record.id)
        .order_by(Revision.version, Revision.id)
    ))
    user_ids = {r.user_id for r in revisions if r.user_id} | ({record.created_by_id} - {None})
    users = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(user_ids)))} if user_ids else {}
    states = [r.data for r in revisions] + [workflow.snapshot(record, fields)]
    saves = [Save(1, users.get(record.created_by_id), record.created_at, [])]
    for index, revision in enumerate(revisions):
        saves.append(Save(revision.version + 1, users.get(revision.user_id), revision.created_at,
                          _changes(states[index], states[index + 1], fields)))
    return list(reversed(saves))
