"""Search quality benchmark: the judged queries of tests/fixtures/search_judgements.json, run
against the demo content through hub.search.query (what the search page and the API call).

    .venv/bin/python bench/search_quality.py            # a fresh demo database and index in a temp folder
    .venv/bin/python bench/search_quality.py --misses   # also list every query whose first hit is wrong
    .venv/bin/python bench/search_quality.py --query "Turks in Germany"   # one query's top ten

Prints, overall and per category: S@5 (share of queries with an expected record in the top five),
MRR@20 (mean of 1 / rank of the first expected record in the top twenty), nDCG@10 (binary
relevance), and the p50/p95 time of a whole hub.search.query call. A "nothing" query (no expected
records) scores 1 on every measure when it finds nothing and 0 when it finds anything.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub import create_app, search  # noqa: E402
from hub.cli import init_command  # noqa: E402

JUDGEMENTS = ROOT / "tests" / "fixtures" / "search_judgements.json"
TOP = 20


def _app(workdir: Path):
    return create_app({
        "DEBUG": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'quality.sqlite3'}",
        "INSTANCE_DIR": str(workdir), "SEARCH_INDEX_DIR": str(workdir / "search"), "SEARCH_DRAIN": "deferred",
        "UPLOAD_DIR": str(workdir / "uploads"), "MAIL_OUTBOX_DIR": str(workdir / "mail"),
    })


def scores(ranked: list[str], expect: set[str], total: int) -> tuple[float, float, float]:
    """(success@5, reciprocal rank within TOP, nDCG@10) of one query's ranked record keys."""
    if not expect:
        ok = float(total == 0)
        return ok, ok, ok
    s5 = float(any(key in expect for key in ranked[:5]))
    rr = next((1 / rank for rank, key in enumerate(ranked[:TOP], 1) if key in expect), 0.0)
    dcg = sum(1 / math.log2(rank + 1) for rank, key in enumerate(ranked[:10], 1) if key in expect)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(expect), 10) + 1))
    return s5, rr, dcg / ideal


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def run(workdir: Path, misses: bool, only: str | None) -> None:
    app = _app(workdir)
    started = time.perf_counter()
    result = app.test_cli_runner().invoke(init_command, ["--demo"])
    if result.exit_code != 0:
        raise SystemExit(f"hub init --demo failed:\n{result.output}")
    print(f"demo content loaded and indexed in {time.perf_counter() - started:.1f} s", flush=True)
    judged = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    with app.test_request_context():
        with search.reader.use(search.index_dir()) as view:
            known = {f"{f['kind']}:{f['ref']}" for f in view.searcher.all_stored_fields()}
        unknown = sorted({key for item in judged for key in item["expect"]} - known)
        if unknown:  # a judgement naming a record the demo does not publish is a broken judgement
            raise SystemExit(f"{len(unknown)} judged records are not in the index: {unknown}")
        if only:
            found = search.engine().search(only, per_page=10)
            print(f"{found.total} found; suggestion={found.suggestion!r}; "
                  f"corrected from={getattr(found, 'corrected_from', None)!r}")
            for rank, hit in enumerate(found.hits, 1):
                print(f"{rank:2}. {hit.kind}:{hit.ref}  {hit.title.striptags()}")
            return
        for item in judged[:5]:  # warm the caches (country tables, searcher) outside the timings
            search.engine().search(item["query"], per_page=TOP, locale=item["lang"])
        per_category: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        timings: dict[str, list[float]] = defaultdict(list)
        wrong = []
        for item in judged:
            t0 = time.perf_counter()
            found = search.engine().search(item["query"], per_page=TOP, locale=item["lang"])
            elapsed = (time.perf_counter() - t0) * 1000
            ranked = [f"{hit.kind}:{hit.ref}" for hit in found.hits]
            s = scores(ranked, set(item["expect"]), found.total)
            per_category[item["category"]].append(s)
            per_category["ALL"].append(s)
            timings[item["category"]].append(elapsed)
            timings["ALL"].append(elapsed)
            if s[1] < 1:
                wrong.append((item, ranked[:5], found.total))
    print(f"\n{'category':<16}{'queries':>8}{'S@5':>8}{'MRR@20':>8}{'nDCG@10':>9}{'p50 ms':>8}{'p95 ms':>8}")
    for category in sorted(per_category, key=lambda c: (c == "ALL", c)):
        rows = per_category[category]
        s5, rr, ndcg = (statistics.fmean(r[i] for r in rows) for i in range(3))
        t = timings[category]
        print(f"{category:<16}{len(rows):>8}{s5:>8.3f}{rr:>8.3f}{ndcg:>9.3f}"
              f"{statistics.median(t):>8.1f}{percentile(t, 95):>8.1f}")
    if misses:
        print("\nQueries whose first hit is not an expected record:")
        for item, top, total in wrong:
            print(f"- [{item['category']}] {item['query']!r} ({total} found): {top}")
    overall = per_category["ALL"]
    print(f"\nsummary: {len(overall)} judged queries, S@5 {statistics.fmean(r[0] for r in overall):.3f}, "
          f"MRR@20 {statistics.fmean(r[1] for r in overall):.3f}, p95 {percentile(timings['ALL'], 95):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the queries whose first hit is wrong")
    parser.add_argument("--query", help="show one query's top ten instead of the whole set")
    parser.add_argument("--workdir", type=Path, help="folder for the database and index (default: a temp folder)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hub-quality-"))
    try:
        run(workdir, args.misses, args.query)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
