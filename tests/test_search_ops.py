"""Operating the index: concurrent writers, corruption and rebuild, the refresh() trap, commands."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import whoosh.searching
from whoosh import index

from hub import search

CONFIG_KEYS = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SEARCH_INDEX_DIR",
               "UPLOAD_DIR", "MAIL_OUTBOX_DIR", "DATA_DIR", "WTF_CSRF_ENABLED", "RATELIMIT_ENABLED")


def _publish_actions(config: dict, org_id: int, worker: int, count: int) -> None:
    """Run in a separate process: publish `count` actions, one transaction each."""
    from hub import create_app
    from hub.extensions import db
    from hub.models import Action

    app = create_app(config)
    with app.app_context():
        for i in range(count):
            db.session.add(Action(organization_id=org_id, title=f"Worker {worker} action {i}",
                                  slug=f"w{worker}-a{i}", review_state="published"))
            db.session.commit()
        db.engine.dispose()


def test_concurrent_writers_in_four_processes_lose_nothing(app, make_org, index_probe):
    org = make_org()
    config = {key: app.config[key] for key in CONFIG_KEYS}
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_publish_actions, args=(config, org.id, n, 4)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    slugs = {f"w{n}-a{i}" for n in range(4) for i in range(4)}
    assert search.pending() == 0, "a drain failed: see the captured stderr of the writer processes"
    assert len(index_probe.uids("action")) == 16
    assert slugs <= {hit.ref for hit in search.query("worker", per_page=50).hits}


def _corrupt(path: Path) -> None:
    for file in path.iterdir():
        if file.is_file():
            file.write_bytes(b"\x00garbage" * 64)


def test_corrupt_index_never_breaks_pages_and_rebuild_recovers(app, client, make_org, make_action):
    org = make_org()
    make_action(org, title="Diaspora bonds explained")
    assert client.get("/search?q=bonds").status_code == 200
    _corrupt(Path(app.config["SEARCH_INDEX_DIR"]))

    response = client.get("/search?q=bonds")
    assert response.status_code == 503
    assert "Search is being rebuilt" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 503
    late = make_action(org, title="Diaspora bonds, part two")  # the commit works; the outbox keeps it
    assert search.pending() > 0

    report = search.rebuild(procs=1)
    assert report.documents >= 3  # organization, both actions (+ reference data)
    page = client.get("/search?q=bonds")
    assert page.status_code == 200 and "part two" in page.get_data(as_text=True)
    assert search.query("bonds").total == 2 and late.slug in {h.ref for h in search.query("bonds").hits}
    assert search.pending() == 0
    assert client.get("/healthz").status_code == 200


def test_missing_index_says_rebuilding(app, client):
    import shutil

    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    response = client.get("/search?q=anything")
    assert response.status_code == 503 and "Search is being rebuilt" in response.get_data(as_text=True)


def test_rebuild_swaps_directory_and_readers_follow(app, make_org, make_action, index_probe):
    action = make_action(make_org(), title="Mentoring returnees")
    assert action.slug in index_probe.find("mentoring")  # caches a searcher on the old directory
    report = search.rebuild(procs=2)
    assert report.documents > 235  # countries and corridors too
    assert action.slug in index_probe.find("mentoring")
    assert "GHA" in index_probe.find("Ghana", filters={"kind": ["country"]})
    leftovers = [p.name for p in Path(app.config["SEARCH_INDEX_DIR"]).parent.iterdir() if ".new-" in p.name
                 or ".old-" in p.name]
    assert leftovers == []


def test_deleted_documents_stay_deleted_after_another_writer_merges(app_ctx, monkeypatch):
    """Guards the Searcher.refresh() trap: reopen, never refresh, when the index changed."""

    def refuse(self):
        raise AssertionError("Searcher.refresh() must not be used")

    monkeypatch.setattr(whoosh.searching.Searcher, "refresh", refuse)
    path = str(search.index_dir())
    docs = [search.make_document(kind="action", ref=f"merge-{i}", record_id=10_000 + i, lang="en",
                             title=f"Merge probe {i}") for i in range(51)]
    for start in range(0, 51, 10):  # several segments
        with search.locked_writer(index.open_dir(path)) as writer:
            for doc in docs[start:start + 10]:
                writer.add_document(**doc)
            writer.commit()
    assert search.query("merge probe").total == 51

    other = index.open_dir(path)  # "another process"
    with search.locked_writer(other) as writer:
        for doc in docs[1:]:
            writer.delete_by_term("uid", doc["uid"])
        writer.commit(optimize=True)  # merges every segment
    results = search.query("merge probe", per_page=100)
    assert results.total == 1 and [h.ref for h in results.hits] == ["merge-0"]


def test_check_finds_and_repairs_differences(app, runner, make_org, make_action, index_probe):
    action = make_action(make_org(), title="Repair me")
    with search.locked_writer(index.open_dir(app.config["SEARCH_INDEX_DIR"])) as writer:
        writer.delete_by_term("uid", f"action:{action.id}")
        writer.add_document(**search.make_document(kind="action", ref="ghost", record_id=999_999, lang="en",
                                               title="Ghost"))
        writer.commit()
    result = runner.invoke(args=["search", "check", "--no-repair"])
    assert result.exit_code == 1
    assert "missing" in result.output and f"action:{action.id}" in result.output
    assert "action:999999" in result.output
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0 and "repaired" in result.output
    assert index_probe.has(action, "action") and "action:999999" not in index_probe.uids()
    again = runner.invoke(args=["search", "check"])
    assert "in step" in again.output


@pytest.mark.parametrize("command", [["search", "rebuild", "--procs", "1"], ["search", "stats"]])
def test_commands_print_a_summary(runner, command):
    result = runner.invoke(args=command)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("Search index")


def test_catch_up_after_a_lost_drain(app, make_org, make_action, index_probe, monkeypatch):
    """A worker killed between commit and drain leaves outbox rows; catch_up brings them in."""
    org = make_org()
    monkeypatch.setattr(search.sync, "drain", lambda *a, **k: 0)
    action = make_action(org, title="Lost in a restart")
    monkeypatch.undo()
    assert not index_probe.has(action, "action") and search.pending() > 0
    search.catch_up()
    assert index_probe.has(action, "action") and search.pending() == 0


def test_a_drain_with_nothing_to_do_leaves_the_index_folder_untouched(app, make_org, make_action):
    from hub.search.reader import fingerprint
    from hub.search.store import cancel, locked_writer, open_index

    make_action(make_org(), title="Irrigation pumps")
    path = Path(app.config["SEARCH_INDEX_DIR"])
    before = fingerprint(path)
    assert search.drain() == 0
    with locked_writer(open_index(path)) as writer:  # a writer given up, as after an error
        cancel(writer)
    assert fingerprint(path) == before  # readers keep their searcher; no stray segment files
