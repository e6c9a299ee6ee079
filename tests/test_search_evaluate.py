"""hub.search.whoosh.evaluate finds the documents Whoosh finds, with Whoosh's scores, or leaves the query to it."""

from __future__ import annotations

import pytest
from whoosh import index

from hub.search import parse
from hub.search.schema import build_schema
from hub.search.whoosh import indexing
from hub.search.whoosh.evaluate import evaluate, matching
from hub.search.whoosh.scoring import BM25F
from tests.test_search_indexing import _documents


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """Two segments and deleted documents, as an index has after drains and merges."""
    path = tmp_path_factory.mktemp("evaluate")
    docs = _documents(240)
    ix = index.create_in(str(path), build_schema())
    indexing.write_index(ix, docs[:200])
    writer = ix.writer()  # a second segment, and deletions in the first
    for doc in docs[200:]:
        writer.add_document(**doc)
    for i in range(0, 200, 7):
        writer.delete_by_term("uid", docs[i]["uid"])
    writer.commit(merge=False)
    ix = index.open_dir(str(path))
    assert len(ix._segments()) == 2
    with ix.searcher(weighting=BM25F()) as searcher:
        yield searcher


@pytest.mark.parametrize("text", [
    "remittances", "remesas jóvenes", "IOM", "probe", "Sénégal Dakar", '"transferts de fonds"',
    '"remittance costs" diaspora', '"number 3"', "probe^2 remittances", "remittances OR remesas",
    "(remittances costs) OR (remesas jóvenes)", "nothingmatchesthis", '"de fonds vers le"',
])
def test_same_documents_and_scores_as_whoosh(app_ctx, searcher, text):
    q = parse(text)
    found = evaluate(searcher, q)
    assert found is not None, q
    expected = {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}
    assert set(found) == set(expected)
    assert all(found[d] == pytest.approx(score, rel=1e-12) for d, score in expected.items())
    assert matching(searcher, q) == set(expected)
    if text != "nothingmatchesthis":
        assert expected, text


@pytest.mark.parametrize("text", ["remittances NOT costs", "remit*", "remittances ANDMAYBE costs"])
def test_other_queries_are_left_to_whoosh(app_ctx, searcher, text):
    assert evaluate(searcher, parse(text)) is None and matching(searcher, parse(text)) is None


def test_an_unknown_weighting_is_left_to_whoosh(app_ctx, searcher):
    from whoosh import scoring
    from whoosh.searching import Searcher

    q = parse("remittances")
    # A different weighting (the fast path used to raise AttributeError on it)
    with Searcher(searcher.reader(), weighting=scoring.TF_IDF(), closereader=False) as other:
        assert evaluate(other, q) is None
        assert len(other.search(q, limit=None)) == len(searcher.search(q, limit=None)) > 0


def test_another_whoosh_release_turns_the_fast_paths_off(app_ctx, searcher, monkeypatch, tmp_path, make_org,
                                                         make_action):
    from hub import search
    from hub.search.whoosh import version

    monkeypatch.setattr(version, "FAST_PATH", False)
    q = parse("remittances")
    assert evaluate(searcher, q) is None and matching(searcher, q) is None
    ix = index.create_in(str(tmp_path), build_schema())
    assert indexing.write_index(ix, _documents(30), procs=2) == 30  # through Whoosh's own writer
    with ix.searcher() as plain:
        assert plain.doc_count() == 30
    action = make_action(make_org(), title="Remittance savings groups")
    assert action.slug in {hit.ref for hit in search.query("remittance savings").hits}
