"""Queries behind the country and community pages: UN DESA figures, remittances, tagged content.

Edition rule (data/README.md): a pair's figures come from the 2024 edition when that edition lists
the pair, otherwise from the 2020 edition; one series never mixes editions, because the 2024
edition revised past years. Every result says which edition it comes from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import aliased, joinedload, selectinload

from hub.actions.models import Action
from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.places.models import (
    EDITIONS,
    BilateralRemittance,
    CommunityProfile,
    Country,
    CountryTotal,
    MigrantStock,
    RemittanceReceived,
    UnlistedRemittance,
)
from hub.places.numbers import rounded
from hub.review.history import record_audit, record_revision
from hub.review.visibility import public
from hub.sources.models import DataSource
from hub.stories.models import Story

LATEST_EDITION = EDITIONS[0]
KNOMAD_YEAR = 2017


# --- Countries -------------------------------------------------------------------------------


def find_country(code: str) -> Country | None:
    """A country by ISO3, ISO2, slug or name (English, French or Spanish), case-insensitive."""
    value = (code or "").strip()
    if not value or len(value) > 120:
        return None
    upper = value.upper()
    if len(value) == 3 and value.isalpha():
        country = db.session.get(Country, upper)
        if country is not None:
            return country
    if len(value) == 2 and value.isalpha():
        country = db.session.scalar(sa.select(Country).where(Country.iso2 == upper))
        if country is not None:
            return country
    lowered = value.lower()
    return db.session.scalar(
        sa.select(Country)
        .where(
            sa.or_(
                Country.slug == slugify(value),
                sa.func.lower(Country.name) == lowered,
                sa.func.lower(Country.name_fr) == lowered,
                sa.func.lower(Country.name_es) == lowered,
            )
        )
        .limit(1)
    )


def all_countries() -> dict[str, Country]:
    """Every country by ISO3, in one query (235 rows)."""
    return {c.iso3: c for c in db.session.scalars(sa.select(Country).order_by(Country.name))}


@dataclass
class TotalsRow:
    year: int
    immigrants: int | None
    emigrants: int | None
    emigrants_female: int | None = None
    immigrants_female: int | None = None


@dataclass
class Totals:
    """A country's immigrant and emigrant totals over time, from one edition."""

    edition: int | None
    rows: list[TotalsRow]

    @property
    def latest(self) -> TotalsRow | None:
        return self.rows[-1] if self.rows else None


def country_totals(iso3: str) -> Totals:
    """Totals 1990–2024 from the 2024 edition, or 2020 where 2024 has none for the country."""
    rows = db.session.execute(
        sa.select(CountryTotal).where(CountryTotal.iso3 == iso3).order_by(CountryTotal.year)
    ).scalars().all()
    by_edition: dict[int, list[CountryTotal]] = defaultdict(list)
    for row in rows:
        by_edition[row.edition].append(row)
    for edition in EDITIONS:
        if by_edition.get(edition):
            return Totals(edition, [
                TotalsRow(r.year, r.immigrants, r.emigrants, r.emigrants_female, r.immigrants_female)
                for r in by_edition[edition]
            ])
    return Totals(None, [])


def region_totals(year: int = 2024, edition: int = LATEST_EDITION) -> dict[str, CountryTotal]:
    """Every country's totals for one year of one edition, by ISO3 (for the country list)."""
    rows = db.session.scalars(
        sa.select(CountryTotal).where(CountryTotal.edition == edition, CountryTotal.year == year)
    )
    return {row.iso3: row for row in rows}


# --- Migrant stock ---------------------------------------------------------------------------


@dataclass
class PairFigure:
    """The latest published figure of one origin -> destination pair, from its edition."""

    origin_iso3: str
    destination_iso3: str
    edition: int
    year: int
    migrants: int
    male: int | None = None
    female: int | None = None


_STOCK_COLUMNS = (
    MigrantStock.edition, MigrantStock.origin_iso3, MigrantStock.destination_iso3, MigrantStock.year,
    MigrantStock.migrants, MigrantStock.migrants_male, MigrantStock.migrants_female,
)


def _latest_per_pair(rows) -> list[PairFigure]:
    """For each pair: its 2024 edition when listed there, else 2020; the latest year of it."""
    best: dict[tuple[str, str], tuple] = {}
    for row in rows:
        edition, origin, destination, year = row[0], row[1], row[2], row[3]
        key = (origin, destination)
        current = best.get(key)
        if current is None or (edition, year) > (current[0], current[3]):
            best[key] = row
    figures = [PairFigure(r[1], r[2], r[0], r[3], r[4], r[5], r[6]) for r in best.values()]
    figures.sort(key=lambda f: (-f.migrants, f.origin_iso3, f.destination_iso3))
    return figures


def diaspora_destinations(iso3: str, limit: int | None = None) -> list[PairFigure]:
    """Where people born in `iso3` live, largest first, each pair from its own edition."""
    rows = db.session.execute(sa.select(*_STOCK_COLUMNS).where(MigrantStock.origin_iso3 == iso3))
    figures = _latest_per_pair(rows)
    return figures[:limit] if limit else figures


def immigrant_origins(iso3: str, limit: int | None = None) -> list[PairFigure]:
    """Where the immigrants living in `iso3` were born, largest first, each pair from its edition."""
    rows = db.session.execute(sa.select(*_STOCK_COLUMNS).where(MigrantStock.destination_iso3 == iso3))
    figures = _latest_per_pair(rows)
    return figures[:limit] if limit else figures


def _latest_figure_of_each_pair():
    """Rows of each pair's latest figure: 2024 in the 2024 edition, else 2020 in the 2020 edition."""
    newer = aliased(MigrantStock)
    listed_in_2024 = (
        sa.select(newer.origin_iso3)
        .where(
            newer.edition == LATEST_EDITION,
            newer.origin_iso3 == MigrantStock.origin_iso3,
            newer.destination_iso3 == MigrantStock.destination_iso3,
        )
        .exists()
    )
    return sa.or_(
        sa.and_(MigrantStock.edition == 2024, MigrantStock.year == 2024),
        sa.and_(MigrantStock.edition == 2020, MigrantStock.year == 2020, ~listed_in_2024),
    )


def largest_corridors(limit: int | None = 25, offset: int = 0) -> list[PairFigure]:
    """The largest origin -> residence corridors at their latest figure, each from its edition."""
    stmt = (
        sa.select(*_STOCK_COLUMNS)
        .where(_latest_figure_of_each_pair())
        .order_by(MigrantStock.migrants.desc(), MigrantStock.origin_iso3, MigrantStock.destination_iso3)
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [PairFigure(r[1], r[2], r[0], r[3], r[4], r[5], r[6]) for r in db.session.execute(stmt)]


def corridor_count() -> int:
    """How many corridors have a published figure (every pair either edition lists)."""
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(MigrantStock).where(_latest_figure_of_each_pair())
    ) or 0


@dataclass
class CorridorPoint:
    year: int
    migrants: int
    male: int | None
    female: int | None
    share_of_origin: float | None = None  # percent of the origin's itemised emigrants
    share_of_destination: float | None = None  # percent of the destination's immigrants


@dataclass
class Corridor:
    """A corridor's series from one edition, and whether each edition lists the pair."""

    edition: int | None
    points: list[CorridorPoint] = field(default_factory=list)
    editions_listing: tuple[int, ...] = ()

    @property
    def latest(self) -> CorridorPoint | None:
        return self.points[-1] if self.points else None

    @property
    def fell_back(self) -> bool:
        """True when the 2024 edition lacks the pair and the 2020 one is shown instead."""
        return self.edition is not None and self.edition != LATEST_EDITION


def _percent(part: int | None, whole: int | None) -> float | None:
    """A share in percent, rounded once (half away from zero) as every page, CSV and API shows it."""
    if part is None or not whole:
        return None
    return float(rounded(100 * part / whole, 1))


def corridor(origin: str, destination: str) -> Corridor:
    """The migrant stock of one corridor over time, with its shares, from one edition."""
    rows = db.session.execute(
        sa.select(*_STOCK_COLUMNS)
        .where(MigrantStock.origin_iso3 == origin, MigrantStock.destination_iso3 == destination)
        .order_by(MigrantStock.year)
    ).all()
    listing = tuple(e for e in EDITIONS if any(r[0] == e for r in rows))
    if not listing:
        return Corridor(None)
    edition = listing[0]
    totals = db.session.execute(
        sa.select(CountryTotal.iso3, CountryTotal.year, CountryTotal.emigrants, CountryTotal.immigrants)
        .where(CountryTotal.edition == edition, CountryTotal.iso3.in_([origin, destination]))
    ).all()
    emigrants = {t.year: t.emigrants for t in totals if t.iso3 == origin}
    immigrants = {t.year: t.immigrants for t in totals if t.iso3 == destination}
    points = [
        CorridorPoint(
            r[3], r[4], r[5], r[6],
            share_of_origin=_percent(r[4], emigrants.get(r[3])),
            share_of_destination=_percent(r[4], immigrants.get(r[3])),
        )
        for r in rows
        if r[0] == edition
    ]
    return Corridor(edition, points, listing)


# --- Remittances -----------------------------------------------------------------------------


def remittances_received(iso3: str) -> list[RemittanceReceived]:
    """WDI personal remittances received (current US$), the whole published series, oldest first."""
    return db.session.scalars(
        sa.select(RemittanceReceived)
        .where(RemittanceReceived.iso3 == iso3)
        .order_by(RemittanceReceived.year)
    ).all()


def bilateral_remittance(origin: str, destination: str) -> BilateralRemittance | None:
    """KNOMAD 2017 estimate of what migrants from `origin` living in `destination` send home."""
    return db.session.get(BilateralRemittance, (origin, destination, KNOMAD_YEAR))


@dataclass(frozen=True)
class UnlistedPlace:
    """A place the source names that is not a UN DESA country or area: the hub has no page for it."""

    code: str
    label: str


@dataclass
class Flow:
    """One KNOMAD 2017 row seen from one country: the other side, and US$ million."""

    place: Country | UnlistedPlace
    usd_million: float
    year: int = KNOMAD_YEAR

    @property
    def code(self) -> str:
        return self.place.iso3 if isinstance(self.place, Country) else self.place.code


def _flows(iso3: str, side: str, limit: int | None, countries: dict[str, Country] | None = None) -> list[Flow]:
    """Every KNOMAD row with `iso3` on `side` ("origin" receives, "destination" sends), largest first.

    Rows whose other side is not a UN DESA country are included, named by the source's label.
    """
    other = "destination" if side == "origin" else "origin"
    listed = db.session.execute(
        sa.select(getattr(BilateralRemittance, f"{other}_iso3"), BilateralRemittance.usd_million)
        .where(getattr(BilateralRemittance, f"{side}_iso3") == iso3, BilateralRemittance.year == KNOMAD_YEAR)
    ).all()
    unlisted = db.session.execute(
        sa.select(getattr(UnlistedRemittance, f"{other}_code"), getattr(UnlistedRemittance, f"{other}_label"),
                  UnlistedRemittance.usd_million)
        .where(getattr(UnlistedRemittance, f"{side}_code") == iso3, UnlistedRemittance.year == KNOMAD_YEAR)
    ).all()
    if countries is None:
        countries = all_countries() if listed else {}
    flows = [Flow(countries[code], value) for code, value in listed]
    flows += [Flow(UnlistedPlace(code, label or code), value) for code, label, value in unlisted]
    flows.sort(key=lambda f: (-f.usd_million, f.code))
    return flows[:limit] if limit else flows


def remittance_senders(iso3: str, limit: int | None = None, countries=None) -> list[Flow]:
    """Where the money `iso3` receives is sent from (KNOMAD 2017), largest first."""
    return _flows(iso3, "origin", limit, countries)


def remittance_recipients(iso3: str, limit: int | None = None, countries=None) -> list[Flow]:
    """Where migrants living in `iso3` send money home to (KNOMAD 2017), largest first."""
    return _flows(iso3, "destination", limit, countries)


def flow_total(flows: list[Flow]) -> Decimal:
    """The exact sum of the rows as the source writes them (three decimals), not a float sum."""
    return sum((rounded(f.usd_million, 3) for f in flows), Decimal(0))


# --- Registered content ----------------------------------------------------------------------


def _tagged(relationship, iso3: str):
    return relationship.any(Country.iso3 == iso3)


def _org_in(iso3: str):
    """The organization is headquartered in, or works in, `iso3`."""
    return sa.or_(Organization.hq_country_iso3 == iso3, _tagged(Organization.operation_countries, iso3))


@dataclass
class Listing:
    """Up to `limit` items of one kind, and how many there are in all."""

    items: list
    total: int


def _listing(stmt, order, options, limit: int | None) -> Listing:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    query = stmt.options(*options).order_by(*order)
    items = db.session.scalars(query.limit(limit) if limit else query).unique().all()
    return Listing(list(items), total)


def _published_order(model):
    return (model.published_at.desc().nulls_last(), model.id.desc())


def public_organizations():
    return sa.select(Organization).where(Organization.verification == "verified")


def content_for_country(iso3: str, limit: int | None = 10, detailed: bool = False) -> dict[str, Listing]:
    """Public organizations, actions, partnerships, stories and data sources tagged with `iso3`.

    A constant number of queries whatever the amount of content: each kind is one count and one
    select with its organization joined; `detailed` adds the country/theme lists (selectinload).
    """
    org_opts = [joinedload(Organization.hq_country)]
    action_opts = [joinedload(Action.organization)]
    source_opts = []
    if detailed:
        org_opts += [selectinload(Organization.heritage_countries), selectinload(Organization.operation_countries),
                     selectinload(Organization.themes)]
        action_opts += [selectinload(Action.origin_countries), selectinload(Action.implementation_countries),
                        selectinload(Action.themes), selectinload(Action.partners)]
        source_opts += [selectinload(DataSource.countries), selectinload(DataSource.themes)]
    return {
        "organizations": _listing(
            public_organizations().where(
                sa.or_(_tagged(Organization.heritage_countries, iso3), _org_in(iso3))
            ),
            (Organization.name, Organization.id), org_opts, limit,
        ),
        "actions": _listing(
            public(Action).where(
                sa.or_(_tagged(Action.origin_countries, iso3), _tagged(Action.implementation_countries, iso3))
            ),
            _published_order(Action), action_opts, limit,
        ),
        "partnerships": _listing(
            public(Partnership).where(_tagged(Partnership.countries, iso3)),
            _published_order(Partnership), [joinedload(Partnership.lead_organization)], limit,
        ),
        "stories": _listing(
            public(Story).where(_tagged(Story.countries, iso3)),
            _published_order(Story), [joinedload(Story.organization)], limit,
        ),
        "sources": _listing(
            public(DataSource).where(_tagged(DataSource.countries, iso3)),
            (DataSource.title, DataSource.id), source_opts, limit,
        ),
    }


def content_for_corridor(origin: str, destination: str, limit: int | None = 10) -> dict[str, Listing]:
    """Public content registered for the corridor `origin` -> `destination`.

    An item belongs to the corridor when it is tagged with the origin and, on the residence
    side, is tagged with the destination or comes from an organization based or working there.
    """
    lead = aliased(Organization)
    story_org = aliased(Organization)
    action_org_there = Action.organization.has(_org_in(destination))
    return {
        "organizations": _listing(
            public_organizations().where(_tagged(Organization.heritage_countries, origin), _org_in(destination)),
            (Organization.name, Organization.id), [joinedload(Organization.hq_country)], limit,
        ),
        "actions": _listing(
            public(Action).where(
                _tagged(Action.origin_countries, origin),
                sa.or_(_tagged(Action.implementation_countries, destination), action_org_there),
            ),
            _published_order(Action), [joinedload(Action.organization)], limit,
        ),
        "partnerships": _listing(
            public(Partnership).where(
                _tagged(Partnership.countries, origin),
                sa.or_(
                    _tagged(Partnership.countries, destination),
                    Partnership.lead_organization_id.in_(
                        sa.select(lead.id).where(lead.hq_country_iso3 == destination)
                    ),
                ),
            ),
            _published_order(Partnership), [joinedload(Partnership.lead_organization)], limit,
        ),
        "stories": _listing(
            public(Story).where(
                _tagged(Story.countries, origin),
                sa.or_(
                    _tagged(Story.countries, destination),
                    Story.organization_id.in_(
                        sa.select(story_org.id).where(story_org.hq_country_iso3 == destination)
                    ),
                ),
            ),
            _published_order(Story), [joinedload(Story.organization)], limit,
        ),
        "sources": _listing(
            public(DataSource).where(
                _tagged(DataSource.countries, origin), _tagged(DataSource.countries, destination)
            ),
            (DataSource.title, DataSource.id), [], limit,
        ),
    }


# --- Editorial profiles ----------------------------------------------------------------------

PROFILE_FIELDS = ("summary", "languages", "notes", "sources")


class EditConflict(Exception):
    """Someone saved the profile after the editor opened it; nothing was overwritten."""

    def __init__(self, current: CommunityProfile | None):
        super().__init__("The profile was changed by someone else.")
        self.current = current


def get_profile(origin: str, destination: str) -> CommunityProfile | None:
    return db.session.scalar(
        sa.select(CommunityProfile).where(
            CommunityProfile.origin_iso3 == origin, CommunityProfile.destination_iso3 == destination
        )
    )


def save_profile(origin: str, destination: str, user, data: dict, expected_version: int) -> CommunityProfile:
    """Create or update a corridor's profile, keeping the previous values as a revision.

    `expected_version` is the version the editor started from (0 for a new profile). If the
    stored profile moved on since, raise EditConflict and change nothing. The version check is
    repeated in the UPDATE itself, so two simultaneous saves cannot both win. Adds, never commits.
    """
    values = {name: (data.get(name) or "").strip() for name in PROFILE_FIELDS}
    profile = get_profile(origin, destination)
    if profile is None:
        if expected_version != 0:
            raise EditConflict(None)
        profile = CommunityProfile(
            origin_iso3=origin, destination_iso3=destination, version=1, updated_by_id=user.id, **values
        )
        db.session.add(profile)
        db.session.flush()
        record_audit(user, "create", profile, pair=f"{origin}-{destination}")
        return profile
    if profile.version != expected_version:
        raise EditConflict(profile)
    record_revision(profile, user, {name: getattr(profile, name) for name in PROFILE_FIELDS},
                    summary="Profile edited")
    result = db.session.execute(
        sa.update(CommunityProfile)
        .where(CommunityProfile.id == profile.id, CommunityProfile.version == expected_version)
        .values(version=expected_version + 1, updated_by_id=user.id,
                updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.expire(profile)
        raise EditConflict(profile)
    db.session.expire(profile)
    record_audit(user, "update", profile, pair=f"{origin}-{destination}")
    return profile
