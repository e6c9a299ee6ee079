"""The hub's jobs and their schedule (every host's worker runs the scheduler; each job is safe
to start on several hosts at once: mail is claimed per row, reminders are unique per row, the
digests once per user and period (a unique `digest_run` row), the
weekly link check runs once per ISO week thanks to a `job_run` row and a Huey lock)."""

from __future__ import annotations

import logging
from datetime import date

import sqlalchemy as sa
from huey import crontab
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hub.extensions import db
from hub.jobs.models import JobRun
from hub.jobs.queue import app_for_jobs, huey, job_request_context

log = logging.getLogger(__name__)


@huey.task()
def deliver_mail(mail_id: int) -> None:
    """Send one queued message; on failure schedule the next try (hub.mailqueue.services)."""
    from hub.mailqueue.services import deliver_one

    with app_for_jobs().app_context():
        outcome, delay = deliver_one(mail_id)
    if outcome == "retry" and not huey.immediate:
        deliver_mail.schedule(args=(mail_id,), delay=delay)


def sweep_mail(grace: int | None = None) -> int:
    """Enqueue every message nobody is delivering; returns how many."""
    from hub.mailqueue.services import SWEEP_GRACE_SECONDS, due_ids

    with app_for_jobs().app_context():
        ids = due_ids(grace=SWEEP_GRACE_SECONDS if grace is None else grace)
    for mail_id in ids:
        deliver_mail(mail_id)
    if ids:
        log.warning("Mail sweep: %d message(s) re-enqueued", len(ids))
    return len(ids)


@huey.periodic_task(crontab(minute="*"))
def mail_sweep() -> None:
    """Every minute: mail that is due but has no job (a lost job, a killed worker, a retry)."""
    sweep_mail()


@huey.periodic_task(crontab(minute="17"))
def send_reminders() -> None:
    """Every hour: progress reports due and yearly profile confirmations (each sent once)."""
    from hub.reminders.runner import run_reminders

    with job_request_context():
        summary = run_reminders()
    log.info("Reminders: %s", summary)


@huey.periodic_task(crontab(minute="7"))
def send_digests() -> None:
    """Every hour: the daily and weekly digests of the current period not sent yet (each user's
    digest once per period across hosts, thanks to its unique digest_run row)."""
    from hub.follows.services import send_due_digests

    with job_request_context():
        summary = send_due_digests()
        db.session.commit()
    log.info("Digests: %s", summary)


@huey.task()
def alert_followers(published: list[tuple[str, int]]) -> None:
    """Mail the "immediately" followers of records just published, given as (model name, id)."""
    from hub.follows.services import send_immediate_alerts

    models = {mapper.class_.__name__: mapper.class_ for mapper in db.Model.registry.mappers}
    records = [(models[name], record_id) for name, record_id in published if name in models]
    with job_request_context():
        send_immediate_alerts(published=records)


@huey.periodic_task(crontab(minute="*/5"))
def catch_up_alerts() -> None:
    """Every five minutes: "immediately" alerts a publishing request could not send (it failed
    after its commit, or a record was committed after that request's alert run)."""
    from hub.follows.services import send_immediate_alerts

    with job_request_context():
        sent = send_immediate_alerts()
    if sent:
        log.info("Immediate alerts caught up: %d", sent)


def claim_period(job: str, period: str) -> bool:
    """Record that `job` runs for `period`; False when a host already did (or is doing) it."""
    with Session(db.engine) as session:
        session.add(JobRun(job=job, period=period))
        try:
            session.commit()
        except IntegrityError:
            return False
    return True


def finish_period(job: str, period: str, summary: str) -> None:
    with Session(db.engine) as session:
        session.execute(sa.update(JobRun).where(JobRun.job == job, JobRun.period == period)
                        .values(summary=summary[:300]))
        session.commit()


def iso_week(day: date | None = None) -> str:
    year, week, _ = (day or date.today()).isocalendar()
    return f"{year}-W{week:02d}"


@huey.periodic_task(crontab(day_of_week="1", hour="3", minute="0"))
@huey.lock_task("weekly-link-check")
def weekly_link_check() -> None:
    """Mondays 03:00 UTC: check every data source's address, once across all hosts."""
    with app_for_jobs().app_context():
        summary = run_link_check(iso_week())
    log.info("Weekly link check: %s", summary)


def run_link_check(period: str, checker=None) -> str:
    """Check every source's link for `period` unless a host already did; returns a summary."""
    from hub.modeling import utcnow
    from hub.sources import services
    from hub.sources.linkcheck import check_urls

    if not claim_period("link-check", period):
        return f"already done for {period}"
    tally = {"ok": 0, "failed": 0}

    def on_result(source_id, result) -> None:
        services.record_link_result(source_id, result, utcnow())
        db.session.commit()
        tally["ok" if result.ok else "failed"] += 1

    extra = {"checker": checker} if checker else {}
    check_urls(services.sources_to_check(), workers=8, timeout=10.0, on_result=on_result, **extra)
    summary = f"{tally['ok']} ok, {tally['failed']} failed"
    finish_period("link-check", period, summary)
    return summary
