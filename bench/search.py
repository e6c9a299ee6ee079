"""Search benchmark: generated content, indexed and queried through the app's own code.

    .venv/bin/python bench/search.py               # 10,000 documents
    .venv/bin/python bench/search.py --docs 100000 # the 100k run (a few minutes)

    .venv/bin/python bench/search.py --docs 100000 --workdir /tmp/b100k --keep  # reuse it later

Generates realistic organizations, actions, partnerships, stories and data sources with real
countries and themes and saves them in a SQLite database (not timed against a target). Then:

- rebuild: hub.search.rebuild with 2 processes, exactly what `hub search rebuild` runs (reading
  the database, building the documents, writing the index, swapping it in);
- queries, in a fresh process like a web worker: a fixed mix through hub.search.query (query,
  facet counts, highlights, stored fields: a full search request) and through bare Whoosh doing
  the same work on the same index (groupedby facets, Hit.highlights), then the whole /search page;
- p50/p95 of each, their ratio, and the query process's peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub import create_app, search  # noqa: E402
from hub.extensions import db  # noqa: E402
from hub.models import (  # noqa: E402
    SDG,
    Action,
    Country,
    DataSource,
    Organization,
    Partnership,
    SearchOutbox,
    Story,
    Theme,
)
from hub.places.reference import parse_countries  # noqa: E402
from hub.taxonomy import vocabulary  # noqa: E402
from hub.taxonomy.services import seed_vocabulary  # noqa: E402


def _words(prose: str) -> list[str]:
    return prose.split()


WORDS = {
    "en": _words(
        "diaspora community health education remittances investment skills transfer youth women "
        "entrepreneurs network association training hospital clinic school scholarship doctors nurses "
        "engineers teachers farmers cooperative agriculture water solar energy climate resilience return "
        "reintegration mentoring digital finance savings bonds microcredit humanitarian response flood "
        "drought refugees displacement integration language culture heritage festival research data "
        "survey census policy dialogue ministry embassy consulate partnership volunteers exchange "
        "knowledge professionals returnees startups innovation infrastructure sanitation maternal "
        "vaccination telemedicine housing employment labour migration recruitment ethical costs"
    ),
    "fr": _words(
        "diaspora communauté santé éducation transferts investissement compétences jeunes femmes "
        "entrepreneurs réseau association formation hôpital école bourse médecins infirmières ingénieurs "
        "enseignants agriculteurs coopérative agriculture eau énergie solaire climat retour réintégration "
        "numérique épargne humanitaire sécheresse réfugiés intégration culture patrimoine recherche "
        "politique ministère partenariat bénévoles échange savoirs professionnels innovation"
    ),
    "es": _words(
        "diáspora comunidad salud educación remesas inversión habilidades jóvenes mujeres emprendedores "
        "red asociación formación hospital escuela becas médicos enfermeras ingenieros maestros "
        "agricultores cooperativa agricultura agua energía solar clima retorno reintegración digital "
        "ahorro humanitaria sequía refugiados integración cultura patrimonio investigación política "
        "ministerio alianza voluntarios intercambio conocimiento profesionales innovación"
    ),
}
ORIGINS = ["GHA", "SEN", "NGA", "IND", "MEX", "MAR", "PHL", "CIV", "KEN", "ETH", "HTI", "SLV", "BGD", "PAK",
           "CMR", "MLI", "COL", "VEN", "SOM", "SYR"]
RESIDENCES = ["DEU", "FRA", "USA", "GBR", "ESP", "ITA", "CAN", "ARE", "SAU", "BEL", "NLD", "SWE", "CHE",
              "AUS", "QAT", "ZAF"]

QUERIES = [
    ("single term", "health", {}, "relevance"),
    ("single term, accents", "Sénégal", {}, "relevance"),
    ("single term, stemmed", "remittance", {}, "relevance"),
    ("country code", "GHA", {}, "relevance"),
    ("two terms", "ghana health", {}, "relevance"),
    ("three terms", "diaspora investment mexico", {}, "relevance"),
    ("several terms", "women entrepreneurs digital finance", {}, "relevance"),
    ("phrase", '"skills transfer"', {}, "relevance"),
    ("phrase + term", '"diaspora bonds" nigeria', {}, "relevance"),
    ("facet filter", "education", {"country": ["SEN"]}, "relevance"),
    ("two facet filters", "training", {"kind": ["action"], "theme": ["health"]}, "relevance"),
    ("field syntax", "country:IND theme:skills", {}, "relevance"),
    ("sort newest", "climate resilience", {}, "newest"),
    ("filter only, newest", "", {"kind": ["story"]}, "newest"),
    ("French content", "transferts santé", {}, "relevance"),
    ("Spanish content", "remesas jóvenes", {}, "relevance"),
    ("no AND match → OR", "telemedicine sanitation flood", {}, "relevance"),
    ("misspelling", "helth clinc", {}, "relevance"),
    ("broad term", "diaspora", {}, "relevance"),
    ("organization type", "network", {"type": ["ngo"]}, "relevance"),
]


# Everyday words around the topical ones: a Zipf-distributed vocabulary of 6,000 made-up words, so
# that, as in real text, a topical word such as "health" is in some documents, not in most.
_SYLLABLES = _words("ka lo mi ne su ta ri po de va shu an el or um is ber gan tol mur sen dra vi ko")
FILLER = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s", "ra", "to", "li",
                                                                      "de", "ma", "re", "ti", "ve")][:6000]
FILLER_WEIGHTS = [1 / (rank + 1) for rank in range(len(FILLER))]


def sentence(rng: random.Random, lang: str, countries: list[Country], n: int) -> str:
    topical = max(1, n // 5)
    words = rng.choices(FILLER, weights=FILLER_WEIGHTS, k=n - topical) + rng.choices(WORDS[lang], k=topical)
    rng.shuffle(words)
    if countries and rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), rng.choice(countries).localized_name(lang))
    return " ".join(words).capitalize() + "."


def paragraph(rng, lang, countries, sentences: int) -> str:
    return " ".join(sentence(rng, lang, countries, rng.randint(8, 18)) for _ in range(sentences))


def generate(count: int, countries: dict[str, Country], themes: list[Theme], sdgs: list[SDG], seed: int = 42):
    """Yield `count` unsaved records of every content kind, like a busy hub's."""
    rng = random.Random(seed)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    origins = [countries[c] for c in ORIGINS if c in countries]
    residences = [countries[c] for c in RESIDENCES if c in countries]
    orgs: list[Organization] = []
    org_types = vocabulary.codes(vocabulary.ORGANIZATION_TYPES)
    for i in range(count):
        lang = rng.choices(("en", "fr", "es"), weights=(70, 20, 10))[0]
        when = start + timedelta(minutes=rng.randrange(60 * 24 * 365 * 7))
        here = rng.sample(origins, rng.randint(1, 2)) + rng.sample(residences, rng.randint(0, 2))
        tags = rng.sample(themes, rng.randint(1, 3))
        kind = "organization" if not orgs or rng.random() < 0.12 else rng.choices(
            ("action", "partnership", "story", "source"), weights=(50, 12, 23, 15))[0]
        title = sentence(rng, lang, here, rng.randint(3, 8)).rstrip(".")
        if kind == "organization":
            record = Organization(
                id=i, slug=f"org-{i}", name=title[:200], acronym=title[:1].upper() + str(i % 97),
                org_type=rng.choice(org_types), description=paragraph(rng, lang, here, rng.randint(2, 6)),
                language=lang, verification="verified", verified_at=when, created_at=when,
                hq_country=rng.choice(residences), heritage_countries=here[:1], operation_countries=here[1:],
                themes=tags,
            )
            orgs.append(record)
        else:
            org = rng.choice(orgs)
            common = {"id": i, "slug": f"{kind}-{i}", "title": title, "review_state": "published",
                      "published_at": when}
            if kind == "action":
                record = Action(
                    **common, organization=org, summary=sentence(rng, lang, here, 20), language=lang,
                    description=paragraph(rng, lang, here, rng.randint(4, 12)),
                    beneficiaries=sentence(rng, lang, [], 5), origin_countries=here[:1],
                    implementation_countries=here[1:] or here[:1], themes=tags, sdgs=rng.sample(sdgs, 2),
                    results=[], partners=[],
                )
            elif kind == "partnership":
                record = Partnership(
                    **common, lead_organization=org, summary=sentence(rng, lang, here, 20), language=lang,
                    description=paragraph(rng, lang, here, rng.randint(3, 8)), countries=here, themes=tags,
                    sdgs=rng.sample(sdgs, 2), partners=[],
                )
            elif kind == "story":
                record = Story(
                    **common, organization=org, summary=sentence(rng, lang, here, 20), language=lang,
                    body=paragraph(rng, lang, here, rng.randint(6, 16)), countries=here, themes=tags,
                )
            else:
                record = DataSource(
                    **common, organization=org, kind="dataset", url="https://example.org",
                    description=paragraph(rng, "en", here, rng.randint(3, 8)), publisher=org.name,
                    years_from=2000 + rng.randrange(15), years_to=2015 + rng.randrange(10), format="CSV",
                    countries=here, themes=tags,
                )
        yield record


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bare_whoosh(searcher, schema, text, filters, sort):
    """The same work as a search page, written directly against Whoosh."""
    from whoosh import query as wq
    from whoosh.qparser import AndGroup, MultifieldParser
    from whoosh.sorting import FieldFacet

    q = MultifieldParser(search.SEARCH_FIELDS, schema, group=AndGroup).parse(text) if text else wq.Every()
    parts = [wq.Or([wq.Term(f, v.upper() if f == "country" else v) for v in values])
             for f, values in filters.items()]
    facets = {name: FieldFacet(name, allow_overlap=name in ("country", "theme")) for name in search.FACETS}
    results = searcher.search(
        q, limit=20, filter=wq.And(parts) if parts else None, terms=True, groupedby=facets,
        sortedby=FieldFacet("date", reverse=True) if sort == "newest" else None,
    )
    results.fragmenter.maxchars = 220
    for hit in results:
        hit.fields()
        hit.highlights(f"text_{hit['lang']}", text=hit["snippet"], top=2)
    return {name: results.groups(name) for name in facets}


def _app(workdir: Path):
    return create_app({
        "DEBUG": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "INSTANCE_DIR": str(workdir), "SEARCH_INDEX_DIR": str(workdir / "search"), "SEARCH_DRAIN": "deferred",
        "UPLOAD_DIR": str(workdir / "uploads"), "MAIL_OUTBOX_DIR": str(workdir / "mail"),
    })


def load(workdir: Path, count: int) -> None:
    """A database holding `count` generated public records (not timed against any target)."""
    app = _app(workdir)
    with app.app_context():
        db.create_all()
        seed_vocabulary()
        for row in parse_countries(Path(app.config["DATA_DIR"]) / "countries.csv"):
            db.session.add(Country(**row))
        db.session.commit()
        countries = {c.iso3: c for c in db.session.scalars(db.select(Country))}
        themes = list(db.session.scalars(db.select(Theme)))
        sdgs = list(db.session.scalars(db.select(SDG)))
        started = time.perf_counter()
        batch = []
        for done, record in enumerate(generate(count, countries, themes, sdgs), 1):
            batch.append(record)
            if len(batch) == 2_000 or done == count:
                db.session.add_all(batch)
                db.session.commit()
                batch = []
                print(f"\r  loading the database: {done:,} of {count:,} records", end="", flush=True)
        db.session.execute(db.delete(SearchOutbox))  # the rebuild below indexes everything
        db.session.commit()
        print(f"\n  loaded in {time.perf_counter() - started:.1f} s (not part of any target)")


def rebuild(workdir: Path, count: int) -> float:
    """`hub search rebuild`'s own code: read the database, build documents, index, swap."""
    app = _app(workdir)
    with app.app_context():
        report = search.engine().rebuild(procs=2, progress=lambda line: print(line, flush=True))
        assert report.documents >= count, report
        print(f"rebuild: {report.documents:,} documents in {report.seconds:.1f} s with 2 processes "
              f"(database, documents and index)  target at 100k: ≤ 100 s")
        return report.seconds


def _p50(times: list[float]) -> float:
    return statistics.median(times) if times else float("nan")


def _p95(times: list[float]) -> float:
    return percentile(times, 95) if times else float("nan")


def measure(workdir: Path, count: int, repeat: int, bare: bool = True) -> None:
    """The query mix, in a fresh process like a web worker's, through the app and bare Whoosh."""
    app = _app(workdir)
    with app.app_context():
        ix = search.open_index(search.index_dir())
        bare_searcher = ix.searcher()
        schema = ix.schema
        # Each query runs once untimed on both paths (first searcher, caches kept until the index
        # changes, Python's own first calls), then is timed: what a worker serves between commits.
        # Bare Whoosh's facets take seconds at 100k, so it is timed fewer times there.
        bare_repeat = (repeat if count <= 20_000 else min(repeat, 2)) if bare else 0
        # CPU time (this process's) beside wall time: on a shared machine the wall time grows
        # with everyone else's load, the CPU a query needs does not (much).
        print(f"{'query':<26}{'hits':>8}{'app p50':>9}{'p95':>8}{'bare p50':>10}{'p95':>8}"
              f"{'app CPU p50':>13}{'p95':>8}", flush=True)
        app_all, bare_all, cpu_all = [], [], []
        for label, text, filters, sort in QUERIES:
            app_times, bare_times, cpu_times = [], [], []
            result = search.engine().search(text, filters, sort=sort, per_page=20)
            for _ in range(repeat):
                t, cpu = time.perf_counter(), time.process_time()
                result = search.engine().search(text, filters, sort=sort, per_page=20)
                app_times.append((time.perf_counter() - t) * 1000)
                cpu_times.append((time.process_time() - cpu) * 1000)
            if bare:
                bare_whoosh(bare_searcher, schema, text, filters, sort)
            for _ in range(bare_repeat):
                t = time.perf_counter()
                bare_whoosh(bare_searcher, schema, text, filters, sort)
                bare_times.append((time.perf_counter() - t) * 1000)
            print(f"{label:<26}{result.total:>8,}{statistics.median(app_times):>9.1f}"
                  f"{percentile(app_times, 95):>8.1f}{_p50(bare_times):>10.1f}"
                  f"{_p95(bare_times):>8.1f}{statistics.median(cpu_times):>13.1f}"
                  f"{percentile(cpu_times, 95):>8.1f}", flush=True)
            app_all += app_times
            bare_all += bare_times
            cpu_all += cpu_times
        bare_searcher.close()
        app_p95, bare_p95 = percentile(app_all, 95), _p95(bare_all)
        print(f"{'ALL (ms)':<26}{'':>8}{statistics.median(app_all):>9.1f}{app_p95:>8.1f}"
              f"{_p50(bare_all):>10.1f}{bare_p95:>8.1f}{statistics.median(cpu_all):>13.1f}"
              f"{percentile(cpu_all, 95):>8.1f}")
        target = 30 if count <= 10_000 else 150
        print(f"app/bare p95 ratio: {app_p95 / bare_p95:.2f}   app p95 {app_p95:.1f} ms (target ≤ {target} ms)")

        client = app.test_client()
        page_times = []
        for _ in range(max(1, repeat // 2)):
            for _label, text, filters, sort in QUERIES:
                t = time.perf_counter()
                response = client.get("/search", query_string={"q": text, "sort": sort, **filters})
                page_times.append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, response.status_code
        print(f"whole HTML page (/search, template included): p50 {statistics.median(page_times):.1f} ms, "
              f"p95 {percentile(page_times, 95):.1f} ms")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of this process after {len(app_all) + len(bare_all) + len(page_times)} queries: "
              f"{peak:.0f} MB (target ≤ 600 MB)")
        size = sum(f.stat().st_size for f in search.index_dir().iterdir()) / 1_048_576
        print(f"index size: {size:.0f} MB in {workdir}")


def run(count: int, repeat: int, keep: bool, workdir: Path | None, again: bool = False, bare: bool = True) -> None:
    fresh = workdir is None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="bench-search-"))
    print(f"== {count:,} documents ({os.cpu_count()} CPUs) in {workdir} ==", flush=True)
    if fresh or not (workdir / "bench.sqlite3").exists():
        workdir.mkdir(parents=True, exist_ok=True)
        load(workdir, count)
        rebuild(workdir, count)
    elif again:
        rebuild(workdir, count)
    # Queries run in a new process, as in a web worker: its memory is the search's, not the loader's.
    subprocess.run([sys.executable, __file__, "--measure", str(workdir), "--docs", str(count),
                    "--repeat", str(repeat), *(() if bare else ("--no-bare",))], check=True)
    if not keep and fresh:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate (default 10,000)")
    parser.add_argument("--repeat", type=int, default=10, help="runs of each of the 20 queries (default 10)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and index")
    parser.add_argument("--workdir", type=Path, help="reuse (or create) the database and index in this folder")
    parser.add_argument("--rebuild", action="store_true", help="with --workdir: rebuild its index again first")
    parser.add_argument("--no-bare", action="store_true",
                        help="time only the app, not bare Whoosh (minutes less at 100k)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the query phase's own process
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.docs, args.repeat, bare=not args.no_bare)
    else:
        run(args.docs, args.repeat, args.keep, args.workdir, args.rebuild, bare=not args.no_bare)


if __name__ == "__main__":
    main()
