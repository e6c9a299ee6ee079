"""`hub reminders send`: progress reports due and yearly profile confirmations, each sent once."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext


@click.group("reminders")
def reminders_group() -> None:
    """Reminders the hub sends to keep records fresh."""


@reminders_group.command("send")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Act as if today were this date.")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@with_appcontext
def send_command(today, quiet: bool) -> None:
    """Send every reminder that is due and not sent yet (the worker does this every hour)."""
    from hub.jobs import base_url_warning, job_request_context
    from hub.reminders.runner import run_reminders

    if warning := base_url_warning():
        click.echo(warning, err=True)

    day = today.date() if today else date.today()
    click.echo(f"Looking for reminders due on {day:%Y-%m-%d}…")
    with job_request_context():
        summary = run_reminders(day, progress=None if quiet else click.echo)
    click.echo(f"Reminders: {summary}.")


COMMANDS = [reminders_group]
