"""What the home page shows: live counts and the latest published items."""

from __future__ import annotations

import sqlalchemy as sa

from hub.extensions import db
from hub.models import (
    Action,
    Country,
    CountryTotal,
    DataSource,
    Organization,
    Partnership,
    Story,
)
from hub.review.visibility import public as published


def count_of(stmt) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0


def home_counts() -> dict:
    """Live counts for the home page; all figures come from the database."""
    world = db.session.execute(
        sa.select(CountryTotal.year, sa.func.sum(CountryTotal.immigrants))
        .where(CountryTotal.edition == 2024)
        .group_by(CountryTotal.year)
        .order_by(CountryTotal.year.desc())
        .limit(1)
    ).first()
    return {
        "countries": count_of(sa.select(Country.iso3)),
        "organizations": count_of(
            sa.select(Organization.id).where(Organization.verification == "verified")
        ),
        "actions": count_of(published(Action)),
        "partnerships": count_of(published(Partnership)),
        "stories": count_of(published(Story)),
        "sources": count_of(published(DataSource)),
        "world_year": world[0] if world else None,
        "world_migrants": world[1] if world else None,
    }


def latest(model, limit: int = 4):
    """The newest public items of `model`, with their organization loaded in the same query."""
    stmt = published(model).order_by(model.published_at.desc().nulls_last(), model.id.desc())
    relation = getattr(model, "organization", None) or getattr(model, "lead_organization", None)
    if relation is not None:
        stmt = stmt.options(sa.orm.joinedload(relation))
    return db.session.scalars(stmt.limit(limit)).all()


def featured_actions(limit: int = 3):
    stmt = (
        published(Action)
        .where(Action.featured.is_(True))
        .options(sa.orm.joinedload(Action.organization))
        .order_by(Action.published_at.desc().nulls_last())
        .limit(limit)
    )
    return db.session.scalars(stmt).all()
