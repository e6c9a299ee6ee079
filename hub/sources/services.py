"""The data-source catalogue: submit, curate, filter by coverage, record link checks. Add and flush, never commit."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from hub.auth.permissions import can, is_moderator
from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.places.models import Country
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.review.workflow import record_edit, snapshot
from hub.sources.linkcheck import LinkResult
from hub.sources.models import DataSource
from hub.taxonomy.models import Theme

# The catalogue's region words and the UN M49 regions of the countries they cover.
REGION_NAMES = {
    "EUR": "Europe", "AFR": "Africa", "LAC": "Latin America and the Caribbean", "ASI": "Asia",
    "OCE": "Oceania", "NAM": "Northern America",
}
TEXT_FIELDS = ("title", "other_names", "description", "publisher", "kind", "url", "years_from", "years_to", "format",
               "licence", "languages", "access", "update_frequency", "source_published", "source_updated",
               "strengths_limitations", "how_to_cite", "evidence_url")
EDIT_FIELDS = (*TEXT_FIELDS, "countries", "themes")


def may_edit(user, source: DataSource) -> bool:
    """The submitting organization's owners and editors, and moderators, who curate the catalogue."""
    return can(user, "edit", source) or is_moderator(user)


def unique_slug(title: str) -> str:
    base = slugify(title, max_length=90)
    taken = set(db.session.scalars(sa.select(DataSource.slug).where(DataSource.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(source: DataSource, data: dict) -> None:
    for key in TEXT_FIELDS:
        setattr(source, key, data[key])
    source.countries = list(db.session.scalars(sa.select(Country).where(Country.iso3.in_(data["countries"]))))
    source.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(data["themes"]))))


def create_source(user, data: dict, org_id: int | None) -> DataSource:
    """A source submitted by an organization (a draft for review) or curated by a moderator (published)."""
    curated = org_id is None and is_moderator(user)
    source = DataSource(
        slug=unique_slug(data["title"]), organization_id=org_id, created_by_id=getattr(user, "id", None),
        review_state="published" if curated else "draft", published_at=utcnow() if curated else None,
    )
    db.session.add(source)
    _apply(source, data)
    db.session.flush()
    record_audit(user, "publish_curated" if curated else "create", source)
    return source


def update_source(source: DataSource, user, data: dict) -> DataSource:
    """Save an edit: the previous values become a revision, the version goes up."""
    before = snapshot(source, EDIT_FIELDS)
    if source.url != data["url"]:
        source.link_checked_at, source.link_status, source.link_ok, source.link_error = None, None, None, ""
    _apply(source, data)
    db.session.flush()
    record_edit(source, user, before)
    return source


def covers_country(iso3: str, include_wider: bool = True):
    """SQL condition: the source lists the country, or (optionally) covers its region or the world."""
    listed = DataSource.countries.any(iso3=iso3)
    if not include_wider:
        return listed
    words = " " + DataSource.regions_covered + " "
    conditions = [listed, words.like("% WLD %")]
    region = db.session.scalar(sa.select(Country.region).where(Country.iso3 == iso3))
    for word, name in REGION_NAMES.items():
        if name == region:
            conditions.append(words.like(f"% {word} %"))
    return sa.or_(*conditions)


def overlaps_years(year_from: int | None, year_to: int | None):
    """SQL condition: the years covered overlap [year_from, year_to] (an open end counts as open).

    A source with no years at all is left out once a year is asked for: nothing says it covers it.
    """
    conditions = [sa.or_(DataSource.years_from.is_not(None), DataSource.years_to.is_not(None))]
    if year_from is not None:
        conditions.append(sa.or_(DataSource.years_to.is_(None), DataSource.years_to >= year_from))
    if year_to is not None:
        conditions.append(sa.or_(DataSource.years_from.is_(None), DataSource.years_from <= year_to))
    return sa.and_(*conditions)


def publishers() -> list[str]:
    """The publishers of public sources, for the filter."""
    stmt = public(DataSource).with_only_columns(DataSource.publisher).where(DataSource.publisher != "")
    return list(db.session.scalars(stmt.distinct().order_by(DataSource.publisher)))


def sources_to_check(only_failed: bool = False) -> list[tuple[int, str]]:
    """(id, url) of every source that is not rejected, oldest check first."""
    stmt = sa.select(DataSource.id, DataSource.url).where(DataSource.review_state != "rejected")
    if only_failed:
        stmt = stmt.where(sa.or_(DataSource.link_ok.is_(False), DataSource.link_ok.is_(None)))
    stmt = stmt.order_by(DataSource.link_checked_at.asc().nulls_first(), DataSource.id)
    return [(row.id, row.url) for row in db.session.execute(stmt)]


def record_link_result(source_id: int, result: LinkResult, when: datetime | None = None) -> None:
    """Store a link check; it is not an edit, so `updated_at` and the version stay as they are."""
    db.session.execute(
        sa.update(DataSource).where(DataSource.id == source_id).values(
            link_checked_at=when or utcnow(), link_status=result.status, link_ok=result.ok,
            link_error=result.error[:300], updated_at=DataSource.updated_at,
        )
    )


# The list query: one definition for the page, the API and the CSV export.
LIST_OPTIONS = (
    joinedload(DataSource.organization),
    selectinload(DataSource.countries),
    selectinload(DataSource.themes),
)


def list_statement(args: dict):
    """The catalogue's filters: text, kind, country covered (and scope), years, theme, access, publisher."""
    stmt = public(DataSource)
    if query := args.get("q", "").strip():
        pattern = f"%{query}%"
        stmt = stmt.where(sa.or_(DataSource.title.ilike(pattern), DataSource.other_names.ilike(pattern),
                                 DataSource.publisher.ilike(pattern)))
    if kind := args.get("kind"):
        stmt = stmt.where(DataSource.kind == kind)
    code = args.get("country")
    if code:
        stmt = stmt.where(covers_country(code, include_wider=args.get("scope") != "listed"))
    year_from, year_to = args.get("year_from"), args.get("year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    if year_from is not None or year_to is not None:
        stmt = stmt.where(overlaps_years(year_from, year_to))
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
    return stmt.order_by(*order).options(*LIST_OPTIONS)
