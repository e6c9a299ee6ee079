"""Queue, claim, deliver, retry and sweep outgoing mail. Nothing is dropped silently.

A message is a row written in the sender's transaction; its `deliver_mail` job is enqueued after
that commit (a rollback forgets both). Delivery claims the row with a conditional UPDATE, so two
workers never send it at the same time, and holds the claim for CLAIM_SECONDS: a worker killed
mid-send leaves a claim that lapses, and the sweep (every minute, and when a worker starts) hands
the row to another worker. Delivery is therefore at least once. A failed send is retried after
RETRY_DELAYS; after the last try the row is "failed" and listed for admins, who can retry it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from hub.extensions import db
from hub.mailqueue import transport
from hub.mailqueue.models import OutgoingMail
from hub.modeling import utcnow

log = logging.getLogger(__name__)

# Seconds to wait before each retry; one try more than there are delays, then "failed".
RETRY_DELAYS = (30, 120, 480, 1920, 7200)
CLAIM_SECONDS = 300
# Pending mail older than this is re-enqueued by the sweep (younger mail has its job on the way).
SWEEP_GRACE_SECONDS = 60
STUCK_MINUTES = 5  # admins are warned when mail has waited longer than this


def retry_delays() -> tuple[int, ...]:
    return tuple(current_app.config.get("MAIL_RETRY_DELAYS", RETRY_DELAYS))


def max_attempts() -> int:
    return len(retry_delays()) + 1


def queue_message(to: str, subject: str, raw: bytes) -> OutgoingMail:
    """Add a rendered message to the caller's transaction; it is delivered after the commit."""
    mail = OutgoingMail(to_addr=to[:254], subject=subject[:400], message=raw, status="pending",
                        attempts=0, next_attempt_at=utcnow())
    db.session.add(mail)
    db.session.flush()
    enqueue_after_commit(db.session(), mail.id)
    return mail


def enqueue_after_commit(session: Session, mail_id: int) -> None:
    session.info.setdefault("mail_ids", []).append(mail_id)


def _after_commit(session: Session) -> None:
    ids = session.info.pop("mail_ids", None)
    if not ids:
        return
    from hub.jobs.tasks import deliver_mail

    for mail_id in ids:
        try:
            deliver_mail(mail_id)
        except Exception:  # noqa: BLE001 - the row is committed: the sweep sends it
            log.exception("Could not enqueue mail %s; the sweep will pick it up", mail_id)


def _after_rollback(session: Session) -> None:
    session.info.pop("mail_ids", None)


def install_listeners() -> None:
    if sa.event.contains(Session, "after_commit", _after_commit):
        return
    sa.event.listen(Session, "after_commit", _after_commit)
    sa.event.listen(Session, "after_rollback", _after_rollback)


def _claimable(now: datetime):
    return sa.or_(
        sa.and_(OutgoingMail.status == "pending", OutgoingMail.next_attempt_at <= now),
        sa.and_(OutgoingMail.status == "sending", OutgoingMail.claimed_until < now),
    )


def deliver_one(mail_id: int, now: datetime | None = None) -> tuple[str, int | None]:
    """Claim and send one message in its own transactions.

    Returns ("sent" | "skipped" | "retry" | "failed", seconds until the retry or None).
    """
    now = now or utcnow()
    config = current_app.config
    claim = timedelta(seconds=int(config.get("MAIL_CLAIM_SECONDS", CLAIM_SECONDS)))
    with Session(db.engine) as session:
        claimed = session.execute(
            sa.update(OutgoingMail)
            .where(OutgoingMail.id == mail_id, _claimable(now))
            .values(status="sending", claimed_until=now + claim, attempts=OutgoingMail.attempts + 1)
        ).rowcount
        session.commit()
        if not claimed:  # sent already, failed, or another worker holds it
            return "skipped", None
        mail = session.get(OutgoingMail, mail_id)
        try:
            transport.deliver(mail.message, config)
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
            return _record_failure(session, mail, exc)
        mail.status, mail.sent_at, mail.claimed_until, mail.last_error = "sent", utcnow(), None, ""
        session.commit()
        log.info("Mail %s %r sent to %s", mail.id, mail.subject, mail.to_addr)
        return "sent", None


def _record_failure(session: Session, mail: OutgoingMail, exc: Exception) -> tuple[str, int | None]:
    delays = retry_delays()
    mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
    mail.claimed_until = None
    if mail.attempts >= len(delays) + 1:
        mail.status = "failed"
        session.commit()
        log.error("Mail %s to %s failed after %d tries: %s", mail.id, mail.to_addr, mail.attempts, mail.last_error)
        return "failed", None
    delay = delays[mail.attempts - 1]
    mail.status, mail.next_attempt_at = "pending", utcnow() + timedelta(seconds=delay)
    session.commit()
    log.warning("Mail %s to %s failed (try %d), retrying in %d s: %s", mail.id, mail.to_addr, mail.attempts,
                delay, mail.last_error)
    return "retry", delay


def due_ids(now: datetime | None = None, grace: int = SWEEP_GRACE_SECONDS, limit: int = 1000) -> list[int]:
    """Mail nobody is delivering: pending and due for `grace` seconds, or claimed by a worker that died."""
    now = now or utcnow()
    stmt = (sa.select(OutgoingMail.id)
            .where(sa.or_(sa.and_(OutgoingMail.status == "pending",
                                  OutgoingMail.next_attempt_at <= now - timedelta(seconds=grace)),
                          sa.and_(OutgoingMail.status == "sending", OutgoingMail.claimed_until < now)))
            .order_by(OutgoingMail.id).limit(limit))
    with Session(db.engine) as session:
        return list(session.scalars(stmt))


def retry(mail: OutgoingMail) -> None:
    """An admin sends a failed message again: a fresh round of tries, enqueued after the commit."""
    mail.status, mail.attempts, mail.next_attempt_at, mail.claimed_until = "pending", 0, utcnow(), None
    db.session.flush()
    enqueue_after_commit(db.session(), mail.id)


def problem_mail_statement():
    """Failed mail first, then mail that has waited longer than STUCK_MINUTES; newest first."""
    late = utcnow() - timedelta(minutes=STUCK_MINUTES)
    return (sa.select(OutgoingMail)
            .where(sa.or_(OutgoingMail.status == "failed",
                          sa.and_(OutgoingMail.status.in_(("pending", "sending")), OutgoingMail.created_at < late)))
            .order_by((OutgoingMail.status == "failed").desc(), OutgoingMail.created_at.desc(), OutgoingMail.id.desc()))


def counts() -> dict[str, int]:
    """How many messages are in each state."""
    rows = db.session.execute(sa.select(OutgoingMail.status, sa.func.count()).group_by(OutgoingMail.status))
    return {status: n for status, n in rows}
