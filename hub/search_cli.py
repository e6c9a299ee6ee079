"""Operator commands for the search index: `hub search rebuild | check | stats`."""

from __future__ import annotations

import os

import click
from flask.cli import AppGroup

from hub import search

search_group = AppGroup("search", help="Rebuild, check and inspect the search index.")


@search_group.command("rebuild")
@click.option("--procs", type=int, default=None, help="Writer processes (default: up to 2 cores).")
def rebuild_command(procs: int | None) -> None:
    """Build the index afresh from the database in a new directory and swap it in atomically."""
    procs = procs or min(2, os.cpu_count() or 1)
    click.echo(f"Rebuilding the search index with {procs} process(es)…")
    report = search.engine().rebuild(progress=click.echo, procs=procs)
    click.echo(
        f"Search index rebuilt: {report.documents:,} documents in {report.seconds:.1f} s; "
        f"{report.drained} queued change(s) applied after the swap."
    )


@search_group.command("check")
@click.option("--no-repair", is_flag=True, help="Only report differences, do not fix them.")
def check_command(no_repair: bool) -> None:
    """Compare the index with the database document by document and repair what differs."""
    ok, detail = search.engine().health()
    if not ok:
        raise click.ClickException(f"The search index is unreadable ({detail}); run 'hub search rebuild'.")
    click.echo("Comparing the search index with the database…")
    report = search.engine().check(repair=not no_repair, progress=click.echo)
    for label, uids in (("missing", report.missing), ("stale", report.stale), ("extra", report.extra)):
        if uids:
            shown = ", ".join(uids[:10]) + (" …" if len(uids) > 10 else "")
            click.echo(f"  {label}: {len(uids)} ({shown})")
    verdict = "in step" if report.ok else ("repaired" if report.repaired else "out of step")
    click.echo(
        f"Search index {verdict}: {report.expected:,} documents expected, {report.indexed:,} indexed, "
        f"{len(report.missing)} missing, {len(report.stale)} stale, {len(report.extra)} extra."
    )
    if not report.ok and not report.repaired:
        raise SystemExit(1)


@search_group.command("stats")
def stats_command() -> None:
    """Documents per kind, segments, size on disk and changes waiting in the outbox."""
    ok, detail = search.engine().health()
    if not ok:
        raise click.ClickException(f"The search index is unreadable ({detail}); run 'hub search rebuild'.")
    info = search.engine().stats()
    click.echo(f"Index: {info['path']}")
    for kind, count in info["kinds"].items():
        click.echo(f"  {kind:<13}{count:>9,}")
    click.echo(f"Hosts' indexes in the change log (this one: {info['index_id']}):")
    for position in info["positions"]:
        click.echo(f"  {position.index_id}  {position.host:<24} applied up to {position.applied_id:,}, "
                   f"reported {position.updated_at:%Y-%m-%d %H:%M:%S}")
    click.echo(
        f"Search index: {info['documents']:,} documents ({info['deleted']:,} deleted awaiting merge), "
        f"{info['segments']} segment(s), {info['bytes'] / 1_048_576:.1f} MB, {info['pending']} change(s) "
        f"waiting, last written {info['modified']:%Y-%m-%d %H:%M:%S %Z}."
    )


COMMANDS = [search_group]
