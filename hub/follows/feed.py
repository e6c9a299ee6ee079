"""What's new for a user: published records matching everything they follow, newest first.

Each kind of record is one entry of FEED_KINDS; the feed runs one query per kind (plus its eager
loads), built from all of the user's follows at once, so its cost does not grow with the number
of follows. Followed searches ask the search index (one index lookup each, no SQL). Another
feature adds its records with one entry (events and opportunities are the newest two).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.extensions import db
from hub.models import (
    Action,
    Country,
    DataSource,
    Event,
    Follow,
    Opportunity,
    Organization,
    Partnership,
    PartnershipPartner,
    Story,
    Theme,
)
from hub.review.visibility import public
from hub.taxonomy import vocabulary


@dataclass(frozen=True)
class FeedKind:
    """How one kind of record is matched against follows and explained."""

    key: str  # the search index's kind ("action"), also used in addresses
    model: type
    endpoint: str
    label: object
    # Relationship attributes to Organization, Country and Theme; organization_columns are the
    # record's own organization id columns.
    organization_columns: Callable[[], list] = lambda: []
    organization_relations: Callable[[], list] = lambda: []
    country_relations: Callable[[], list] = lambda: []
    theme_relations: Callable[[], list] = lambda: []
    options: Callable[[], list] = lambda: []
    title: Callable[[object], str] = lambda record: record.title


FEED_KINDS: dict[str, FeedKind] = {}


def register_kind(kind: FeedKind) -> None:
    """Add (or replace) one kind of record in the feed, the alerts and the digests."""
    FEED_KINDS[kind.key] = kind


register_kind(FeedKind(
    "action", Action, "actions.detail", _l("Action"),
    organization_columns=lambda: [Action.organization_id],
    organization_relations=lambda: [Action.partners],
    country_relations=lambda: [Action.origin_countries, Action.implementation_countries],
    theme_relations=lambda: [Action.themes],
    options=lambda: [selectinload(Action.organization), selectinload(Action.partners),
                     selectinload(Action.origin_countries), selectinload(Action.implementation_countries),
                     selectinload(Action.themes)],
))
register_kind(FeedKind(
    "partnership", Partnership, "partnerships.detail", _l("Partnership"),
    organization_columns=lambda: [Partnership.lead_organization_id],
    country_relations=lambda: [Partnership.countries],
    theme_relations=lambda: [Partnership.themes],
    options=lambda: [selectinload(Partnership.lead_organization), selectinload(Partnership.countries),
                     selectinload(Partnership.themes)],
))
register_kind(FeedKind(
    "story", Story, "stories.detail", _l("Success story"),
    organization_columns=lambda: [Story.organization_id],
    country_relations=lambda: [Story.countries],
    theme_relations=lambda: [Story.themes],
    options=lambda: [selectinload(Story.organization), selectinload(Story.countries), selectinload(Story.themes)],
))
register_kind(FeedKind(
    "source", DataSource, "sources.detail", _l("Data source"),
    organization_columns=lambda: [DataSource.organization_id],
    country_relations=lambda: [DataSource.countries],
    theme_relations=lambda: [DataSource.themes],
    options=lambda: [selectinload(DataSource.organization), selectinload(DataSource.countries),
                     selectinload(DataSource.themes)],
))
register_kind(FeedKind(
    "event", Event, "events.detail", _l("Event"),
    organization_columns=lambda: [Event.organization_id],
    country_relations=lambda: [Event.countries],
    theme_relations=lambda: [Event.themes],
    options=lambda: [selectinload(Event.organization), selectinload(Event.countries), selectinload(Event.themes)],
))
register_kind(FeedKind(
    "opportunity", Opportunity, "opportunities.detail", _l("Opportunity"),
    organization_columns=lambda: [Opportunity.organization_id],
    country_relations=lambda: [Opportunity.countries, Opportunity.residence_countries, Opportunity.heritage_countries],
    theme_relations=lambda: [Opportunity.themes],
    options=lambda: [selectinload(Opportunity.organization), selectinload(Opportunity.countries),
                     selectinload(Opportunity.residence_countries), selectinload(Opportunity.heritage_countries),
                     selectinload(Opportunity.themes)],
))


@dataclass
class Followed:
    """All of one user's follows, grouped by kind, with the words that name each."""

    organizations: dict[int, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    communities: dict[tuple[str, str], str] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    # Per followed search: its name and the refs (slugs) it finds, by kind.
    searches: list[tuple[str, dict[str, set[str]]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.organizations or self.countries or self.communities or self.themes or self.searches)


@dataclass
class FeedItem:
    kind: FeedKind
    record: object
    reasons: list[str]
    url: str = ""  # set for mail, where links are absolute

    @property
    def published_at(self) -> datetime:
        return self.record.published_at

    @property
    def title(self) -> str:
        return self.kind.title(self.record)


def load_followed(follows: list[Follow], locale: str | None = None, search_limit: int = 200) -> Followed:
    """Group `follows` and name them (one query for the organizations, one for the countries)."""
    locale = locale or str(get_locale() or "en")
    followed = Followed()
    org_ids = [int(f.target) for f in follows if f.kind == "organization" and f.target.isdigit()]
    codes = {f.target for f in follows if f.kind == "country"}
    pairs = [tuple(f.target.split("-", 1)) for f in follows if f.kind == "community" and "-" in f.target]
    codes |= {code for pair in pairs for code in pair}
    if org_ids:
        rows = db.session.execute(sa.select(Organization.id, Organization.name).where(Organization.id.in_(org_ids)))
        followed.organizations = dict(rows.all())
    names = {}
    if codes:
        names = {c.iso3: c.localized_name(locale) for c in db.session.scalars(sa.select(Country).where(
            Country.iso3.in_(codes)))}
    followed.countries = {f.target: names[f.target] for f in follows if f.kind == "country" and f.target in names}
    followed.communities = {(o, d): f"{names[o]} → {names[d]}" for o, d in pairs if o in names and d in names}
    followed.themes = {f.target: vocabulary.label(vocabulary.THEMES, f.target) for f in follows if f.kind == "theme"}
    for follow in follows:
        if follow.kind == "search":
            followed.searches.append((follow.label, search_refs(follow.target, search_limit, locale)))
    return followed


def search_refs(target: str, limit: int, locale: str) -> dict[str, set[str]]:
    """The refs a followed search (its query string) finds now, by kind, newest first."""
    from urllib.parse import parse_qs

    from hub import search

    args = parse_qs(target)
    text = (args.get("q") or [""])[0]
    filters = {facet: args.get(facet, []) for facet in search.FACETS}
    only = None
    if partners := (args.get("partners") or [""])[0]:
        from hub.offers.services import open_call_uids

        only = open_call_uids(partners)
    results = search.engine().search(text, filters, sort="newest", per_page=limit, locale=locale, correct=False,
                                     only=only)
    refs: dict[str, set[str]] = {}
    for hit in results.hits:
        refs.setdefault(hit.kind, set()).add(hit.ref)
    return refs


def follow_keys(published: list[tuple[type, int]]) -> set[tuple[str, str]]:
    """The (kind, target) follows that the records `published` match (one query per kind of record)."""
    keys: set[tuple[str, str]] = set()
    for kind in FEED_KINDS.values():
        ids = [record_id for model, record_id in published if model is kind.model]
        if not ids:
            continue
        stmt = sa.select(kind.model).where(kind.model.id.in_(ids)).options(*kind.options())
        if kind.model is Partnership:
            stmt = stmt.options(selectinload(Partnership.partners))
        for record in db.session.scalars(stmt):
            orgs = {getattr(record, column.key) for column in kind.organization_columns()}
            orgs |= {org.id for rel in kind.organization_relations() for org in getattr(record, rel.key)}
            if isinstance(record, Partnership):
                orgs |= {p.organization_id for p in record.partners if p.confirmation == "confirmed"}
            keys |= {("organization", str(org_id)) for org_id in orgs if org_id is not None}
            lists = [[c.iso3 for c in getattr(record, rel.key)] for rel in kind.country_relations()]
            keys |= {("country", code) for codes in lists for code in codes}
            if lists:
                keys |= {("community", f"{o}-{d}") for o in lists[0] for d in lists[-1] if o != d}
            keys |= {("theme", t.slug) for rel in kind.theme_relations() for t in getattr(record, rel.key)}
    return keys


def _condition(kind: FeedKind, followed: Followed):
    """SQL: the record matches one of the follows."""
    model = kind.model
    parts = []
    if followed.organizations:
        ids = list(followed.organizations)
        parts += [column.in_(ids) for column in kind.organization_columns()]
        parts += [rel.any(Organization.id.in_(ids)) for rel in kind.organization_relations()]
        if model is Partnership:
            parts.append(Partnership.id.in_(sa.select(PartnershipPartner.partnership_id).where(
                PartnershipPartner.organization_id.in_(ids), PartnershipPartner.confirmation == "confirmed")))
    relations = kind.country_relations()
    if followed.countries and relations:
        codes = list(followed.countries)
        parts += [rel.any(Country.iso3.in_(codes)) for rel in relations]
    for origin, residence in followed.communities:
        # origin → residence: the record names the origin first (or only) and the residence.
        first, last = relations[0], relations[-1]
        parts.append(sa.and_(first.any(Country.iso3 == origin), last.any(Country.iso3 == residence)))
    if followed.themes and kind.theme_relations():
        parts += [rel.any(Theme.slug.in_(list(followed.themes))) for rel in kind.theme_relations()]
    refs = set().union(*(found.get(kind.key, set()) for _name, found in followed.searches)) if followed.searches \
        else set()
    if refs:
        parts.append(model.slug.in_(refs))
    return sa.or_(*parts) if parts else sa.false()


def _reasons(kind: FeedKind, record, followed: Followed) -> list[str]:
    """Why `record` is in the feed: the names of the follows it matches."""
    reasons = []
    org_ids = {getattr(record, column.key) for column in kind.organization_columns()}
    for rel in kind.organization_relations():
        org_ids |= {org.id for org in getattr(record, rel.key)}
    if isinstance(record, Partnership):
        org_ids |= {p.organization_id for p in record.partners if p.confirmation == "confirmed"}
    reasons += [name for org_id, name in followed.organizations.items() if org_id in org_ids]
    lists = [[c.iso3 for c in getattr(record, rel.key)] for rel in kind.country_relations()]
    codes = {code for codes in lists for code in codes}
    reasons += [name for code, name in followed.countries.items() if code in codes]
    if lists:
        reasons += [name for (o, d), name in followed.communities.items() if o in lists[0] and d in lists[-1]]
    slugs = {t.slug for rel in kind.theme_relations() for t in getattr(record, rel.key)}
    reasons += [name for slug, name in followed.themes.items() if slug in slugs]
    reasons += [f"“{name}”" for name, found in followed.searches if record.slug in found.get(kind.key, set())]
    return reasons


def feed_items(followed: Followed, limit: int, since: datetime | None = None, until: datetime | None = None,
               offset: int = 0) -> tuple[list[FeedItem], bool]:
    """Up to `limit` items after `offset`, newest first, and whether there are more."""
    if not followed:
        return [], False
    wanted = offset + limit + 1
    items: list[FeedItem] = []
    for kind in FEED_KINDS.values():
        model = kind.model
        stmt = public(model).where(_condition(kind, followed), model.published_at.is_not(None))
        if since is not None:
            stmt = stmt.where(model.published_at > since)
        if until is not None:
            stmt = stmt.where(model.published_at <= until)
        stmt = stmt.order_by(model.published_at.desc(), model.id.desc()).limit(wanted).options(*kind.options())
        if model is Partnership:
            stmt = stmt.options(selectinload(Partnership.partners))
        items += [FeedItem(kind, record, _reasons(kind, record, followed)) for record in db.session.scalars(stmt)]
    items.sort(key=lambda item: (_aware(item.published_at), item.record.id), reverse=True)
    return items[offset:offset + limit], len(items) > offset + limit


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; compare everything as UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
