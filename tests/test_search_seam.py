"""The search engine seam: the Whoosh speed code is walled in hub/search/whoosh/, and indexes
built before it moved there still open (their schema and segments name classes by module path)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from whoosh import index
from whoosh.qparser import QueryParser

from hub.search.schema import FoldStemFilter
from hub.search.whoosh.indexing import BulkCodec, WordsField

ROOT = Path(__file__).resolve().parent.parent
# Built by tests/fixtures/search_index_570d1e6/build.py with the hub of commit 570d1e6 (before the move).
OLD_INDEX = ROOT / "tests" / "fixtures" / "search_index_570d1e6"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_an_index_built_before_the_move_still_opens_and_finds(tmp_path):
    folder = tmp_path / "index"
    shutil.copytree(OLD_INDEX, folder, ignore=shutil.ignore_patterns("*.py"))
    assert b"hub.search.indexing" in next(folder.glob("*.toc")).read_bytes()  # the old class paths

    ix = index.open_dir(str(folder))
    assert ix.doc_count() == 2
    assert isinstance(ix.schema["text_en"], WordsField)
    assert any(isinstance(step, FoldStemFilter) for step in ix.schema["text_fr"].analyzer.items)
    assert any(isinstance(segment.codec(), BulkCodec) for segment in ix._segments())
    with ix.searcher() as searcher:
        english = searcher.search(QueryParser("text_en", ix.schema).parse("remittances senegal"))
        french = searcher.search(QueryParser("text_fr", ix.schema).parse("ecole"))
        assert [hit["uid"] for hit in english] == ["action:1"]
        assert [hit["uid"] for hit in french] == ["story:2"]


def test_nothing_outside_hub_search_imports_the_whoosh_speed_code():
    """Whoosh itself only under hub/search (bench/search.py also times bare Whoosh); its speed code
    only from hub/search."""
    offenders = []
    for folder in ("hub", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "hub" / "search"):
                continue
            names = _imports(path)
            if any(n.startswith("hub.search.whoosh") or (folder == "hub" and n.startswith("whoosh")) for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_backend_is_chosen_at_start_and_only_whoosh_is_built(app, tmp_path):
    from hub import create_app
    from hub.config import Config
    from hub.search import SearchBackend
    from hub.search.backend import engine

    assert Config.from_env({})["SEARCH_BACKEND"] == "whoosh"
    assert Config.from_env({"HUB_SEARCH_BACKEND": "postgresql"})["SEARCH_BACKEND"] == "postgresql"
    with app.app_context():
        assert engine().name == "whoosh" and isinstance(engine(), SearchBackend)
    for name in ("postgresql", "elastic"):
        with pytest.raises(RuntimeError, match="PostgreSQL search backend .* is not built yet"):
            create_app({"TESTING": True, "SEARCH_BACKEND": name, "INSTANCE_DIR": str(tmp_path),
                        "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_the_backend_indexes_deletes_and_finds(app, client):
    from hub.search import make_document
    from hub.search.backend import engine

    doc = make_document(kind="story", ref="seam-probe", record_id=987654, lang="en", title="Zanzibar cloves",
                        summary="A probe for the seam.", body="Cloves from Zanzibar.", owner=1)
    with app.test_request_context():
        backend = engine()
        assert backend.index_documents([doc]) == 1
        found = backend.search("zanzibar cloves")
        assert [hit.ref for hit in found.hits] == ["seam-probe"] and "<mark>" in str(found.hits[0].title)
        backend.delete([doc["uid"]])
        assert backend.search("zanzibar cloves").total == 0


def test_pages_api_feeds_and_cli_search_only_through_the_backend():
    """Outside hub/search, no module calls the Whoosh backend's functions directly."""
    direct = ("query", "rebuild", "check", "stats", "health", "ensure_index", "schema_outdated", "catch_up",
              "applied_position", "start_background_drain", "drain")
    offenders = []
    for path in (ROOT / "hub").rglob("*.py"):
        if path.is_relative_to(ROOT / "hub" / "search"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in direct and getattr(node.value, "id", "") == "search":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} search.{node.attr}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hub.search") and any(
                    alias.name in direct for alias in node.names):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module}")
    assert offenders == []
