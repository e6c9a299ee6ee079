"""`hub worker`: run the job queue's consumer (mail delivery, reminders, the weekly link check)."""

from __future__ import annotations

import logging

import click
from flask.cli import with_appcontext

from hub.jobs.queue import describe, huey


@click.command("worker")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64),
              help="How many jobs run at the same time.")
@click.option("--no-periodic", is_flag=True, help="Do not run the scheduled jobs in this worker.")
@with_appcontext
def worker_command(threads: int, no_periodic: bool) -> None:
    """Run the job queue's consumer until stopped (Ctrl+C or SIGTERM); one per host is enough."""
    from hub.jobs.tasks import sweep_mail

    if huey.immediate:
        raise click.ClickException("HUB_QUEUE_URL is memory://: jobs run at once in the web process, "
                                   "there is nothing for a worker to do.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    click.echo(f"Worker: {describe()}, {threads} thread(s), scheduled jobs {'off' if no_periodic else 'on'}.")
    # Whatever a killed worker or a lost job left behind goes out first.
    click.echo(f"Mail waiting at start: {sweep_mail(grace=0)} message(s) enqueued.")
    consumer = huey.create_consumer(workers=threads, worker_type="thread", periodic=not no_periodic,
                                    initial_delay=0.1, backoff=1.15, max_delay=1.0)
    consumer.run()
    click.echo("Worker stopped.")


COMMANDS = [worker_command]
