"""Opportunities: create and edit calls, the lists of open and closed ones. Add and flush, never commit.

Open or closed is decided by the clock when a list is asked for (`closes_at` against
`utcnow()` in the query): a call whose deadline passed is closed without anyone running anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub import modeling
from hub.auth.models import User
from hub.events.models import has_code
from hub.extensions import db
from hub.modeling import rows_by_key, utcnow
from hub.opportunities.models import Opportunity
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review import changes, workflow
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.taxonomy.models import Theme

SCALAR_FIELDS = ("title", "kind", "summary", "description", "language", "eligibility", "eligible_org_types",
                 "amount", "currency", "support", "timezone", "opens_at", "closes_at", "apply_url", "apply_email",
                 "languages")
LIST_FIELDS = ("residence_countries", "heritage_countries", "countries", "themes")
HISTORY_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS)
FIELD_LABELS = {
    "title": _l("Title"), "kind": _l("Kind of opportunity"), "summary": _l("Short summary"),
    "description": _l("Description"), "language": _l("Language"), "eligibility": _l("Who may apply"),
    "eligible_org_types": _l("Kinds of organization that may apply"), "amount": _l("Amount offered"),
    "currency": _l("Currency"), "support": _l("Other support offered"), "timezone": _l("Time zone"),
    "opens_at": _l("Opens (UTC)"), "closes_at": _l("Closes (UTC)"), "apply_url": _l("Apply at (link)"),
    "apply_email": _l("Apply by e-mail"), "languages": _l("Languages applications are accepted in"),
    "residence_countries": _l("Open to applicants based in"), "heritage_countries": _l("Open to diasporas of"),
    "countries": _l("Countries concerned"), "themes": _l("Themes"),
}
LIST_OPTIONS = (selectinload(Opportunity.organization), selectinload(Opportunity.countries),
                selectinload(Opportunity.residence_countries), selectinload(Opportunity.themes))
CENT = Decimal("0.01")


def _apply(opportunity: Opportunity, data: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(opportunity, name, data[name])
    if isinstance(opportunity.amount, Decimal):
        opportunity.amount = opportunity.amount.quantize(CENT)
    for name in ("residence_countries", "heritage_countries", "countries"):
        if name in data:
            setattr(opportunity, name, rows_by_key(Country, data[name], Country.iso3, [Country.name]))
    if "themes" in data:
        opportunity.themes = rows_by_key(Theme, data["themes"], Theme.slug, [Theme.position])


def create_opportunity(organization: Organization, user: User, data: dict) -> Opportunity:
    """A new draft call of `organization` from form (or API) data."""
    opportunity = Opportunity(slug=modeling.unique_slug(Opportunity, data["title"]), organization_id=organization.id,
                              review_state="draft", created_by_id=user.id, version=1)
    db.session.add(opportunity)
    _apply(opportunity, data)
    db.session.flush()
    record_audit(user, "create", opportunity, title=opportunity.title)
    return opportunity


def update_opportunity(opportunity: Opportunity, user: User, data: dict, expected_version) -> Opportunity:
    """Save an edit (edit conflicts refused); the previous values become a revision."""
    workflow.check_version(opportunity, expected_version)
    before = workflow.snapshot(opportunity, HISTORY_FIELDS)
    _apply(opportunity, data)
    db.session.flush()
    workflow.record_edit(opportunity, user, before)
    return opportunity


def history(opportunity: Opportunity) -> list[changes.Save]:
    return changes.history(opportunity, HISTORY_FIELDS)


def get_by_slug(slug: str) -> Opportunity | None:
    return db.session.scalar(sa.select(Opportunity).where(Opportunity.slug == slug))


def is_open(opportunity: Opportunity, now: datetime | None = None) -> bool:
    return opportunity.closes_at > (now or utcnow())


def days_left(opportunity: Opportunity, now: datetime | None = None) -> int:
    """Whole days until the deadline (0 on its last day)."""
    return max((opportunity.closes_at - (now or utcnow())).days, 0)


@dataclass
class Filters:
    kind: str | None = None
    theme: str | None = None
    country: str | None = None
    based_in: str | None = None
    language: str | None = None
    org: str | None = None


def published_opportunities(filters: Filters | None = None):
    """A select of the public calls matching `filters` (no order, open and closed)."""
    filters = filters or Filters()
    stmt = public(Opportunity)
    if filters.kind:
        stmt = stmt.where(Opportunity.kind == filters.kind)
    if filters.theme:
        stmt = stmt.where(Opportunity.themes.any(Theme.slug == filters.theme))
    if filters.country:
        stmt = stmt.where(Opportunity.countries.any(Country.iso3 == filters.country))
    if filters.based_in:
        # Open to organizations based there: the call names that country, or names none (anywhere).
        stmt = stmt.where(sa.or_(Opportunity.residence_countries.any(Country.iso3 == filters.based_in),
                                 ~Opportunity.residence_countries.any()))
    if filters.language:
        stmt = stmt.where(has_code(Opportunity.languages, filters.language))
    if filters.org:
        stmt = stmt.where(Opportunity.organization.has(Organization.slug == filters.org))
    return stmt.options(*LIST_OPTIONS)


def open_now(stmt):
    """Calls still open by the clock now, soonest deadline first."""
    return stmt.where(Opportunity.closes_at > utcnow()).order_by(Opportunity.closes_at, Opportunity.id)


def closed_now(stmt):
    """Calls whose deadline has passed by the clock now, most recently closed first."""
    return stmt.where(Opportunity.closes_at <= utcnow()).order_by(Opportunity.closes_at.desc(), Opportunity.id.desc())


def open_for(*, country: str | None = None, org_id: int | None = None, theme: str | None = None,
             limit: int = 5) -> list[Opportunity]:
    """The open public calls for a country (concerned or of residence), an organization, a theme or the home page."""
    stmt = public(Opportunity)
    if country:
        stmt = stmt.where(sa.or_(Opportunity.countries.any(Country.iso3 == country),
                                 Opportunity.residence_countries.any(Country.iso3 == country)))
    if org_id:
        stmt = stmt.where(Opportunity.organization_id == org_id)
    if theme:
        stmt = stmt.where(Opportunity.themes.any(Theme.slug == theme))
    return list(db.session.scalars(open_now(stmt.options(*LIST_OPTIONS)).limit(limit)))
