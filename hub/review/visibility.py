"""What the public may see: published records of verified organizations."""

from __future__ import annotations

import sqlalchemy as sa

from hub.orgs.models import Organization


def owner_column(model):
    return getattr(model, "organization_id", None) or getattr(model, "lead_organization_id", None)


def public(model):
    """A select of the rows of `model` anyone may see."""
    stmt = sa.select(model).where(model.review_state == "published")
    return stmt.where(is_public_owner(model))


def is_public_owner(model):
    """SQL condition: the record has no owner, or its owner is verified."""
    owner = owner_column(model)
    if owner is None:
        return sa.true()
    verified = sa.select(Organization.id).where(Organization.verification == "verified")
    return sa.or_(owner.is_(None), owner.in_(verified))
