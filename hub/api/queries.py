"""The selects behind the API's collections: only public records, the list pages' filters and sorts.

Actions reuse hub.actions.services.published_actions. The other list pages build their filters
inline in their views; these functions follow them condition for condition (and reuse the
features' helpers: freshness_condition, covers_country, overlaps_years) so a filter means the
same thing on the page and in the API. Each select eager-loads what its schema shows, so a page
costs the same few queries whatever its size.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from hub.actions import services as actions
from hub.actions.models import Action
from hub.orgs.models import Organization
from hub.partnerships import services as partnerships
from hub.partnerships.models import Partnership, PartnershipPartner
from hub.places.models import Country
from hub.review.visibility import public
from hub.sources import services as sources
from hub.sources.models import DataSource
from hub.stories.models import Story
from hub.taxonomy.models import Theme


def public_organizations():
    """Organizations anyone may see: the verified ones."""
    return sa.select(Organization).where(Organization.verification == "verified")


def organizations(args: dict):
    """The directory's filters (name, type, country, theme), by name."""
    stmt = public_organizations()
    if query := args.get("q", "").strip():
        stmt = stmt.where(Organization.name.ilike(f"%{query}%"))
    if org_type := args.get("org_type"):
        stmt = stmt.where(Organization.org_type == org_type)
    if code := args.get("country"):
        stmt = stmt.where(sa.or_(
            Organization.hq_country_iso3 == code,
            Organization.heritage_countries.any(iso3=code),
            Organization.operation_countries.any(iso3=code),
        ))
    if theme := args.get("theme"):
        stmt = stmt.where(Organization.themes.any(Theme.slug == theme))
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


PARTNERSHIP_OPTIONS = (
    joinedload(Partnership.lead_organization),
    selectinload(Partnership.countries),
    selectinload(Partnership.themes),
    selectinload(Partnership.sdgs),
    selectinload(Partnership.partners).joinedload(PartnershipPartner.organization),
)


def partnerships_list(args: dict):
    """The partnership list's filters: title, theme, country, partner type and role, status, freshness."""
    stmt = public(Partnership)
    if query := args.get("q", "").strip():
        stmt = stmt.where(Partnership.title.ilike(f"%{query}%"))
    if theme := args.get("theme"):
        stmt = stmt.where(Partnership.themes.any(Theme.slug == theme))
    if code := args.get("country"):
        stmt = stmt.where(Partnership.countries.any(iso3=code))
    if org_type := args.get("partner_type"):
        stmt = stmt.where(sa.or_(
            Partnership.lead_organization.has(Organization.org_type == org_type),
            Partnership.partners.any(sa.and_(
                PartnershipPartner.confirmation == "confirmed",
                PartnershipPartner.organization.has(Organization.org_type == org_type),
            )),
        ))
    if role := args.get("role"):
        stmt = stmt.where(Partnership.partners.any(sa.and_(
            PartnershipPartner.confirmation == "confirmed", PartnershipPartner.role == role)))
    if status := args.get("status"):
        stmt = stmt.where(Partnership.status == status)
    if light := args.get("freshness"):
        stmt = stmt.where(partnerships.freshness_condition(light))
    order = {
        "newest": (Partnership.published_at.desc(), Partnership.id.desc()),
        "title": (Partnership.title, Partnership.id),
    }.get(args.get("sort"), (Partnership.updated_at.desc(), Partnership.id.desc()))
    return stmt.order_by(*order).options(*PARTNERSHIP_OPTIONS)


STORY_OPTIONS = (
    joinedload(Story.organization),
    selectinload(Story.action).joinedload(Action.organization),
    selectinload(Story.partnership).joinedload(Partnership.lead_organization),
    selectinload(Story.countries),
    selectinload(Story.themes),
)


def stories_list(args: dict):
    """The story list's filters: title, theme, country, organization type, language."""
    stmt = public(Story)
    if query := args.get("q", "").strip():
        stmt = stmt.where(Story.title.ilike(f"%{query}%"))
    if theme := args.get("theme"):
        stmt = stmt.where(Story.themes.any(Theme.slug == theme))
    if code := args.get("country"):
        stmt = stmt.where(Story.countries.any(iso3=code))
    if org_type := args.get("org_type"):
        stmt = stmt.where(Story.organization.has(Organization.org_type == org_type))
    if language := args.get("language"):
        stmt = stmt.where(Story.language == language)
    order = {
        "updated": (Story.updated_at.desc(), Story.id.desc()),
        "title": (Story.title, Story.id),
    }.get(args.get("sort"), (Story.published_at.desc(), Story.id.desc()))
    return stmt.order_by(*order).options(*STORY_OPTIONS)


SOURCE_OPTIONS = (
    joinedload(DataSource.organization),
    selectinload(DataSource.countries),
    selectinload(DataSource.themes),
)


def sources_list(args: dict):
    """The catalogue's filters: text, kind, country covered (and scope), years, theme, access, publisher."""
    stmt = public(DataSource)
    if query := args.get("q", "").strip():
        pattern = f"%{query}%"
        stmt = stmt.where(sa.or_(DataSource.title.ilike(pattern), DataSource.publisher.ilike(pattern)))
    if kind := args.get("kind"):
        stmt = stmt.where(DataSource.kind == kind)
    code = args.get("country")
    if code:
        stmt = stmt.where(sources.covers_country(code, include_wider=args.get("scope") != "listed"))
    year_from, year_to = args.get("year_from"), args.get("year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    if year_from is not None or year_to is not None:
        stmt = stmt.where(sources.overlaps_years(year_from, year_to))
    if theme := args.get("theme"):
        stmt = stmt.where(DataSource.themes.any(Theme.slug == theme))
    if access := args.get("access"):
        stmt = stmt.where(DataSource.access == access)
    if publisher := args.get("publisher"):
        stmt = stmt.where(DataSource.publisher == publisher)
    order = {
        "updated": (DataSource.updated_at.desc(), DataSource.id.desc()),
        "newest": (DataSource.published_at.desc(), DataSource.id.desc()),
        "years": (DataSource.years_to.desc().nulls_last(), DataSource.title, DataSource.id),
    }.get(args.get("sort"), (DataSource.title, DataSource.id))
    if code:
        # Sources that name the country come before regional and worldwide ones, as on the page.
        order = (sa.case((DataSource.countries.any(iso3=code), 0), else_=1), *order)
    return stmt.order_by(*order).options(*SOURCE_OPTIONS)


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
    """Public records tagged with the theme, by kind (one query for all five counts)."""
    def count(stmt):
        return sa.select(sa.func.count()).select_from(stmt.subquery()).scalar_subquery()

    return {
        "organizations": count(public_organizations().where(Organization.themes.any(Theme.id == theme.id))),
        "actions": count(public(Action).where(Action.themes.any(Theme.id == theme.id))),
        "partnerships": count(public(Partnership).where(Partnership.themes.any(Theme.id == theme.id))),
        "stories": count(public(Story).where(Story.themes.any(Theme.id == theme.id))),
        "sources": count(public(DataSource).where(DataSource.themes.any(Theme.id == theme.id))),
    }
