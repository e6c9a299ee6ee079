"""Send every due reminder, each in its own transaction, so two runs at once send each one once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.exc import IntegrityError

from hub.extensions import db
from hub.reminders import services


@dataclass
class Summary:
    sent: dict[str, int] = field(default_factory=dict)
    mails: int = 0
    already: int = 0
    no_owner: int = 0

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.sent.items())) or "none"
        return f"{sum(self.sent.values())} reminder(s) sent ({kinds}), {self.mails} e-mail(s), " \
               f"{self.already} already sent by another run, {self.no_owner} with no owner to ask"


def run_reminders(today: date | None = None, progress: Callable[[str], None] | None = None) -> Summary:
    """Send the reminders due on `today` (needs a request context for the links in the mail)."""
    summary = Summary()
    due = services.due_reminders(today)
    for number, reminder in enumerate(due, 1):
        kind, record_id, due_key = reminder.key
        try:
            mails = services.send_reminder(reminder)
            db.session.commit()  # the mail rows and the unique reminder row together
        except IntegrityError:  # another run sent this one first
            db.session.rollback()
            summary.already += 1
            continue
        if not mails:
            summary.no_owner += 1
            continue
        summary.sent[kind] = summary.sent.get(kind, 0) + 1
        summary.mails += mails
        if progress:
            progress(f"[{number}/{len(due)}] {kind} #{record_id} (due {due_key}): {mails} e-mail(s)")
    return summary
