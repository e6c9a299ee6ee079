"""Operator commands for the data-source catalogue: `hub sources list`, `hub sources check-links`."""

from __future__ import annotations

import time

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from hub.extensions import db
from hub.modeling import utcnow


@click.group("sources")
def sources_group() -> None:
    """The data-source catalogue."""


@sources_group.command("list")
@click.option("--broken", is_flag=True, help="Only sources whose last link check failed.")
@with_appcontext
def list_command(broken: bool) -> None:
    """List the sources with their state and last link check."""
    from hub.sources.models import DataSource

    stmt = sa.select(DataSource).order_by(DataSource.title, DataSource.id)
    if broken:
        stmt = stmt.where(DataSource.link_ok.is_(False))
    count = 0
    for source in db.session.scalars(stmt):
        count += 1
        if source.link_checked_at is None:
            link = "never checked"
        else:
            link = f"{'ok' if source.link_ok else 'FAILED'} {source.link_status or ''} " \
                   f"{source.link_checked_at:%Y-%m-%d} {source.link_error}".strip()
        click.echo(f"{source.slug}\t{source.review_state}\t{link}\t{source.url}")
    click.echo(f"{count} source(s).")


@sources_group.command("check-links")
@click.option("--workers", default=8, show_default=True, type=click.IntRange(1, 64),
              help="How many addresses are checked at the same time.")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 120),
              help="Seconds to wait for each request.")
@click.option("--only-failed", is_flag=True, help="Only recheck sources that failed or were never checked.")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@with_appcontext
def check_links_command(workers: int, timeout: float, only_failed: bool, quiet: bool) -> None:
    """Check every source's address and record the answer and the date (works offline too)."""
    from hub.sources import services
    from hub.sources.linkcheck import check_urls

    jobs = services.sources_to_check(only_failed=only_failed)
    total = len(jobs)
    if not total:
        click.echo("No sources to check.")
        return
    click.echo(f"Checking {total} address(es), {workers} at a time, {timeout:g} s timeout…")
    started = time.monotonic()
    urls = dict(jobs)
    tally = {"ok": 0, "failed": 0}
    seen = 0

    def on_result(source_id, result) -> None:
        nonlocal seen
        seen += 1
        services.record_link_result(source_id, result, utcnow())
        db.session.commit()  # each result is kept even if the run is interrupted
        tally["ok" if result.ok else "failed"] += 1
        if not quiet:
            outcome = f"ok {result.status}" if result.ok else f"FAILED {result.status or ''} {result.error}".rstrip()
            click.echo(f"[{seen}/{total}] {outcome}  {urls[source_id]}")

    check_urls(jobs, workers=workers, timeout=timeout, on_result=on_result)
    elapsed = time.monotonic() - started
    click.echo(f"Checked {total} address(es) in {elapsed:.1f} s: {tally['ok']} ok, {tally['failed']} failed.")


COMMANDS = [sources_group]
