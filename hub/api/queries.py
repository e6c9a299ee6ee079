"""The selects behind the API's collections: only public records, the list pages' filters and sorts.

Actions, partnerships, stories and sources use their feature's own list query (the same one
their list page uses), so a filter means the same thing on the page, in the API and in the CSV.
Each select eager-loads what its schema shows, so a page
costs the same few queries whatever its size.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from hub.actions import services as actions
from hub.actions.models import Action
from hub.events.models import Event
from hub.modeling import utcnow
from hub.opportunities.models import Opportunity
from hub.orgs import services as orgs
from hub.orgs.models import Organization
from hub.partnerships import services as partnerships
from hub.partnerships.models import Partnership
from hub.places.models import Country
from hub.review.visibility import public
from hub.sources import services as sources
from hub.sources.models import DataSource
from hub.stories import services as stories
from hub.stories.models import Story
from hub.taxonomy.models import Theme


def public_organizations():
    """Organizations anyone may see: the verified ones."""
    return sa.select(Organization).where(Organization.verification == "verified")


def organizations(args: dict):
    """The directory's filters (name, type, country, theme), by name."""
    stmt = orgs.filter_directory(public_organizations(), args)
    order = {"updated": (Organization.updated_at.desc(), Organization.id.desc())}.get(
        args.get("sort"), (Organization.name, Organization.id))
    return stmt.order_by(*order).options(*ORGANIZATION_OPTIONS)


ORGANIZATION_OPTIONS = (
    selectinload(Organization.hq_country),
    selectinload(Organization.heritage_countries),
    selectinload(Organization.operation_countries),
    selectinload(Organization.themes),
)

ACTION_OPTIONS = (
    selectinload(Action.organization),
    selectinload(Action.origin_countries),
    selectinload(Action.implementation_countries),
    selectinload(Action.themes),
    selectinload(Action.sdgs),
    selectinload(Action.partners),
    selectinload(Action.results),
    selectinload(Action.links),
)


def actions_list(args: dict):
    """The action list's own filter service; sorts as the list does (newest), or by update or title."""
    filters = actions.Filters(**{name: args.get(name) for name in
                                 ("theme", "origin", "country", "status", "org_type", "year")})
    stmt = actions.published_actions(filters)
    if args.get("sort") == "updated":
        stmt = stmt.order_by(None).order_by(Action.updated_at.desc(), Action.id.desc())
    elif args.get("sort") == "title":
        stmt = stmt.order_by(None).order_by(Action.title, Action.id)
    return stmt.options(*ACTION_OPTIONS)


PARTNERSHIP_OPTIONS = partnerships.LIST_OPTIONS
STORY_OPTIONS = stories.LIST_OPTIONS
SOURCE_OPTIONS = sources.LIST_OPTIONS
partnerships_list = partnerships.list_statement
stories_list = stories.list_statement
sources_list = sources.list_statement


def countries_list(args: dict):
    """Countries and areas; `q` matches names in three languages and codes, `region` the UN region."""
    stmt = sa.select(Country)
    if query := args.get("q", "").strip():
        pattern = f"%{query.lower()}%"
        stmt = stmt.where(sa.or_(*(sa.func.lower(column).like(pattern) for column in
                                   (Country.name, Country.name_fr, Country.name_es, Country.iso3, Country.iso2))))
    if region := args.get("region"):
        stmt = stmt.where(Country.region == region)
    order = (Country.iso3,) if args.get("sort") == "iso3" else (Country.name, Country.iso3)
    return stmt.order_by(*order)


def themes_list():
    return sa.select(Theme).order_by(Theme.position, Theme.id)


def theme_counts(theme: Theme) -> dict[str, sa.ScalarSelect]:
    """Public records tagged with the theme, by kind (one query for all the counts)."""
    def count(stmt):
        return sa.select(sa.func.count()).select_from(stmt.subquery()).scalar_subquery()

    return {
        "organizations": count(public_organizations().where(Organization.themes.any(Theme.id == theme.id))),
        "actions": count(public(Action).where(Action.themes.any(Theme.id == theme.id))),
        "partnerships": count(public(Partnership).where(Partnership.themes.any(Theme.id == theme.id))),
        "stories": count(public(Story).where(Story.themes.any(Theme.id == theme.id))),
        "sources": count(public(DataSource).where(DataSource.themes.any(Theme.id == theme.id))),
        # Decided by the clock now, as the lists decide it.
        "upcoming_events": count(public(Event).where(Event.themes.any(Theme.id == theme.id),
                                                     Event.ends_at > utcnow())),
        "open_opportunities": count(public(Opportunity).where(Opportunity.themes.any(Theme.id == theme.id),
                                                              Opportunity.closes_at > utcnow())),
    }
