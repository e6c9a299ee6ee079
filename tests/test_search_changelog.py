"""The change log: every host's own index applies every change, and the log is pruned safely."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from hub import create_app, search
from hub.extensions import db
from hub.models import Action, SearchIndexPosition, SearchOutbox
from hub.search import changelog
from tests.conftest import PG_URL, _base_config


@pytest.fixture
def host_b(app, tmp_path, reference_dir):
    """A second host: the same database, its own instance folder and search index."""
    other = create_app({**_base_config(tmp_path / "host-b", app.config["SQLALCHEMY_DATABASE_URI"], reference_dir),
                        "SEARCH_DRAIN": "deferred"})
    with other.app_context():
        search.ensure_index()
    yield other
    with other.app_context():
        db.engine.dispose()


def _titles_on(host, text: str) -> set[str]:
    with host.test_request_context():
        return {re.sub(r"</?mark>", "", str(hit.title)) for hit in search.query(text, per_page=50).hits}


def test_a_change_committed_on_one_host_reaches_the_other_hosts_index(app_ctx, host_b, make_org, make_action):
    action = make_action(make_org(), title="Telemedicine for Tamale")
    assert "Telemedicine for Tamale" in _titles_on(app_ctx, "telemedicine")  # host A: at once
    with host_b.app_context():
        assert search.pending() > 0  # host B has not applied it yet...
        search.drain()  # ...until its own drain (every few seconds in the background)
        assert search.pending() == 0
    assert "Telemedicine for Tamale" in _titles_on(host_b, "telemedicine")
    action.title = "Tele-health for Tamale"
    db.session.commit()
    with host_b.app_context():
        search.drain()
    assert _titles_on(host_b, "telemedicine") == set() and "Tele-health for Tamale" in _titles_on(host_b, "tamale")


def test_rows_stay_until_every_index_applied_them(app_ctx, host_b, make_org, make_action):
    make_action(make_org(), title="Diaspora bonds for Accra")
    with host_b.app_context():
        search.drain()  # both indexes registered at the newest id
    make_action(make_org(name="Second Org"), title="Remittance corridor study")
    newest = changelog.last_id(db.session)
    assert search.prune_log() > 0  # what both applied goes
    remaining = db.session.scalars(sa.select(SearchOutbox.id)).all()
    assert remaining and min(remaining) > db.session.scalar(
        sa.select(sa.func.min(SearchIndexPosition.applied_id)))
    with host_b.app_context():
        assert search.pending() == len(remaining)  # host B still needs them
        search.drain()
    assert search.prune_log() == len(remaining)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == 0
    make_action(make_org(name="Third Org"), title="After the prune")
    assert changelog.last_id(db.session) > newest  # ids are never reused after a prune
    assert "After the prune" in _titles_on(app_ctx, "prune")


def _host_b_away_past_the_retention(host_b, make_org, make_action, missed_title: str) -> None:
    """Host B applies the log, then is away for more than the retention period while host A
    records `missed_title` and prunes."""
    make_action(make_org(), title="Before host B left")
    with host_b.app_context():
        search.drain()
    make_action(make_org(name="Later Org"), title=missed_title)
    long_ago = datetime.now(UTC) - timedelta(days=8)
    db.session.execute(sa.update(SearchOutbox).values(created_at=long_ago))
    db.session.execute(sa.update(SearchIndexPosition).values(updated_at=long_ago))
    db.session.commit()
    assert search.prune_log() > 0


def test_a_host_down_past_the_retention_rebuilds_by_itself(app_ctx, host_b, make_org, make_action):
    _host_b_away_past_the_retention(host_b, make_org, make_action, "Missed while away")
    with host_b.app_context():
        with pytest.raises(changelog.FellBehind):
            search.drain()
        messages = []
        search.catch_up(progress=messages.append)
        assert any("rebuilding" in m for m in messages), messages
        search.drain()  # in step again
        assert search.pending() == 0
    assert "Missed while away" in _titles_on(host_b, "missed")


def test_check_repairs_an_index_that_fell_behind_without_a_rebuild(app_ctx, host_b, make_org, make_action):
    _host_b_away_past_the_retention(host_b, make_org, make_action, "During the gap")
    with host_b.app_context():
        report = search.check(repair=True)
        assert report.repaired and "During the gap" in _titles_on(host_b, "gap")
        search.drain()  # no longer behind
        assert report.missing


def test_a_crash_between_index_commit_and_position_reapplies_harmlessly(app_ctx, make_org, make_action):
    action = make_action(make_org(), title="Applied twice")
    path = search.index_dir()
    position = changelog.read_position(path)
    changelog.write_new_position(path, changelog.Position(position.index_id, 0))  # as if the write was lost
    assert search.pending() > 0
    search.drain()
    hits = [h for h in search.query("applied twice").hits if h.ref == action.slug]
    assert len(hits) == 1 and search.pending() == 0


@pytest.mark.skipif(not PG_URL, reason="SQLite has one writer at a time anyway")
def test_a_later_log_id_never_commits_before_an_earlier_one(app, make_org):
    """A reader at position N must never see N+1 commit before N (it would skip N for good)."""
    org_id = make_org().id
    first = Session(db.engine)
    first.add(Action(organization_id=org_id, title="Slow transaction", slug="slow", review_state="published"))
    first.flush()  # holds a log id, not committed yet
    done = threading.Event()

    def second_writer():
        with app.app_context(), Session(db.engine) as second:
            second.add(Action(organization_id=org_id, title="Quick one", slug="quick", review_state="published"))
            second.commit()
            done.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    try:
        waited = not done.wait(1.0)  # the second transaction waits for the first to commit...
        first.commit()
    finally:
        first.close()
        thread.join(10)
    assert waited
    assert done.is_set()  # ...and then commits
    with Session(db.engine) as session:
        ids = dict(session.execute(sa.select(SearchOutbox.record_id, SearchOutbox.id)
                                   .where(SearchOutbox.kind == "action")).all())
        slugs = dict(session.execute(sa.select(Action.id, Action.slug)).all())
    by_slug = {slugs[int(record_id)]: log_id for record_id, log_id in ids.items()}
    assert by_slug["slow"] < by_slug["quick"]


def test_stats_lists_each_hosts_position(app_ctx, runner, make_org, make_action):
    make_action(make_org(), title="Counted in the stats")
    result = runner.invoke(args=["search", "stats"])
    assert result.exit_code == 0, result.output
    position = changelog.read_position(search.index_dir())
    assert f"this one: {position.index_id}" in result.output
    assert f"applied up to {position.applied:,}" in result.output
