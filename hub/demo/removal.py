"""Remove exactly the demo records, their children and their history; nothing else."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from hub.actions.models import Action
from hub.auth.models import User
from hub.events.models import Event
from hub.extensions import db
from hub.opportunities.models import Opportunity
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.places.models import CommunityProfile
from hub.review.models import AbuseReport, AuditEvent, Revision
from hub.sources.models import DataSource
from hub.stories.models import Story

# Children before parents; each with the collections its deletion walks, loaded in one go.
DEMO_MODELS = (
    ("events", Event, (Event.organizers, Event.countries, Event.themes, Event.sdgs, Event.actions,
                       Event.partnerships)),
    ("opportunities", Opportunity, (Opportunity.countries, Opportunity.residence_countries,
                                    Opportunity.heritage_countries, Opportunity.themes)),
    ("stories", Story, (Story.countries, Story.themes)),
    ("partnerships", Partnership, (Partnership.partners, Partnership.reports,
                                   Partnership.countries, Partnership.themes, Partnership.sdgs,
                                   Partnership.actions)),
    ("actions", Action, (Action.results, Action.links, Action.origin_countries,
                         Action.implementation_countries, Action.themes, Action.sdgs,
                         Action.partners)),
    ("data sources", DataSource, (DataSource.countries, DataSource.themes)),
    ("community profiles", CommunityProfile, ()),
    ("users", User, (User.memberships,)),
    ("organizations", Organization, (Organization.memberships, Organization.heritage_countries,
                                     Organization.operation_countries, Organization.themes)),
)
HISTORY_MODELS = (Revision, AuditEvent, AbuseReport)


def _orgs_owning_real_content() -> set[int]:
    """Demo organizations that own non-demo records: deleting them would take those along."""
    owned = set()
    for model, column in ((Action, Action.organization_id), (Story, Story.organization_id),
                          (Partnership, Partnership.lead_organization_id), (Event, Event.organization_id),
                          (Opportunity, Opportunity.organization_id)):
        owned |= set(db.session.scalars(
            sa.select(column).join(Organization, Organization.id == column)
            .where(Organization.is_demo, sa.not_(model.is_demo))
        ))
    return owned


def remove_demo_records(progress: Callable[[str], None]) -> dict[str, int]:
    kept = _orgs_owning_real_content()
    deleted: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for label, model, collections in DEMO_MODELS:
        query = sa.select(model).where(model.is_demo)
        if model is Organization and kept:
            query = query.where(Organization.id.not_in(kept))
        records = list(db.session.scalars(
            query.options(*(selectinload(c) for c in collections))))
        for record in records:
            db.session.delete(record)
        db.session.flush()
        deleted[model.__tablename__] = [r.id for r in records]
        counts[label] = len(records)
        progress(f"Removed {len(records)} demo {label}.")
    _detach_survivors(deleted)
    _forget_history(deleted)
    if kept:
        progress(f"Kept {len(kept)} demo organization(s) that own non-demo records.")
    return counts


def _mapper_of(table: sa.Table):
    return next((m for m in db.Model.registry.mappers if table in m.tables), None)


def _detach_survivors(deleted: dict[str, list[int]]) -> None:
    """Do what ON DELETE would do for the records left behind (SQLite does not enforce it).

    Mapped rows are changed through the ORM so session hooks (search) see them; link tables
    that only join a deleted record to a surviving one lose that row.
    """
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            ids = deleted.get(fk.column.table.name)
            if not ids or fk.column.name != "id" or fk.ondelete not in ("SET NULL", "CASCADE"):
                continue
            column = fk.parent
            mapper = _mapper_of(table)
            if mapper is None:
                if fk.ondelete == "CASCADE":
                    db.session.execute(sa.delete(table).where(column.in_(ids)))
                continue
            attribute = mapper.get_property_by_column(column).key
            for record in db.session.scalars(
                sa.select(mapper.class_).where(getattr(mapper.class_, attribute).in_(ids))
            ):
                if fk.ondelete == "SET NULL":
                    setattr(record, attribute, None)
                elif not hasattr(record, "is_demo"):  # children: memberships, tokens, ...
                    db.session.delete(record)
    db.session.flush()


def _forget_history(deleted: dict[str, list[int]]) -> None:
    """Revisions, audit events and abuse reports about the deleted records."""
    for model in HISTORY_MODELS:
        for table_name, ids in deleted.items():
            if ids:
                db.session.execute(sa.delete(model).where(
                    model.entity_type == table_name, model.entity_id.in_(ids)))
