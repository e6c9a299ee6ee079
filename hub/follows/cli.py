"""Operator commands for alerts: `hub digests send`."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext


@click.group("digests")
def digests_group() -> None:
    """E-mail digests of what users follow."""


@digests_group.command("send")
@click.option("--frequency", type=click.Choice(["daily", "weekly"]), default=None,
              help="Only this kind of digest (default: both).")
@with_appcontext
def send_command(frequency: str | None) -> None:
    """Send the digests of the current period that have not gone out yet (safe to repeat, on any host)."""
    from hub.follows.services import send_due_digests, send_immediate_alerts
    from hub.jobs import base_url_warning

    if warning := base_url_warning():
        click.echo(warning, err=True)
    started = time.perf_counter()
    alerts = send_immediate_alerts()
    summary = send_due_digests(frequency=frequency)
    click.echo(f"Digests: {summary.sent} sent, {summary.nothing_new} with nothing new, "
               f"{summary.already_done} already done; {alerts} immediate alert(s) caught up, "
               f"in {time.perf_counter() - started:.1f} s.")


COMMANDS = [digests_group]
