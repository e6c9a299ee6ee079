"""Alembic migrations build the schema from empty, and it matches the models exactly."""

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from hub import create_app
from hub.extensions import db
from tests.conftest import PG_URL, _base_config


@pytest.fixture
def empty_database_url(tmp_path):
    """An empty database of the kind under test (SQLite file, or a new PostgreSQL database)."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"hub_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_from_empty_matches_models_and_downgrades(tmp_path, empty_database_url, reference_dir):
    app = create_app(_base_config(tmp_path, empty_database_url, reference_dir))
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"country", "migrant_stock", "organization", "action", "search_outbox"} <= tables
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()


def test_hub_init_on_empty_database_then_starts_at_once(tmp_path, empty_database_url, reference_dir):
    app = create_app(_base_config(tmp_path, empty_database_url, reference_dir))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["init"])
    assert first.exit_code == 0, first.output
    assert "undesa_ims2024_bilateral.csv:" in first.output and "rows loaded" in first.output
    second = runner.invoke(args=["init"])
    assert second.exit_code == 0, second.output
    assert "Reference data: 0 file(s) loaded" in second.output
    with app.app_context():
        db.engine.dispose()
