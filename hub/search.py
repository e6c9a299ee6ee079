"""The only module that talks to Whoosh: schema, documents, keeping the index in step, querying.

How the index follows the database (STYLE.md): a flush records an outbox row for every changed
searchable record in the same transaction, so a rollback forgets it; after commit the outbox is
drained into the index by a writer that waits for the lock; whatever a dead process left behind
is picked up by the next drain, `hub search check` or `hub init`. Web requests only read, through
one cached searcher per thread that is reopened (never `refresh()`ed) when the index changes.

Public API: ensure_index, health, query, drain, catch_up, rebuild, check, stats, document_for,
build_index.
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import hashlib
import logging
import os
import random
import re
import shutil
import threading
import time
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_app_context
from markupsafe import Markup, escape
from sqlalchemy.orm import Session, selectinload
from whoosh import highlight, index
from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.lang import stopwords_for_language
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.sorting import FieldFacet
from whoosh.support.charset import accent_map

from hub.content import plain_text
from hub.extensions import db
from hub.models import (
    Action,
    CommunityProfile,
    Country,
    DataSource,
    MigrantStock,
    Organization,
    Partnership,
    PartnershipPartner,
    SearchOutbox,
    Story,
)
from hub.review.visibility import public

log = logging.getLogger(__name__)
Progress = Callable[[str], None]

LANGUAGES = ("en", "fr", "es")
KINDS = ("organization", "action", "partnership", "story", "source", "country", "community")
FACETS = ("kind", "country", "theme", "type", "year")
# A corridor gets its own search document when a moderator profiled it, or when UN DESA counts at
# least this many people born in the origin living in the destination (latest edition's latest
# year). 10,000 keeps every corridor large enough to sustain associations (about 2,100 of 12,300
# pairs, e.g. Ghana -> Germany at 33,440) while leaving out thousands of tiny, noisy cells.
COMMUNITY_THRESHOLD = 10_000
SNIPPET_SOURCE_CHARS = 1500
WRITE_TIMEOUT = 10.0

# --------------------------------------------------------------------------- analysis

_STOP_ANY = frozenset().union(*(stopwords_for_language(lang) for lang in LANGUAGES))


def _language_analyzer(lang: str):
    # Fold accents before stemming: stemmers treat "Sénégal" and "Senegal" differently, and
    # people type both; stop words are removed first, while their accents still match the list.
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language(lang), minsize=2)
        | CharsetFilter(accent_map)
        | StemFilter(lang=lang)
    )


def _folding_analyzer():
    """Names, codes and the spelling field: no stemming, accents folded, stop words of all 3."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter(stoplist=_STOP_ANY, minsize=2)


ANALYZERS = {lang: _language_analyzer(lang) for lang in LANGUAGES}
FOLDING = _folding_analyzer()


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: 'Côte d’Ivoire' -> 'cote d’ivoire'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def build_schema() -> Schema:
    fields = {
        "uid": ID(stored=True, unique=True),
        "kind": ID(stored=True, sortable=True),
        "ref": STORED,
        "owner": ID,
        "lang": ID(stored=True),
        "stamp": STORED,
        "title": STORED,
        "titles": STORED,  # {locale: title} for countries and communities
        "summary": STORED,
        "snippet": STORED,
        "org_name": STORED,
        "org": TEXT(analyzer=FOLDING, field_boost=1.5),
        "countries": TEXT(analyzer=FOLDING),
        "topics": TEXT(analyzer=FOLDING),
        "spell": TEXT(analyzer=FOLDING, phrase=False),
        "country": KEYWORD(commas=True, stored=True),
        "theme": KEYWORD(commas=True, stored=True),
        "sdg": KEYWORD(commas=True),
        "type": ID(stored=True, sortable=True),
        "year": ID(stored=True, sortable=True),
        "date": NUMERIC(int, bits=64, stored=True, sortable=True, default=0),
    }
    for lang in LANGUAGES:
        fields[f"title_{lang}"] = TEXT(analyzer=ANALYZERS[lang], field_boost=3.0)
        fields[f"text_{lang}"] = TEXT(analyzer=ANALYZERS[lang])
    return Schema(**fields)


SEARCH_FIELDS = [f"{name}_{lang}" for name in ("title", "text") for lang in LANGUAGES] + [
    "org", "countries", "topics",
]
MATCHED_IN = {"title": "title", "text": "text", "org": "organization", "countries": "countries", "topics": "themes"}

# --------------------------------------------------------------------------- locations


def index_dir() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search says it is being rebuilt."""


def _guard(open_fn):
    """Run `open_fn`; on failure raise IndexUnavailable, without leaking Whoosh's open files."""
    try:
        return open_fn()
    except Exception as exc:  # noqa: BLE001 - whatever a damaged index raises
        message = f"{type(exc).__name__}: {exc}"
        # Whoosh leaves the file it was reading open when it raises; free it here, quietly.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            exc.__traceback__ = None
            del exc
            gc.collect()
        raise IndexUnavailable(message) from None


def index_exists(path: Path) -> bool:
    """Is there an index (readable or not) at `path`?"""
    return path.is_dir() and any(path.glob("_MAIN_*.toc"))


def open_index(path: Path):
    """Open the index at `path` without memory-mapping its files.

    A mapped file that is truncated or rewritten underneath (a bad copy, a full disk) kills the
    process with SIGBUS; read() calls raise an exception the page can handle instead.
    """
    if not index_exists(path):
        raise IndexUnavailable("missing")
    return _guard(FileStorage(str(path), supports_mmap=False).open_index)


def ensure_index() -> bool:
    """Create an empty index if there is none; True when one was created."""
    path = index_dir()
    if index_exists(path):
        return False
    path.mkdir(parents=True, exist_ok=True)
    index.create_in(str(path), build_schema())
    return True


def health() -> tuple[bool, str]:
    """Whether the index opens and can be read, with a short reason."""
    path = index_dir()
    try:
        if not index_exists(path):
            return False, "missing"
        ix = open_index(path)  # afresh: the cached searcher may hold files that have since changed
        searcher = _guard(ix.searcher)
        with searcher:
            count = searcher.doc_count()
            if count:
                searcher.stored_fields(0)
            return True, f"{count} documents"
    except IndexUnavailable as exc:
        return False, str(exc).split(":")[0]
    except Exception as exc:  # noqa: BLE001 - any failure to read means unhealthy
        return False, type(exc).__name__


# --------------------------------------------------------------------------- documents


def _country_words(countries: Iterable[Country]) -> str:
    words = []
    for c in countries:
        words += [c.name, c.name_fr or "", c.name_es or "", c.iso3, c.iso2 or ""]
    return " ".join(w for w in words if w)


def _stamp(doc: dict) -> str:
    return hashlib.sha1(repr(sorted(doc.items())).encode(), usedforsecurity=False).hexdigest()[:16]


def _document(
    *, kind: str, ref: str, record_id, lang: str, title: str, summary: str = "", body: str = "",
    org_names: Iterable[str] = (), owner=None, countries: Iterable[Country] = (), themes=(),
    sdgs=(), org_type: str = "", when: datetime | None = None, titles: dict | None = None, extra: str = "",
) -> dict:
    countries = list(dict.fromkeys(c for c in countries if c is not None))
    themes = list(dict.fromkeys(themes))
    lang = lang if lang in LANGUAGES else "en"
    text = " ".join(part for part in (summary, body, extra) if part)
    org_names = [n for n in org_names if n]
    topics = " ".join(f"{t.name} {t.slug.replace('-', ' ')}" for t in themes)
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
        "org": " ".join(org_names),
        "countries": _country_words(countries),
        "topics": topics,
        # Unstemmed words for "did you mean": titles, summaries, names (not bodies: too costly).
        "spell": " ".join((title, summary, " ".join(org_names), _country_words(countries), topics)),
        "country": ",".join(c.iso3 for c in countries),
        "theme": ",".join(t.slug for t in themes),
        "sdg": ",".join(str(s.id) for s in sdgs),
        "type": org_type,
        "year": str(when.year) if when else "",
        "date": int(when.timestamp() * 1000) if when else 0,  # milliseconds: sorts same-second items
        f"title_{lang}": title,
        f"text_{lang}": text,
    }
    if titles:
        doc["titles"] = titles
        for locale, localized in titles.items():
            doc[f"title_{locale}"] = localized
    doc["stamp"] = _stamp(doc)
    return doc


def _org_doc(org: Organization) -> dict:
    countries = [org.hq_country, *org.heritage_countries, *org.operation_countries]
    return _document(
        kind="organization", ref=org.slug, record_id=org.id, lang=org.language,
        title=f"{org.name} ({org.acronym})" if org.acronym else org.name,
        body=plain_text(org.description), org_names=[org.name, org.acronym], owner=org.id,
        countries=countries, themes=org.themes, org_type=org.org_type,
        when=org.verified_at or org.created_at,
    )


def _action_doc(action: Action) -> dict:
    org = action.organization
    extra = " ".join([action.beneficiaries or "", *(f"{r.indicator}" for r in action.results)])
    return _document(
        kind="action", ref=action.slug, record_id=action.id, lang=action.language, title=action.title,
        summary=action.summary, body=plain_text(action.description), extra=extra,
        org_names=[org.name, org.acronym, *(p.name for p in action.partners)], owner=org.id,
        countries=[*action.origin_countries, *action.implementation_countries], themes=action.themes,
        sdgs=action.sdgs, org_type=org.org_type, when=action.published_at,
    )


def _partnership_doc(partnership: Partnership) -> dict:
    lead = partnership.lead_organization
    partners = [p.organization.name for p in partnership.partners if p.confirmation == "confirmed"]
    return _document(
        kind="partnership", ref=partnership.slug, record_id=partnership.id, lang=partnership.language,
        title=partnership.title, summary=partnership.summary, body=plain_text(partnership.description),
        org_names=[lead.name, lead.acronym, *partners], owner=lead.id, countries=partnership.countries,
        themes=partnership.themes, sdgs=partnership.sdgs, org_type=lead.org_type, when=partnership.published_at,
    )


def _story_doc(story: Story) -> dict:
    org = story.organization
    return _document(
        kind="story", ref=story.slug, record_id=story.id, lang=story.language, title=story.title,
        summary=story.summary, body=plain_text(story.body), org_names=[org.name, org.acronym], owner=org.id,
        countries=story.countries, themes=story.themes, org_type=org.org_type, when=story.published_at,
    )


def _source_doc(source: DataSource) -> dict:
    org = source.organization
    years = f"{source.years_from or ''}–{source.years_to or ''}" if source.years_from or source.years_to else ""
    return _document(
        kind="source", ref=source.slug, record_id=source.id, lang="en", title=source.title,
        body=plain_text(source.description), extra=" ".join(filter(None, [source.format, years])),
        org_names=[source.publisher, *([org.name, org.acronym] if org else [])],
        owner=org.id if org else None, countries=source.countries, themes=source.themes,
        org_type=org.org_type if org else "", when=source.published_at,
    )


def _country_doc(country: Country) -> dict:
    titles = {"en": country.name, "fr": country.name_fr or country.name, "es": country.name_es or country.name}
    return _document(
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
    titles = {
        lang: f"{o.localized_name(lang)} → {d.localized_name(lang)}" for lang in LANGUAGES
    }
    figure = ""
    if corridor.migrants is not None:
        figure = (
            f"Migrant stock: {corridor.migrants:,} people born in {o.name} lived in {d.name} in "
            f"{corridor.year} (UN DESA International Migrant Stock {corridor.edition})."
        )
    parts = [f"The {o.name} diaspora in {d.name}.", figure]
    if profile is not None:
        parts += [plain_text(profile.summary), profile.languages, plain_text(profile.notes)]
    return _document(
        kind="community", ref=corridor.pair, record_id=corridor.pair, lang="en", title=titles["en"],
        titles=titles, summary=" ".join(p for p in parts[:2] if p), body=" ".join(p for p in parts[2:] if p),
        countries=[o, d], themes=[], when=profile.updated_at if profile else None,
    )


def document_for(record) -> dict:
    """The search document of one record (public or not: callers decide what is public)."""
    builders = {
        Organization: _org_doc, Action: _action_doc, Partnership: _partnership_doc, Story: _story_doc,
        DataSource: _source_doc, Country: _country_doc, Corridor: _community_doc,
    }
    return builders[type(record)](record)


# Which public rows each kind indexes, with what it needs loaded.
def _public_select(kind: str):
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
    raise ValueError(kind)


MODELS = {"organization": Organization, "action": Action, "partnership": Partnership, "story": Story,
          "source": DataSource}
OWNER = {"organization": Organization.id, "action": Action.organization_id,
         "partnership": Partnership.lead_organization_id, "story": Story.organization_id,
         "source": DataSource.organization_id}


def _corridors(session: Session, pairs: set[str] | None = None) -> list[Corridor]:
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
    corridors = []
    for key in sorted(wanted):
        o, d = key.split("-")
        if o not in countries or d not in countries:
            continue
        edition, year, migrants = latest.get(key, (None, None, None))
        corridors.append(Corridor(countries[o], countries[d], migrants, year, edition, profiles.get(key)))
    return corridors


def iter_documents(session: Session, kinds: Iterable[str] = KINDS, progress: Progress | None = None) -> Iterator[dict]:
    """Every public document of `kinds`, built from the database."""
    for kind in kinds:
        count = 0
        if kind == "country":
            rows = session.scalars(sa.select(Country).order_by(Country.iso3))
        elif kind == "community":
            rows = _corridors(session)
        else:
            rows = session.scalars(_public_select(kind).execution_options(yield_per=500))
        for row in rows:
            yield document_for(row)
            count += 1
        if progress:
            progress(f"  {kind}: {count:,} documents")


def _owned_keys(searcher, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Keys of indexed documents owned by the organizations among `keys`."""
    owned = set()
    for kind, record_id in keys:
        if kind == "organization":
            for docnum in searcher.document_numbers(owner=record_id):
                owned.add(tuple(searcher.stored_fields(docnum)["uid"].split(":", 1)))
    return owned


def _documents_for_keys(session: Session, keys: set[tuple[str, str]]) -> tuple[set[str], dict]:
    """(uids to delete, {uid: document} to add) for outbox keys."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for kind, record_id in keys:
        by_kind[kind].add(record_id)
    uids, docs = set(), {}
    orgs = {int(i) for i in by_kind.get("organization", set()) if i.isdigit()}
    if orgs:
        # An organization's name, type and verification show in all its content: redo all of it.
        for kind in MODELS:
            for row in session.scalars(_public_select(kind).where(OWNER[kind].in_(orgs))):
                docs[f"{kind}:{row.id}"] = document_for(row)
    for kind, ids in by_kind.items():
        uids |= {f"{kind}:{i}" for i in ids}
        if kind in MODELS:
            numeric = [int(i) for i in ids if i.isdigit()]
            rows = session.scalars(_public_select(kind).where(MODELS[kind].id.in_(numeric)))
        elif kind == "country":
            rows = session.scalars(sa.select(Country).where(Country.iso3.in_(ids)))
        elif kind == "community":
            rows = _corridors(session, pairs=set(ids))
        else:
            continue
        for row in rows:
            doc = document_for(row)
            docs[doc["uid"]] = doc
    return uids, docs


# --------------------------------------------------------------------------- the outbox


def _keys_for(obj) -> set[tuple[str, str]]:
    if isinstance(obj, Organization):
        return {("organization", str(obj.id))}
    for kind, model in MODELS.items():
        if isinstance(obj, model):
            return {(kind, str(obj.id))}
    if isinstance(obj, PartnershipPartner):
        return {("partnership", str(obj.partnership_id))} if obj.partnership_id else set()
    if isinstance(obj, CommunityProfile):
        return {("community", f"{obj.origin_iso3}-{obj.destination_iso3}")}
    if isinstance(obj, Country):
        return {("country", obj.iso3)}
    return set()


SEARCHABLE = (Organization, Action, Partnership, PartnershipPartner, Story, DataSource, CommunityProfile, Country)


def _before_flush(session: Session, flush_context, instances) -> None:
    pending = session.info.setdefault("search_objects", [])
    keys = session.info.setdefault("search_keys", set())
    for obj in session.deleted:
        if isinstance(obj, SEARCHABLE):
            keys |= _keys_for(obj)  # the id is gone after the flush
    for obj in session.dirty:
        if isinstance(obj, SEARCHABLE) and session.is_modified(obj):
            pending.append(obj)
    pending.extend(obj for obj in session.new if isinstance(obj, SEARCHABLE))


def _after_flush(session: Session, flush_context) -> None:
    keys = session.info.pop("search_keys", set())
    for obj in session.info.pop("search_objects", []):
        keys |= _keys_for(obj)  # new objects have their ids now
    if not keys:
        return
    now = datetime.now().astimezone()
    session.connection().execute(
        sa.insert(SearchOutbox.__table__),
        [{"kind": kind, "record_id": record_id[:40], "created_at": now} for kind, record_id in sorted(keys)],
    )
    session.info["search_outbox_written"] = True


def _after_commit(session: Session) -> None:
    if not session.info.pop("search_outbox_written", False) or not has_app_context():
        return
    app = current_app._get_current_object()
    mode = _drain_mode(app)
    if mode == "deferred":  # the outbox keeps the work until drain(), catch_up() or `hub search check`
        return
    if mode == "sync":
        try:
            drain()
        except Exception:  # noqa: BLE001 - the outbox keeps what did not reach the index
            log.exception("Search outbox drain failed; it will be retried")
    else:
        _drainer.wake(app)


def _after_rollback(session: Session) -> None:
    for key in ("search_objects", "search_keys", "search_outbox_written"):
        session.info.pop(key, None)


def _install_listeners() -> None:
    if sa.event.contains(Session, "after_flush", _after_flush):
        return
    sa.event.listen(Session, "before_flush", _before_flush)
    sa.event.listen(Session, "after_flush", _after_flush)
    sa.event.listen(Session, "after_commit", _after_commit)
    sa.event.listen(Session, "after_rollback", _after_rollback)


_install_listeners()


def _drain_mode(app) -> str:
    """How the outbox reaches the index after a commit: "background" (a thread per process, the
    default), "sync" (in the committing request; tests) or "deferred" (only on drain/catch_up)."""
    return app.config.get("SEARCH_DRAIN") or ("sync" if app.testing else "background")


class _Drainer:
    """One background thread per process: drains after commits, and every minute catches up."""

    interval = 60.0

    def __init__(self) -> None:
        self._event = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def wake(self, app) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive() or self._thread.pid != os.getpid():
                self._thread = threading.Thread(target=self._run, args=(app,), name="search-drain", daemon=True)
                self._thread.pid = os.getpid()
                self._thread.start()
        self._event.set()

    def _run(self, app) -> None:
        while True:
            self._event.clear()
            try:
                with app.app_context():
                    drain()
            except Exception:  # noqa: BLE001 - logged; the outbox keeps the work for next time
                log.exception("Background search drain failed")
            self._event.wait(self.interval)


_drainer = _Drainer()


def start_background_drain(app) -> None:
    """Catch up on start (and every minute) in this process, unless drains are synchronous."""
    if _drain_mode(app) == "background":
        _drainer.wake(app)


@contextmanager
def _locked_writer(ix, timeout: float | None = None, **kwargs):
    """A writer, waiting for the lock with exponential backoff instead of failing at once."""
    budget = WRITE_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + budget
    delay = 0.02
    while True:
        try:
            writer = ix.writer(**kwargs)
            break
        except LockError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(min(delay, max(deadline - time.monotonic(), 0)) * (0.5 + random.random()))  # noqa: S311
            delay = min(delay * 2, 0.5)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise


def _write(writer, uids: set[str], docs: dict) -> None:
    for uid in sorted(uids | set(docs)):
        writer.delete_by_term("uid", uid)
    for doc in docs.values():
        writer.add_document(**doc)


def drain(batch: int = 500, timeout: float | None = None) -> int:
    """Bring the outbox into the index; returns how many outbox rows were handled."""
    path = index_dir()
    if not index_exists(path):
        return 0
    handled = 0
    while True:
        ix = open_index(path)
        with _locked_writer(ix, timeout) as writer, Session(db.engine) as session:
            # The database is read after the lock is held, so a slower drain never writes older state.
            rows = session.execute(
                sa.select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.record_id)
                .order_by(SearchOutbox.id).limit(batch)
            ).all()
            if not rows:
                writer.cancel()
                return handled
            keys = {(r.kind, r.record_id) for r in rows}
            with writer.searcher() as searcher:
                keys |= _owned_keys(searcher, keys)
            uids, docs = _documents_for_keys(session, keys)
            _write(writer, uids, docs)
            writer.commit()
            session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_([r.id for r in rows])))
            session.commit()
        handled += len(rows)
        if len(rows) < batch:
            return handled


def pending() -> int:
    """How many outbox rows wait to reach the index."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) or 0


# --------------------------------------------------------------------------- rebuild, check, stats


def build_index(path: Path, documents: Iterable[dict], procs: int = 1, progress: Progress | None = None) -> int:
    """Write `documents` into a new index at `path`; returns the document count."""
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), build_schema())
    kwargs = {"procs": procs, "multisegment": True, "limitmb": 128} if procs > 1 else {"limitmb": 128}
    count = 0
    with _locked_writer(ix, 0, **kwargs) as writer:
        for doc in documents:
            writer.add_document(**doc)
            count += 1
            if progress and count % 10_000 == 0:
                progress(f"  {count:,} documents written")
        writer.commit()
    return count


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


@dataclass
class RebuildReport:
    documents: int
    seconds: float
    drained: int


def rebuild(progress: Progress | None = None, procs: int | None = None) -> RebuildReport:
    """Build a fresh index from the database in a new directory and swap it in atomically."""
    started = time.perf_counter()
    live = index_dir()
    procs = procs or min(2, os.cpu_count() or 1)
    fresh = live.with_name(f"{live.name}.new-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    # Hold the live index's lock while reading the database: drains elsewhere wait or leave their
    # outbox rows, which the drain after the swap brings into the new index.
    held = None
    try:
        if index_exists(live):
            held = open_index(live).lock("WRITELOCK")
            deadline = time.monotonic() + WRITE_TIMEOUT
            while not held.acquire(blocking=False):
                if time.monotonic() > deadline:
                    held = None
                    break
                time.sleep(0.1)
    except Exception:  # noqa: BLE001 - a corrupt live index has no lock worth holding
        held = None
    try:
        with Session(db.engine) as session:
            count = build_index(fresh, iter_documents(session, progress=progress), procs=procs, progress=progress)
        live.parent.mkdir(parents=True, exist_ok=True)
        if live.exists():
            if _exchange(fresh, live):
                if held is not None:
                    held.release()
                    held = None
                shutil.rmtree(fresh, ignore_errors=True)
            else:
                old = live.with_name(f"{live.name}.old-{os.getpid()}")
                os.rename(live, old)
                os.rename(fresh, live)
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(fresh, live)
    finally:
        if held is not None:
            with suppress(Exception):  # its directory may be gone already
                held.release()
        shutil.rmtree(fresh, ignore_errors=True)
    drained = drain()
    return RebuildReport(count, time.perf_counter() - started, drained)


@dataclass
class CheckReport:
    expected: int
    indexed: int
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(repair: bool = True, progress: Progress | None = None) -> CheckReport:
    """Compare the index with the database document by document; repair differences if asked."""
    drain()
    with Session(db.engine) as session:
        expected = {doc["uid"]: doc for doc in iter_documents(session, progress=progress)}
    ix = open_index(index_dir())
    seen: dict[str, str] = {}
    duplicates = set()
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            uid = fields["uid"]
            if uid in seen:
                duplicates.add(uid)
            seen[uid] = fields.get("stamp", "")
    report = CheckReport(expected=len(expected), indexed=len(seen))
    report.missing = sorted(set(expected) - set(seen))
    report.extra = sorted(set(seen) - set(expected))
    report.stale = sorted(
        uid for uid in set(expected) & set(seen) if uid in duplicates or expected[uid]["stamp"] != seen[uid]
    )
    if repair and not report.ok:
        with _locked_writer(ix) as writer:
            redo = {uid: expected[uid] for uid in report.missing + report.stale}
            _write(writer, set(report.extra), redo)
            writer.commit()
        report.repaired = True
    return report


def catch_up(progress: Progress | None = None) -> None:
    """Bring the index in step with the database: rebuild if unreadable, else drain and repair."""
    say = progress or (lambda message: None)
    ok, detail = health()
    if not ok:
        say(f"Search index {detail}; rebuilding…")
        report = rebuild(progress=say)
        say(f"Search index rebuilt: {report.documents:,} documents in {report.seconds:.1f} s.")
        return
    drained = drain()
    result = check(repair=True)
    say(
        f"Search index caught up: {drained} queued change(s) applied, "
        f"{len(result.missing)} missing, {len(result.stale)} stale, {len(result.extra)} extra repaired."
    )


def stats() -> dict:
    """Documents per kind, segments, size on disk and the outbox backlog."""
    path = index_dir()
    ix = open_index(path)
    with ix.searcher() as searcher:
        kinds = {kind: searcher.doc_frequency("kind", kind) for kind in KINDS}
        documents = searcher.doc_count()
        deleted = searcher.doc_count_all() - documents
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    return {
        "path": str(path), "documents": documents, "deleted": deleted, "kinds": kinds,
        "segments": len(ix._segments()), "bytes": size, "pending": pending(),
        "modified": datetime.fromtimestamp(ix.last_modified()).astimezone(),
    }


# --------------------------------------------------------------------------- reading


class _View:
    """One open searcher plus what is derived from it and reused until the index changes."""

    def __init__(self, ix, ino: int) -> None:
        self.ix = ix
        self.ino = ino
        self.searcher = ix.searcher()
        self._facets: dict[str, dict[str, frozenset]] | None = None

    def facet_sets(self) -> dict[str, dict[str, frozenset]]:
        """{facet: {value: docnums}}: counting facets is then a set intersection per value."""
        if self._facets is None:
            reader = self.searcher.reader()
            facets = {}
            for name in FACETS:
                facets[name] = {
                    value: frozenset(self.searcher.docs_for_query(wq.Term(name, value)))
                    for value in reader.field_terms(name)
                }
            self._facets = facets
        return self._facets

    def close(self) -> None:
        self.searcher.close()


class _Reader:
    """A per-thread cache of the open index (one per process under sync workers)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[_View] = []
        self._lock = threading.Lock()

    @contextmanager
    def use(self, path: Path):
        view: _View | None = getattr(self._local, "view", None)
        try:
            ino = os.stat(path).st_ino
        except OSError as exc:
            raise IndexUnavailable(str(exc)) from exc
        try:
            if view is not None and view.ix.storage.folder == str(path) and view.ino == ino:
                # Never Searcher.refresh(): after another writer merges, it returns deleted documents.
                if not _guard(view.searcher.up_to_date):
                    self._replace(view, _guard(lambda: _View(view.ix, ino)))
            else:
                ix = open_index(path)
                self._replace(view, _guard(lambda: _View(ix, ino)))
        except IndexUnavailable:
            self._replace(view, None)
            raise
        yield self._local.view

    def discard(self) -> None:
        """Forget this thread's searcher."""
        with suppress(Exception):
            self._replace(getattr(self._local, "view", None), None)

    def _replace(self, old: _View | None, new: _View | None) -> None:
        self._local.view = new
        with self._lock:
            if new is not None:
                self._all.append(new)
            if old is not None:
                self._all.remove(old)
        if old is not None:
            old.close()

    def close_all(self) -> None:
        with self._lock:
            views, self._all = self._all, []
        for view in views:
            with suppress(Exception):  # closing at exit
                view.close()


_reader = _Reader()
atexit.register(_reader.close_all)


class _MarkFormatter(highlight.Formatter):
    """Matched words in <mark>; every other character escaped, so content cannot inject markup."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"


_FRAGMENTER = highlight.ContextFragmenter(maxchars=220, surround=70)
_WHOLE = highlight.WholeFragmenter()
_FORMATTER = _MarkFormatter()


def _highlight(text: str, words: list[str], analyzer, top: int = 2, whole: bool = False) -> Markup | None:
    if not text or not words:
        return None
    terms = frozenset(t.text for w in words for t in analyzer(w))
    if not terms:
        return None
    fragmenter = _WHOLE if whole else _FRAGMENTER
    out = highlight.highlight(text, terms, analyzer, fragmenter, _FORMATTER, top=top)
    return Markup(out) if out else None  # noqa: S704 - built by _MarkFormatter, which escapes


@dataclass
class Hit:
    kind: str
    ref: str
    title: Markup
    snippet: Markup
    matched_in: list[str]
    org_name: str
    date: datetime | None
    lang: str


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class Results:
    text: str
    filters: dict[str, list[str]]
    sort: str
    page: int
    per_page: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    fell_back_to_or: bool = False
    suggestion: str | None = None
    available: bool = True
    error: str = ""

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


_FILTER_SYNTAX = re.compile(r"\b\w+:(\"[^\"]*\"|\S+)")
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_KIND_ALIASES = {"org": "organization", "organisation": "organization", "organizations": "organization",
                 "actions": "action", "partnerships": "partnership", "stories": "story", "sources": "source",
                 "data": "source", "countries": "country", "communities": "community", "corridor": "community"}


def query_words(text: str) -> list[str]:
    """The free words of a query string (no field filters, no operators)."""
    return [w for w in _WORD.findall(_FILTER_SYNTAX.sub(" ", text)) if w not in _OPERATORS]


_country_cache: dict[str, tuple[dict[str, str], dict[str, dict[str, str]]]] = {}


def _countries() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    key = str(db.engine.url)
    if key not in _country_cache:
        lookup, names = {}, {}
        for c in db.session.scalars(sa.select(Country)):
            for name in (c.name, c.name_fr, c.name_es, c.iso2, c.iso3):
                if name:
                    lookup[fold(name)] = c.iso3
            names[c.iso3] = {lang: c.localized_name(lang) for lang in LANGUAGES}
        _country_cache.clear()  # one database per process, except in tests
        _country_cache[key] = (lookup, names)
    return _country_cache[key]


def country_lookup() -> dict[str, str]:
    """{folded name in en/fr/es, iso2 or iso3: ISO3}, loaded once per database."""
    return _countries()[0]


def country_name(iso3: str, locale: str = "en") -> str:
    """A country's name in `locale` (for facet labels), or the code itself."""
    return _countries()[1].get(iso3, {}).get(locale, iso3)


def normalize_filter(facet: str, value: str) -> str | None:
    """A filter value as stored in the index, or None if it cannot be one."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    if facet == "country":
        return country_lookup().get(fold(value))
    if facet == "kind":
        value = _KIND_ALIASES.get(value.lower(), value.lower())
        return value if value in KINDS else None
    return value.lower()


def _normalize_fields(node):
    if isinstance(node, wq.Term) and node.fieldname in FACETS:
        value = normalize_filter(node.fieldname, str(node.text))
        return wq.Term(node.fieldname, value) if value else wq.NullQuery
    return node


FIELD_NAMES = {"country", "theme", "kind", "type", "year", "sdg", "org", "lang"}
_FIELD_PREFIX = re.compile(r"(\w+):")


def _parse(text: str, group):
    # Only the documented fields may be named; "title:x" searches the words "title x".
    text = _FIELD_PREFIX.sub(lambda m: m.group(0) if m.group(1) in FIELD_NAMES else m.group(1) + " ", text)
    parser = MultifieldParser(SEARCH_FIELDS, build_schema_cached(), group=group)
    return parser.parse(text).accept(_normalize_fields)


_schema_cache: list[Schema] = []


def build_schema_cached() -> Schema:
    if not _schema_cache:
        _schema_cache.append(build_schema())
    return _schema_cache[0]


def _filter_query(filters: dict[str, list[str]]):
    parts = []
    for facet in FACETS:
        values = [v for v in filters.get(facet, []) if v]
        if values:
            parts.append(wq.Or([wq.Term(facet, v) for v in values]))
    return wq.And(parts) if parts else None


def _suggest(view: _View, words: list[str]) -> str | None:
    corrector = view.searcher.corrector("spell")
    reader = view.searcher.reader()
    changed, out = False, []
    for word in words:
        folded = fold(word)
        if len(folded) < 3 or folded.isdigit() or folded in _STOP_ANY or reader.doc_frequency("spell", folded):
            out.append(word)
            continue
        suggestion = None
        for distance in (1, 2):
            found = corrector.suggest(folded, limit=1, maxdist=distance, prefix=1)
            if found:
                suggestion = found[0]
                break
        out.append(suggestion or word)
        changed = changed or bool(suggestion)
    return " ".join(out) if changed else None


def _matched_in(hit) -> list[str]:
    found = []
    for fieldname, _text in hit.matched_terms():
        label = MATCHED_IN.get(fieldname.split("_")[0])
        if label and label not in found:
            found.append(label)
    order = list(MATCHED_IN.values())
    return sorted(found, key=order.index)


def _to_hit(hit, words: list[str], locale: str) -> Hit:
    fields = hit.fields()
    lang = fields.get("lang", "en")
    analyzer = ANALYZERS.get(lang, FOLDING)
    title_text = (fields.get("titles") or {}).get(locale) or fields.get("title", "")
    title = _highlight(title_text, words, analyzer, top=1, whole=True)
    snippet = _highlight(fields.get("snippet", ""), words, analyzer)
    if snippet is None:
        fallback = fields.get("summary") or fields.get("snippet", "")
        snippet = escape(fallback[:240] + ("…" if len(fallback) > 240 else ""))
    date = datetime.fromtimestamp(fields["date"] / 1000).astimezone() if fields.get("date") else None
    return Hit(
        kind=fields["kind"], ref=fields["ref"], title=title or escape(title_text), snippet=snippet,
        matched_in=_matched_in(hit), org_name=fields.get("org_name", ""), date=date, lang=lang,
    )


def query(
    text: str = "", filters: dict[str, list[str]] | None = None, sort: str = "relevance",
    page: int = 1, per_page: int = 20, locale: str = "en",
) -> Results:
    """Search the index: hits for one page, facet counts, AND falling back to OR, a suggestion."""
    text = (text or "").strip()[:500]
    clean = {f: [n for v in (filters or {}).get(f, []) if (n := normalize_filter(f, v))] for f in FACETS}
    clean = {f: list(dict.fromkeys(v)) for f, v in clean.items() if v}
    sort = sort if sort in ("relevance", "newest") else "relevance"
    results = Results(text=text, filters=clean, sort=sort, page=max(page, 1), per_page=per_page)
    try:
        with _reader.use(index_dir()) as view:
            try:
                _run(view, results, locale)
            except Exception:  # noqa: BLE001 - odd syntax: search the plain words instead
                log.info("Query %r failed; searching its words", text, exc_info=True)
                results.text = " ".join(query_words(text))
                results.hits, results.total, results.facets = [], 0, {}
                _run(view, results, locale)
                results.text = text
    except Exception as exc:  # noqa: BLE001 - a broken index must never break the page
        log.warning("Search unavailable: %s", exc)
        _reader.discard()  # the next request opens the index afresh
        results.available, results.error = False, type(exc).__name__
        results.hits, results.total, results.facets = [], 0, {}
    return results


def _run(view: _View, results: Results, locale: str) -> None:
    searcher = view.searcher
    words = query_words(results.text)
    filter_q = _filter_query(results.filters)
    sortedby = FieldFacet("date", reverse=True) if results.sort == "newest" else None
    if results.text:
        q = _parse(results.text, AndGroup)
    else:
        q = wq.Every()
        if sortedby is None:
            sortedby = FieldFacet("date", reverse=True)
    page = searcher.search_page(q, results.page, results.per_page, filter=filter_q, sortedby=sortedby, terms=True)
    suggestion = _suggest(view, words) if results.text else None
    if suggestion:
        # Offer the correction only when it finds more than what was typed.
        found = searcher.search(_parse(suggestion, AndGroup), limit=1, filter=filter_q)
        if len(found) > page.total:
            results.suggestion = suggestion
    if page.total == 0 and results.text and len(words) > 1:
        q = _parse(results.text, OrGroup.factory(0.9))
        page = searcher.search_page(
            q, results.page, results.per_page, filter=filter_q, sortedby=sortedby, terms=True
        )
        results.fell_back_to_or = page.total > 0
    if page.pagenum != results.page:  # asked past the end
        results.page = page.pagenum
    results.total = page.total
    results.hits = [_to_hit(hit, words, locale) for hit in page]
    matched = page.results.docs()
    sets = view.facet_sets()
    for facet in FACETS:
        chosen = set(results.filters.get(facet, []))
        counts = [(value, len(matched & docs)) for value, docs in sets[facet].items()]
        values = [FacetValue(v, n, v in chosen) for v, n in counts if v and (n or v in chosen)]
        if facet == "year":
            values.sort(key=lambda fv: fv.value, reverse=True)
        else:
            values.sort(key=lambda fv: (-fv.count, fv.value))
        results.facets[facet] = values
