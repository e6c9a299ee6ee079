"""Fixtures: a fresh database and search index per test, built through the real code.

SQLite (default): a template database with the schema, vocabulary and a slice of the real
reference data is built once per session and copied for each test. PostgreSQL (when
HUB_TEST_DATABASE_URL is set): the same template is built once in that database, and every
table that is not reference data is emptied after each test.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from hub import create_app
from hub.extensions import db

REAL_DATA = Path(__file__).resolve().parent.parent / "data"
# Real figures for these countries (as origin or destination) go into the test database.
TEST_COUNTRIES = {"GHA", "SEN", "IND", "MEX", "MAR", "PHL", "NGA", "DEU", "FRA", "USA", "ARE"}
REFERENCE_TABLES = {
    "country", "migrant_stock", "country_total", "bilateral_remittance",
    "remittance_received", "unlisted_remittance", "reference_import", "theme", "sdg", "alembic_version",
    # Kept so a test's first request does not recreate them (query counts stay the same as on
    # SQLite); safe, because each test's app starts with an empty cache.
    "cache_version",
}
PG_URL = os.environ.get("HUB_TEST_DATABASE_URL", "")

# Fixture modules import each other: let pytest rewrite their asserts before any import.
pytest.register_assert_rewrite("tests.fixtures")

# Each feature keeps its fixtures in tests/fixtures/<feature>.py; all are loaded here.
pytest_plugins = sorted(
    f"tests.fixtures.{path.stem}"
    for path in (Path(__file__).parent / "fixtures").glob("*.py")
    if path.stem != "__init__"
)


def _filter_csv(source: Path, target: Path, keep) -> None:
    with source.open(newline="", encoding="utf-8") as src, target.open(
        "w", newline="", encoding="utf-8"
    ) as dst:
        reader = csv.DictReader(src)
        writer = csv.DictWriter(dst, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(row for row in reader if keep(row))


@pytest.fixture(scope="session")
def reference_dir(tmp_path_factory) -> Path:
    """A data/ folder with every country and the real rows touching TEST_COUNTRIES."""
    target = tmp_path_factory.mktemp("reference")
    for path in REAL_DATA.glob("*.csv"):
        if "bilateral" in path.name:
            _filter_csv(path, target / path.name, lambda r: r["origin_iso3"] in TEST_COUNTRIES
                        or r["destination_iso3"] in TEST_COUNTRIES)
        else:
            shutil.copy(path, target / path.name)
    return target


def _base_config(tmp: Path, database_url: str, data_dir: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_DIR": str(tmp),
        "SEARCH_INDEX_DIR": str(tmp / "search"),
        "UPLOAD_DIR": str(tmp / "uploads"),
        "MAIL_OUTBOX_DIR": str(tmp / "outbox"),
        "DATA_DIR": str(data_dir),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "QUEUE_URL": "memory://",  # jobs run at once, in the caller
        "SERVER_NAME": "localhost",
        # No pooled connections left open between tests (PostgreSQL counts them).
        "SQLALCHEMY_ENGINE_OPTIONS": {"poolclass": NullPool} if database_url.startswith("postgresql") else {},
    }


def _build_template(app) -> None:
    from hub.places.reference import import_reference
    from hub.taxonomy.services import seed_vocabulary

    with app.app_context():
        if PG_URL:
            # Start from an empty schema, whatever an earlier run or schema version left.
            with db.engine.begin() as conn:
                conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                conn.execute(sa.text("CREATE SCHEMA public"))
        db.drop_all()
        db.create_all()
        seed_vocabulary()
        import_reference(Path(app.config["DATA_DIR"]))
        db.session.commit()
        db.engine.dispose()


def _worker_database(request) -> str:
    """With pytest-xdist each worker gets its own PostgreSQL database, created on demand."""
    worker = getattr(request.config, "workerinput", {}).get("workerid", "main")
    base, _, name = PG_URL.rpartition("/")
    database = f"{name}_{worker}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database})
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    return f"{base}/{database}"


@pytest.fixture(scope="session")
def _template(request, tmp_path_factory, reference_dir) -> str:
    """The database every test starts from; returns its URL (SQLite: a file to copy)."""
    tmp = tmp_path_factory.mktemp("template")
    url = _worker_database(request) if PG_URL else f"sqlite:///{tmp / 'template.sqlite3'}"
    _build_template(create_app(_base_config(tmp, url, reference_dir)))
    return url


# Tests of these modules read the search index, so their commits reach it at once; elsewhere
# the outbox is still written but indexing is deferred, which keeps the suite fast.
SEARCH_SYNC_MODULES = ("search", "api", "feeds", "e2e")


def _search_drain(request) -> str:
    path = str(request.node.path)
    if request.node.get_closest_marker("search_sync") or any(name in path for name in SEARCH_SYNC_MODULES):
        return "sync"
    return "deferred"


@pytest.fixture
def app(request, tmp_path, _template, reference_dir):
    """A Flask app on a fresh copy of the template database and an empty search index."""
    if PG_URL:
        url = _template
    else:
        template_file = _template.removeprefix("sqlite:///")
        shutil.copy(template_file, tmp_path / "hub.sqlite3")
        url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    app = create_app({**_base_config(tmp_path, url, reference_dir), "SEARCH_DRAIN": _search_drain(request)})
    from hub import search

    @app.before_request
    def _forget_cached_user():
        # Service-level tests keep an app context open, which requests then share; in production
        # each request has its own, so Flask-Login's cached user must not outlive a request.
        from flask import g

        g.pop("_login_user", None)

    with app.app_context():
        search.ensure_index()
    yield app
    with app.app_context():
        db.session.remove()
        if PG_URL:
            names = [t.name for t in db.metadata.sorted_tables if t.name not in REFERENCE_TABLES]
            db.session.execute(sa.text(
                "TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE"
            ))
            db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app):
    """Run the test body inside a request context (service-level tests: translated messages
    and the current locale need one)."""
    with app.test_request_context():
        yield app
