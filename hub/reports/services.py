"""Reports of abuse: find the reported record, file a report, list and handle open ones.

Add and flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import AnonymousUserMixin

from hub.auth.permissions import can
from hub.extensions import db
from hub.modeling import utcnow
from hub.models import AbuseReport, Action, DataSource, Event, Opportunity, Organization, Partnership, Story
from hub.review.history import record_audit

# The kind in the address -> (model, endpoint of the record's public page).
KINDS = {
    "action": (Action, "actions.detail"),
    "partnership": (Partnership, "partnerships.detail"),
    "story": (Story, "stories.detail"),
    "source": (DataSource, "sources.detail"),
    "event": (Event, "events.detail"),
    "opportunity": (Opportunity, "opportunities.detail"),
    "organization": (Organization, "orgs.detail"),
}
KIND_LABELS = {"action": _l("Action"), "partnership": _l("Partnership"), "story": _l("Success story"),
               "source": _l("Data source"), "event": _l("Event"), "opportunity": _l("Opportunity"),
               "organization": _l("Organization")}
KIND_OF_TABLE = {model.__tablename__: kind for kind, (model, _endpoint) in KINDS.items()}


class ReportError(Exception):
    """A report that cannot be handled; str() is for the user."""


def find_public(kind: str, slug: str):
    """The record of `kind` with `slug` if anyone may see it, else None."""
    if kind not in KINDS:
        return None
    model, _endpoint = KINDS[kind]
    record = db.session.scalar(sa.select(model).where(model.slug == slug))
    if record is None or not can(AnonymousUserMixin(), "view", record):
        return None
    return record


def title_of(record) -> str:
    return getattr(record, "title", None) or getattr(record, "name", "")


def create_report(record, reason: str, details: str = "", email: str = "", user=None) -> AbuseReport:
    """File an open report about `record`."""
    report = AbuseReport(
        entity_type=record.__tablename__, entity_id=record.id, reason=reason, details=details or "",
        reporter_email=email or "", reporter_id=getattr(user, "id", None) if getattr(user, "is_authenticated", False)
        else None, status="open",
    )
    db.session.add(report)
    db.session.flush()
    return report


def handle_report(report: AbuseReport, moderator, decision: str, note: str = "") -> AbuseReport:
    """Resolve or dismiss an open report, with an audit event."""
    if decision not in ("resolved", "dismissed"):
        raise ReportError("unknown decision")
    if report.status != "open":
        raise ReportError("already handled")
    report.status = decision
    report.handled_by_id = moderator.id
    report.handled_at = utcnow()
    record_audit(moderator, "resolve_report" if decision == "resolved" else "dismiss_report", report, note=note,
                 reported=f"{report.entity_type}:{report.entity_id}", reason=report.reason)
    db.session.flush()
    return report


@dataclass
class OpenReport:
    report: AbuseReport
    kind: str
    record: object | None  # None when the record has been deleted since

    @property
    def title(self) -> str:
        return title_of(self.record) if self.record is not None else ""

    @property
    def endpoint(self) -> str:
        return KINDS[self.kind][1]


def open_reports(limit: int = 50) -> list[OpenReport]:
    """Open reports, oldest first, each with its record (one query per kind of record)."""
    reports = list(db.session.scalars(
        sa.select(AbuseReport).where(AbuseReport.status == "open")
        .order_by(AbuseReport.created_at, AbuseReport.id).limit(limit)
    ))
    records = {}
    for table in {r.entity_type for r in reports if r.entity_type in KIND_OF_TABLE}:
        model = KINDS[KIND_OF_TABLE[table]][0]
        ids = {r.entity_id for r in reports if r.entity_type == table}
        records.update({(table, row.id): row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))})
    return [OpenReport(r, KIND_OF_TABLE.get(r.entity_type, ""), records.get((r.entity_type, r.entity_id)))
            for r in reports if r.entity_type in KIND_OF_TABLE]
