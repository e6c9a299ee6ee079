"""Search documents: one per public record, built from the database."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from hub.content import plain_text
from hub.models import (
    Action,
    CommunityProfile,
    Country,
    DataSource,
    Event,
    EventOrganizer,
    MigrantStock,
    Opportunity,
    Organization,
    Partnership,
    PartnershipPartner,
    Story,
)
from hub.orgs.models import confirmed_basis
from hub.review.visibility import public
from hub.search.schema import KINDS, LANGUAGES

Progress = Callable[[str], None]

# A corridor gets its own search document when a moderator profiled it, or when UN DESA counts at
# least this many people born in the origin living in the destination (latest edition's latest
# year). 10,000 keeps every corridor large enough to sustain associations (about 2,100 of 12,300
# pairs, e.g. Ghana -> Germany at 33,440) while leaving out thousands of tiny, noisy cells.
COMMUNITY_THRESHOLD = 10_000
SNIPPET_SOURCE_CHARS = 1500
PLACE_KINDS = ("country", "community")
EPOCH = date(1970, 1, 1)


def country_words(countries: Iterable[Country]) -> str:
    """Names in English, French and Spanish: what people type for a country.

    Not the codes: in lower case "de", "la" and "et" would be Germany, Laos and Ethiopia. A code
    typed in capitals, or as `country:`, finds the country through its tag (hub.search.understand).
    """
    words = []
    for c in countries:
        words += [c.name, c.name_fr or "", c.name_es or ""]
    return " ".join(w for w in words if w)


def _stamp(doc: dict) -> str:
    return hashlib.sha1(repr(sorted(doc.items())).encode(), usedforsecurity=False).hexdigest()[:16]


def make_document(
    *, kind: str, ref: str, record_id, lang: str, title: str, summary: str = "", body: str = "",
    org_names: Iterable[str] = (), owner=None, countries: Iterable[Country] = (), themes=(),
    sdgs=(), org_type: str = "", when: datetime | None = None, titles: dict | None = None, extra: str = "",
    aka: str = "", kept_up: date | None = None,
) -> dict:
    """The document of one record; see hub.search.schema for what each field is for."""
    countries = list(dict.fromkeys(c for c in countries if c is not None))
    themes = list(dict.fromkeys(themes))
    lang = lang if lang in LANGUAGES else "en"
    text = " ".join(part for part in (summary, body, extra) if part)
    org_names = [n for n in org_names if n]
    org = " ".join(org_names)
    topics = " ".join(f"{t.name} {t.slug.replace('-', ' ')}" for t in themes)
    # Country names are searched through the `country` codes (query.expand_countries); only the
    # pages of countries and corridors carry the names in their text, in three languages.
    places = country_words(countries) if kind in PLACE_KINDS else ""
    titles = titles or {lang: title}
    doc = {
        "uid": f"{kind}:{record_id}",
        "kind": kind,
        "ref": ref,
        "owner": str(owner) if owner is not None else "",
        "lang": lang,
        "title": title,
        "summary": summary,
        "snippet": text[:SNIPPET_SOURCE_CHARS],
        "org_name": org_names[0] if org_names else "",
        "names": {"organization": org, "themes": topics},
        "org": org,
        # Titles (and, from their own pages, country names): enough words to correct typing
        # against, at a twentieth of the postings of all the text.
        "spell": " ".join((title, aka, places)),
        "country": ",".join(c.iso3 for c in countries),
        "theme": ",".join(t.slug for t in themes),
        "sdg": ",".join(str(s.id) for s in sdgs),
        "type": org_type,
        "year": str(when.year) if when else "",
        "date": int(when.timestamp() * 1000) if when else 0,  # milliseconds: sorts same-second items
        "kept_up": (kept_up - EPOCH).days if kept_up else 0,
    }
    for locale, localized in titles.items():
        doc[f"text_{locale}"] = f"{localized} {localized}"  # twice: a title word weighs more
    if aka:  # other names ("WDI") weigh like the title
        doc[f"text_{lang}"] = f"{doc.get(f'text_{lang}', '')} {aka} {aka}"
    doc[f"text_{lang}"] = " ".join(p for p in (doc.get(f"text_{lang}", ""), text, org, places, topics) if p)
    if len(titles) > 1:
        doc["titles"] = titles
    doc["stamp"] = _stamp(doc)
    return doc


def _org_doc(org: Organization) -> dict:
    countries = [org.hq_country, *org.heritage_countries, *org.operation_countries]
    return make_document(
        kind="organization", ref=org.slug, record_id=org.id, lang=org.language,
        title=f"{org.name} ({org.acronym})" if org.acronym else org.name,
        body=plain_text(org.description), org_names=[org.name, org.acronym], owner=org.id,
        countries=countries, themes=org.themes, org_type=org.org_type,
        when=org.verified_at or org.created_at, kept_up=(basis := confirmed_basis(org)) and basis.date(),
    )


def _action_doc(action: Action) -> dict:
    org = action.organization
    extra = " ".join([action.beneficiaries or "", *(f"{r.indicator}" for r in action.results)])
    return make_document(
        kind="action", ref=action.slug, record_id=action.id, lang=action.language, title=action.title,
        summary=action.summary, body=plain_text(action.description), extra=extra,
        org_names=[org.name, org.acronym, *(p.name for p in action.public_partners)], owner=org.id,
        countries=[*action.origin_countries, *action.implementation_countries], themes=action.themes,
        sdgs=action.sdgs, org_type=org.org_type, when=action.published_at,
    )


def _partnership_doc(partnership: Partnership) -> dict:
    lead = partnership.lead_organization
    partners = [p.organization.name for p in partnership.public_partners]
    return make_document(
        kind="partnership", ref=partnership.slug, record_id=partnership.id, lang=partnership.language,
        title=partnership.title, summary=partnership.summary, body=plain_text(partnership.description),
        org_names=[lead.name, lead.acronym, *partners], owner=lead.id, countries=partnership.countries,
        themes=partnership.themes, sdgs=partnership.sdgs, org_type=lead.org_type, when=partnership.published_at,
        kept_up=partnership.last_report_on,
    )


def _story_doc(story: Story) -> dict:
    org = story.organization
    return make_document(
        kind="story", ref=story.slug, record_id=story.id, lang=story.language, title=story.title,
        summary=story.summary, body=plain_text(story.body), org_names=[org.name, org.acronym], owner=org.id,
        countries=story.countries, themes=story.themes, org_type=org.org_type, when=story.published_at,
    )


def _source_doc(source: DataSource) -> dict:
    org = source.organization
    years = f"{source.years_from or ''}–{source.years_to or ''}" if source.years_from or source.years_to else ""
    return make_document(
        kind="source", ref=source.slug, record_id=source.id, lang="en", title=source.title,
        aka=" ".join(source.other_name_list),
        body=plain_text(source.description), extra=" ".join(filter(None, [source.format, years])),
        org_names=[source.publisher, *([org.name, org.acronym] if org else [])],
        owner=org.id if org else None, countries=source.countries, themes=source.themes,
        org_type=org.org_type if org else "", when=source.published_at,
    )


def _event_doc(event: Event) -> dict:
    """Dated by its end: once over, hub.search.query ranks it below current records."""
    org = event.organization
    place = " ".join(p for p in (event.venue, event.city) if p)
    return make_document(
        kind="event", ref=event.slug, record_id=event.id, lang=event.language, title=event.title,
        summary=event.summary, body=plain_text(event.description), extra=place,
        org_names=[org.name, org.acronym, *(o.name for o in event.public_organizers)], owner=org.id,
        countries=[*event.countries, event.venue_country], themes=event.themes, sdgs=event.sdgs,
        org_type=org.org_type, when=event.ends_at,
    )


def _opportunity_doc(opportunity: Opportunity) -> dict:
    """Dated by its deadline: once closed, hub.search.query ranks it below open calls."""
    org = opportunity.organization
    return make_document(
        kind="opportunity", ref=opportunity.slug, record_id=opportunity.id, lang=opportunity.language,
        title=opportunity.title, summary=opportunity.summary, body=plain_text(opportunity.description),
        extra=" ".join(filter(None, [plain_text(opportunity.eligibility), opportunity.support])),
        org_names=[org.name, org.acronym], owner=org.id,
        countries=[*opportunity.countries, *opportunity.residence_countries, *opportunity.heritage_countries],
        themes=opportunity.themes, org_type=org.org_type, when=opportunity.closes_at,
    )


def _country_doc(country: Country) -> dict:
    titles = {"en": country.name, "fr": country.name_fr or country.name, "es": country.name_es or country.name}
    return make_document(
        kind="country", ref=country.iso3, record_id=country.iso3, lang="en", title=country.name, titles=titles,
        summary=f"{country.subregion}, {country.region}", countries=[country],
    )


@dataclass(frozen=True)
class Corridor:
    """A diaspora corridor and its latest UN DESA figure."""

    origin: Country
    destination: Country
    migrants: int | None = None
    year: int | None = None
    edition: int | None = None
    profile: CommunityProfile | None = None

    @property
    def pair(self) -> str:
        return f"{self.origin.iso3}-{self.destination.iso3}"


def _community_doc(corridor: Corridor) -> dict:
    o, d, profile = corridor.origin, corridor.destination, corridor.profile
    titles = {lang: f"{o.localized_name(lang)} → {d.localized_name(lang)}" for lang in LANGUAGES}
    figure = ""
    if corridor.migrants is not None:
        figure = (
            f"Migrant stock: {corridor.migrants:,} people born in {o.name} lived in {d.name} in "
            f"{corridor.year} (UN DESA International Migrant Stock {corridor.edition})."
        )
    parts = [f"The {o.name} diaspora in {d.name}.", figure]
    if profile is not None:
        parts += [plain_text(profile.summary), profile.languages, plain_text(profile.notes)]
    return make_document(
        kind="community", ref=corridor.pair, record_id=corridor.pair, lang="en", title=titles["en"],
        titles=titles, summary=" ".join(p for p in parts[:2] if p), body=" ".join(p for p in parts[2:] if p),
        countries=[o, d], themes=[], when=profile.updated_at if profile else None,
    )


BUILDERS = {
    Organization: _org_doc, Action: _action_doc, Partnership: _partnership_doc, Story: _story_doc,
    DataSource: _source_doc, Event: _event_doc, Opportunity: _opportunity_doc, Country: _country_doc,
    Corridor: _community_doc,
}


def document_for(record) -> dict:
    """The search document of one record (public or not: callers decide what is public)."""
    return BUILDERS[type(record)](record)


MODELS = {"organization": Organization, "action": Action, "partnership": Partnership, "story": Story,
          "source": DataSource, "event": Event, "opportunity": Opportunity}
OWNER = {"organization": Organization.id, "action": Action.organization_id,
         "partnership": Partnership.lead_organization_id, "story": Story.organization_id,
         "source": DataSource.organization_id, "event": Event.organization_id,
         "opportunity": Opportunity.organization_id}


def public_select(kind: str):
    """The public rows of `kind`, with what their documents need loaded."""
    if kind == "organization":
        return sa.select(Organization).where(Organization.verification == "verified").options(
            selectinload(Organization.hq_country), selectinload(Organization.heritage_countries),
            selectinload(Organization.operation_countries), selectinload(Organization.themes),
        )
    if kind == "action":
        return public(Action).options(
            selectinload(Action.organization), selectinload(Action.partners), selectinload(Action.results),
            selectinload(Action.origin_countries), selectinload(Action.implementation_countries),
            selectinload(Action.themes), selectinload(Action.sdgs),
        )
    if kind == "partnership":
        return public(Partnership).options(
            selectinload(Partnership.lead_organization),
            selectinload(Partnership.partners).selectinload(PartnershipPartner.organization),
            selectinload(Partnership.countries), selectinload(Partnership.themes), selectinload(Partnership.sdgs),
        )
    if kind == "story":
        return public(Story).options(
            selectinload(Story.organization), selectinload(Story.countries), selectinload(Story.themes),
        )
    if kind == "source":
        return public(DataSource).options(
            selectinload(DataSource.organization), selectinload(DataSource.countries),
            selectinload(DataSource.themes),
        )
    if kind == "event":
        return public(Event).options(
            selectinload(Event.organization), selectinload(Event.countries), selectinload(Event.venue_country),
            selectinload(Event.themes), selectinload(Event.sdgs),
            selectinload(Event.organizers).selectinload(EventOrganizer.organization),
        )
    if kind == "opportunity":
        return public(Opportunity).options(
            selectinload(Opportunity.organization), selectinload(Opportunity.countries),
            selectinload(Opportunity.residence_countries), selectinload(Opportunity.heritage_countries),
            selectinload(Opportunity.themes),
        )
    raise ValueError(kind)


def corridors(session: Session, pairs: set[str] | None = None) -> list[Corridor]:
    """Profiled corridors and those at or above COMMUNITY_THRESHOLD (only `pairs` if given)."""
    countries = {c.iso3: c for c in session.scalars(sa.select(Country))}
    latest = {}
    stock = sa.select(
        MigrantStock.origin_iso3, MigrantStock.destination_iso3, MigrantStock.edition,
        MigrantStock.year, MigrantStock.migrants,
    ).where(sa.or_(
        sa.and_(MigrantStock.edition == 2024, MigrantStock.year == 2024),
        sa.and_(MigrantStock.edition == 2020, MigrantStock.year == 2020),
    ))
    if pairs is not None:
        origins = {p.split("-")[0] for p in pairs}
        stock = stock.where(MigrantStock.origin_iso3.in_(origins))
    for o, d, edition, year, migrants in session.execute(stock):
        key = f"{o}-{d}"
        if key not in latest or edition > latest[key][0]:
            latest[key] = (edition, year, migrants)
    profiles = {f"{p.origin_iso3}-{p.destination_iso3}": p for p in session.scalars(sa.select(CommunityProfile))}
    wanted = {k for k, v in latest.items() if v[2] >= COMMUNITY_THRESHOLD} | set(profiles)
    if pairs is not None:
        wanted &= pairs
    found = []
    for key in sorted(wanted):
        o, d = key.split("-")
        if o not in countries or d not in countries:
            continue
        edition, year, migrants = latest.get(key, (None, None, None))
        found.append(Corridor(countries[o], countries[d], migrants, year, edition, profiles.get(key)))
    return found


def iter_documents(session: Session, kinds: Iterable[str] = KINDS, progress: Progress | None = None) -> Iterator[dict]:
    """Every public document of `kinds`, built from the database."""
    for kind in kinds:
        count = 0
        if kind == "country":
            rows = session.scalars(sa.select(Country).order_by(Country.iso3))
        elif kind == "community":
            rows = corridors(session)
        else:
            rows = session.scalars(public_select(kind).execution_options(yield_per=500))
        for row in rows:
            yield document_for(row)
            count += 1
        if progress:
            progress(f"  {kind}: {count:,} documents")


def documents_for_keys(session: Session, keys: set[tuple[str, str]]) -> tuple[set[str], dict]:
    """(uids to delete, {uid: document} to add) for outbox keys."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, record_id in keys:
        by_kind[kind].add(record_id)
    uids, docs = set(), {}
    orgs = {int(i) for i in by_kind.get("organization", set()) if i.isdigit()}
    if orgs:
        # An organization's name, type and verification show in all its content: redo all of it.
        for kind in MODELS:
            for row in session.scalars(public_select(kind).where(OWNER[kind].in_(orgs))):
                docs[f"{kind}:{row.id}"] = document_for(row)
        # ... and in the actions that name it as a partner (only verified partners are shown).
        for row in session.scalars(public_select("action").where(Action.partners.any(Organization.id.in_(orgs)))):
            docs[f"action:{row.id}"] = document_for(row)
        co_organizing = Event.organizers.any(EventOrganizer.organization_id.in_(orgs))
        for row in session.scalars(public_select("event").where(co_organizing)):
            docs[f"event:{row.id}"] = document_for(row)
        named = Partnership.partners.any(PartnershipPartner.organization_id.in_(orgs))
        for row in session.scalars(public_select("partnership").where(named)):
            docs[f"partnership:{row.id}"] = document_for(row)
    for kind, ids in by_kind.items():
        uids |= {f"{kind}:{i}" for i in ids}
        if kind in MODELS:
            numeric = [int(i) for i in ids if i.isdigit()]
            rows = session.scalars(public_select(kind).where(MODELS[kind].id.in_(numeric)))
        elif kind == "country":
            rows = session.scalars(sa.select(Country).where(Country.iso3.in_(ids)))
        elif kind == "community":
            rows = corridors(session, pairs=set(ids))
        else:
            continue
        for row in rows:
            doc = document_for(row)
            docs[doc["uid"]] = doc
    return uids, docs
