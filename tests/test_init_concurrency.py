"""`hub init` run on every host at once: one migrates and loads, the others wait and find it done."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from tests.conftest import PG_URL
from tests.test_migrations import empty_database_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(not PG_URL, reason="hosts share a database only on PostgreSQL")


def _hub_init(url: str, instance, data_dir):
    env = {**os.environ, "HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(instance), "HUB_DATA_DIR": str(data_dir),
           "HUB_SECRET_KEY": "a-test-secret-that-is-long-enough-for-init", "HUB_RATELIMIT_STORAGE_URL": "memory://"}
    return subprocess.Popen([sys.executable, "-c", "from hub.cli import main; main()", "init", "--demo"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_two_hosts_running_hub_init_at_once_load_everything_once(tmp_path, empty_database_url, reference_dir):  # noqa: F811
    hosts = [_hub_init(empty_database_url, tmp_path / name, reference_dir) for name in ("host-a", "host-b")]
    outputs = [host.communicate(timeout=300)[0] for host in hosts]
    assert [host.returncode for host in hosts] == [0, 0], outputs
    assert any("waiting for it to finish" in out for out in outputs), outputs
    assert sum("Demo content: already loaded." in out for out in outputs) == 1, outputs
    engine = sa.create_engine(empty_database_url)
    with engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM alembic_version")) == 1
        stock = conn.execute(sa.text("SELECT count(*), count(DISTINCT (origin_iso3, destination_iso3, year, edition))"
                                     " FROM migrant_stock")).one()
        demo_orgs = conn.scalar(sa.text("SELECT count(*) FROM organization"))
        slugs = conn.scalar(sa.text("SELECT count(DISTINCT slug) FROM organization"))
    engine.dispose()
    assert stock[0] == stock[1] > 0  # loaded once, nothing twice
    assert demo_orgs == slugs > 0
