"""The rebuild's own writer (hub.search.whoosh.indexing) writes exactly what Whoosh's writer writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index
from whoosh.fields import TEXT
from whoosh.formats import Positions

from hub.search import make_document
from hub.search.schema import build_schema
from hub.search.whoosh import indexing

TEXTS = {
    "en": "The remittances of the diaspora: remittance costs, U.S. 3.5% fees, and the the and of a b cd.",
    "fr": "Les transferts de fonds vers le Sénégal et la Côte d’Ivoire; l'état des écoles à Dakar.",
    "es": "Las remesas de los jóvenes emprendedores, remesas y más remesas en América Latina.",
}


def _documents(count: int) -> list[dict]:
    docs = []
    for i in range(count):
        lang = ("en", "fr", "es")[i % 3]
        docs.append(make_document(
            kind=("action", "story", "organization")[i % 3], ref=f"doc-{i}", record_id=i, lang=lang,
            title=f"Probe {i} {TEXTS[lang][:30]}", summary=TEXTS[lang], body=f"{TEXTS[lang]} number {i % 7} "
            * (1 + i % 4), org_names=[f"Association {i % 5}", "IOM"], owner=i % 5,
        ))
    return docs


def _stock_schema():
    """The hub's schema with Whoosh's own TEXT fields in place of WordsField."""
    schema = build_schema()
    for name in list(schema.names()):
        field = schema[name]
        if isinstance(field, indexing.WordsField):
            schema.remove(name)
            schema.add(name, TEXT(analyzer=field.analyzer, phrase=type(field.format) is Positions))
    return schema


def _contents(path: Path) -> dict:
    """What a search reads: terms, postings (docnum, weight, value) and their totals, stored fields, lengths."""
    ix = index.open_dir(str(path))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        postings = {}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            found = []
            while matcher.is_active():
                found.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, text)
            postings[fieldname, text] = (found, info.weight(), info.max_weight(), info.min_id(), info.max_id())
        stored = list(searcher.all_stored_fields())
        lengths = {name: reader.field_length(name) for name in ix.schema.scorable_names()}
    return {"postings": postings, "stored": stored, "lengths": lengths, "count": len(stored)}


def test_bulk_writer_writes_whooshs_own_postings(tmp_path):
    docs = _documents(300)  # "IOM" in every document: a posting list of three blocks of 128
    stock = tmp_path / "stock"
    stock.mkdir()
    ix = index.create_in(str(stock), _stock_schema())
    with ix.writer() as writer:
        for doc in docs:
            writer.add_document(**doc)
    bulk = tmp_path / "bulk"
    bulk.mkdir()
    assert indexing.write_index(index.create_in(str(bulk), build_schema()), docs) == 300

    expected, got = _contents(stock), _contents(bulk)
    assert got["count"] == 300 and len(got["postings"]) > 500
    assert len(got["postings"]["org", b"iom"][0]) == 300
    assert got == expected


def test_parallel_writers_split_segments_and_leave_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setattr(indexing, "BATCH", 2)
    monkeypatch.setattr(indexing, "SEGMENT_DOCS", 4)
    docs = _documents(15)
    ix = index.create_in(str(tmp_path), build_schema())
    lines = []
    assert indexing.write_index(ix, docs, procs=2, progress=lines.append) == 15

    ix = index.open_dir(str(tmp_path))
    assert len(ix._segments()) == 4  # 8 batches of 2 in turn to two workers, a new segment every 4
    with ix.searcher() as searcher:
        assert sorted(f["ref"] for f in searcher.all_stored_fields()) == sorted(d["ref"] for d in docs)
        assert searcher.doc_frequency("text_es", b"remes") == 5
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".seg"] * 4 + [".toc"]


def test_a_failing_writer_process_stops_the_rebuild_with_its_error(tmp_path):
    docs = [*_documents(5), {"uid": "bad", "no_such_field": "x"}]
    ix = index.create_in(str(tmp_path), build_schema())
    with pytest.raises(RuntimeError, match="no_such_field"):
        indexing.write_index(ix, docs, procs=2)
