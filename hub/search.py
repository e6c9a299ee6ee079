"""The only module that talks to Whoosh: the index's schema, location and health."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from whoosh import index
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema


def build_schema() -> Schema:
    return Schema(
        uid=ID(stored=True, unique=True),
        kind=ID(stored=True),
        record_id=STORED,
        title=TEXT(stored=True, field_boost=3.0),
        summary=TEXT(stored=True),
        body=TEXT,
        countries=KEYWORD(commas=True, lowercase=True),
        themes=KEYWORD(commas=True, lowercase=True),
        published=DATETIME(sortable=True),
    )


def index_dir() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def ensure_index() -> bool:
    """Create an empty index if there is none; True when one was created."""
    path = index_dir()
    if path.exists() and index.exists_in(str(path)):
        return False
    path.mkdir(parents=True, exist_ok=True)
    index.create_in(str(path), build_schema())
    return True


def health() -> tuple[bool, str]:
    """Whether the index opens and can be read, with a short reason."""
    path = index_dir()
    try:
        if not index.exists_in(str(path)):
            return False, "missing"
        ix = index.open_dir(str(path))
        with ix.searcher() as searcher:
            return True, f"{searcher.doc_count()} documents"
    except Exception as exc:  # noqa: BLE001 - any failure to open means unhealthy
        return False, type(exc).__name__
