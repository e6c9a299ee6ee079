"""The one review workflow shared by every kind of submitted content.

    draft ──submit──▶ submitted ──approve──▶ published
      ▲                  │  ├──request_changes──▶ changes_requested ──submit──▶ submitted
      └──withdraw────────┘  └──reject──▶ rejected
    published ──unpublish──▶ draft

Members of the owning organization submit and withdraw; moderators approve, request changes,
reject, unpublish and feature. A trusted organization's submission is published at once.
Every transition is checked (state and permission), stamped and written to the audit log.
Services here add and flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from hub.auth.permissions import can
from hub.extensions import db
from hub.modeling import utcnow
from hub.orgs.models import Organization
from hub.review.history import record_audit, record_revision


class ReviewError(Exception):
    """A workflow step that cannot happen; `message` is safe to show the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(ReviewError):
    """The record is not in a state this step starts from."""


class ReviewPermissionDenied(ReviewError):
    """The user may not take this step on this record."""


class EditConflict(ReviewError):
    """Somebody saved the record after the editor opened it."""


@dataclass(frozen=True)
class Transition:
    verb: str
    sources: frozenset[str]
    target: str
    permission: str  # the permission name checked with hub.auth.permissions.can
    label: object
    needs_note: bool = False


TRANSITIONS = {
    t.verb: t
    for t in (
        Transition("submit", frozenset({"draft", "changes_requested"}), "submitted", "submit",
                   _l("Submit for review")),
        Transition("withdraw", frozenset({"submitted"}), "draft", "submit", _l("Withdraw")),
        Transition("approve", frozenset({"submitted"}), "published", "review", _l("Approve and publish")),
        Transition("request_changes", frozenset({"submitted"}), "changes_requested", "review",
                   _l("Request changes"), needs_note=True),
        Transition("reject", frozenset({"submitted"}), "rejected", "review", _l("Reject"), needs_note=True),
        Transition("unpublish", frozenset({"published"}), "draft", "review", _l("Unpublish"), needs_note=True),
    )
}

NEXT_STEP = {
    "draft": _l("Preview it, then submit it for review."),
    "submitted": _l("Waiting for a moderator's review."),
    "changes_requested": _l("Make the changes the reviewer asked for, then submit it again."),
    "published": _l("Public. Edits you save stay published and are kept in the history."),
    "rejected": _l("Rejected by a moderator; see the note."),
}


def owner_is_trusted(obj) -> bool:
    org_id = getattr(obj, "organization_id", None) or getattr(obj, "lead_organization_id", None)
    org = db.session.get(Organization, org_id) if org_id else None
    return bool(org and org.trusted and org.verification == "verified")


def available(obj, user) -> list[Transition]:
    """The steps `user` may take on `obj` now (for buttons on dashboards and the queue)."""
    return [
        t for t in TRANSITIONS.values()
        if obj.review_state in t.sources and can(user, t.permission, obj)
    ]


def transition(obj, verb: str, user, note: str = ""):
    """Move `obj` through the workflow by `verb`, checking state and permission."""
    step = TRANSITIONS.get(verb)
    if step is None:
        raise TransitionNotAllowed(_l("Unknown review step."))
    if not can(user, step.permission, obj):
        raise ReviewPermissionDenied(_l("You may not do this to this record."))
    if obj.review_state not in step.sources:
        raise TransitionNotAllowed(_l("This cannot be done while the record is “%(state)s”.",
                                      state=obj.review_state.replace("_", " ")))
    note = (note or "").strip()
    if step.needs_note and not note:
        raise ReviewError(_l("Please write a note saying why."))

    now = utcnow()
    previous = obj.review_state
    target = step.target
    if verb == "submit":
        obj.submitted_at = now
        if owner_is_trusted(obj):
            target = "published"
    if step.permission == "review":
        obj.reviewed_at = now
        obj.reviewed_by_id = user.id
        obj.review_note = note
    elif verb == "submit":
        obj.review_note = obj.review_note if previous == "changes_requested" else ""
    if target == "published" and obj.published_at is None:
        obj.published_at = now
    if target == "published":  # for on_published_commit (model and id: objects expire at commit)
        db.session.info.setdefault("published", []).append((type(obj), obj.id))
    if target != "published":
        obj.featured = False
    obj.review_state = target
    record_audit(user, verb if target == step.target else "publish_trusted", obj, note=note,
                 previous=previous, state=target)
    db.session.flush()
    return obj


PUBLISHED_HOOKS: list[Callable[[list[tuple[type, int]]], None]] = []


def on_published_commit(callback: Callable[[list[tuple[type, int]]], None]) -> None:
    """Call `callback([(model, id), ...])` after every commit that published records (a feature's
    alerts, say). It runs inside SQLAlchemy's after_commit: it may note what to do, not query."""
    PUBLISHED_HOOKS.append(callback)
    if not sa.event.contains(Session, "after_commit", _after_commit):
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_rollback", _after_rollback)


def _after_commit(session: Session) -> None:
    if published := session.info.pop("published", None):
        for callback in PUBLISHED_HOOKS:
            callback(published)


def _after_rollback(session: Session) -> None:
    session.info.pop("published", None)


def set_featured(obj, user, featured: bool):
    """Feature a published record on the home page (moderators only)."""
    if not can(user, "review", obj):
        raise ReviewPermissionDenied(_l("Only moderators can feature content."))
    if featured and obj.review_state != "published":
        raise TransitionNotAllowed(_l("Only published content can be featured."))
    obj.featured = featured
    record_audit(user, "feature" if featured else "unfeature", obj)
    db.session.flush()
    return obj


def check_version(obj, expected_version) -> None:
    """Refuse a save based on an older version than the one stored (an edit conflict)."""
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        expected = -1
    if expected != obj.version:
        raise EditConflict(_l("Someone else saved this record after you opened it. Your text is kept below; "
                              "compare it with the saved version and save again."))


def record_edit(obj, user, before: dict, summary: str = "") -> None:
    """After an edit: keep the previous values as a revision and bump the version."""
    changed = {key: value for key, value in before.items() if snapshot_value(getattr(obj, key, None)) != value}
    if not changed:
        return
    record_revision(obj, user, before, summary=summary or ", ".join(sorted(changed)))
    obj.version = (obj.version or 1) + 1
    db.session.flush()


def snapshot_value(value):
    """A JSON-friendly form of a field value; related records become their codes or ids."""
    if isinstance(value, list):
        return [getattr(v, "iso3", None) or getattr(v, "slug", None) or getattr(v, "id", v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is not None and not isinstance(value, (str, int, float, bool)):
        return str(value)
    return value


def snapshot(obj, fields) -> dict:
    """The current values of `fields` of `obj`, to pass to record_edit after changing it."""
    return {field: snapshot_value(getattr(obj, field, None)) for field in fields}
