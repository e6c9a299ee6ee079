"""Which reminders are due, and sending one (add and flush; the runner commits each on its own).

    progress-due       a published, unfinished partnership's progress report falls due a year after
                       its last report (or its publication when it has none)
    progress-overdue   30 days after that, still no report (sent alone when the due date is long past)
    profile-confirm    a verified organization last confirmed (or verified) a year ago or more
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import selectinload

from hub.auth.mail import send_mail
from hub.auth.models import Membership, User
from hub.auth.tokens import TokenError
from hub.extensions import db
from hub.orgs.models import Organization, confirmed_basis
from hub.partnerships.models import Partnership
from hub.reminders.models import ReminderSent
from hub.review.visibility import public

REPORT_EVERY_DAYS = 365
OVERDUE_AFTER_DAYS = 30
CONFIRM_EVERY_DAYS = 365
CONFIRM_LINK_DAYS = 90


@dataclass(frozen=True)
class Reminder:
    kind: str
    record: Partnership | Organization
    due: date

    @property
    def key(self) -> tuple[str, int, str]:
        return self.kind, self.record.id, self.due.isoformat()


def _owners(org: Organization) -> list[User]:
    return sorted((m.user for m in org.memberships if m.role == "owner" and m.user.active), key=lambda u: u.id)


def progress_reminders(today: date) -> list[Reminder]:
    """Partnerships whose progress report is due (or 30 days overdue) on `today`."""
    cut = today - timedelta(days=REPORT_EVERY_DAYS)
    stmt = (public(Partnership).where(Partnership.status != "completed")
            .where(sa.or_(Partnership.last_report_on <= cut,  # in SQL what can be due; the rule is below
                          sa.and_(Partnership.last_report_on.is_(None),
                                  Partnership.published_at < datetime.combine(cut + timedelta(days=1), time(),
                                                                               tzinfo=UTC))))
            .options(selectinload(Partnership.lead_organization).selectinload(Organization.memberships)
                     .selectinload(Membership.user))
            .order_by(Partnership.id))
    found = []
    for partnership in db.session.scalars(stmt):
        basis = partnership.last_report_on or (partnership.published_at and partnership.published_at.date())
        if basis is None:
            continue
        due = basis + timedelta(days=REPORT_EVERY_DAYS)
        if today >= due + timedelta(days=OVERDUE_AFTER_DAYS):
            found.append(Reminder("progress-overdue", partnership, due))
        elif today >= due:
            found.append(Reminder("progress-due", partnership, due))
    return found


def confirmation_reminders(today: date) -> list[Reminder]:
    """Verified organizations whose profile was last confirmed a year ago or more."""
    cut = datetime.combine(today - timedelta(days=CONFIRM_EVERY_DAYS - 1), time(), tzinfo=UTC)
    stmt = (sa.select(Organization).where(Organization.verification == "verified")
            .where(sa.or_(Organization.last_confirmed_at < cut,  # in SQL what can be due; the rule is below
                          sa.and_(Organization.last_confirmed_at.is_(None), Organization.verified_at < cut),
                          sa.and_(Organization.last_confirmed_at.is_(None), Organization.verified_at.is_(None),
                                  Organization.created_at < cut)))
            .options(selectinload(Organization.memberships).selectinload(Membership.user))
            .order_by(Organization.id))
    found = []
    for org in db.session.scalars(stmt):
        basis = confirmed_basis(org)
        if basis is not None and today >= basis.date() + timedelta(days=CONFIRM_EVERY_DAYS):
            found.append(Reminder("profile-confirm", org, basis.date() + timedelta(days=CONFIRM_EVERY_DAYS)))
    return found


def due_reminders(today: date | None = None) -> list[Reminder]:
    """Every reminder due on `today` that has not been sent yet."""
    today = today or date.today()
    candidates = progress_reminders(today) + confirmation_reminders(today)
    sent = set(db.session.execute(sa.select(ReminderSent.kind, ReminderSent.record_id, ReminderSent.due_key)))
    return [r for r in candidates if r.key not in sent]


def send_reminder(reminder: Reminder) -> int:
    """Record the reminder (unique: a second sender fails at flush or commit) and mail the owners;
    returns how many were mailed (0: the organization has no active owner, nothing recorded)."""
    if reminder.kind == "profile-confirm":
        org = reminder.record
        owners = _owners(org)
    else:
        org = reminder.record.lead_organization
        owners = _owners(org)
    if not owners:  # nobody to ask: not recorded, so an owner who joins later is asked
        return 0
    db.session.add(ReminderSent(kind=reminder.kind, record_id=reminder.record.id, due_key=reminder.due.isoformat(),
                                recipients=len(owners)))
    db.session.flush()
    for user in owners:
        if reminder.kind == "profile-confirm":
            send_mail(user.email, _l("Is the profile of %(org)s still right?", org=org.name),
                      "reminders/mail/confirm_profile.txt", locale=user.locale or None, user=user, org=org,
                      url=url_for("reminders.confirm_profile", token=make_confirm_token(org, user), _external=True),
                      edit_url=url_for("orgs.edit", slug=org.slug, _external=True), days=CONFIRM_LINK_DAYS)
        else:
            partnership = reminder.record
            subject = (_l("A progress report on %(title)s is due", title=partnership.title)
                       if reminder.kind == "progress-due"
                       else _l("Reminder: the progress report on %(title)s is overdue", title=partnership.title))
            send_mail(user.email, subject, "reminders/mail/progress_report.txt", locale=user.locale or None,
                      user=user, org=org, partnership=partnership, due=reminder.due,
                      overdue=reminder.kind == "progress-overdue",
                      url=url_for("partnerships.report", slug=partnership.slug, _external=True))
    return len(owners)


# ---- the signed one-click profile confirmation


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="hub.reminders.confirm-profile")


def _stamp(org: Organization) -> str:
    basis = confirmed_basis(org)
    return basis.isoformat() if basis else ""


def make_confirm_token(org: Organization, user: User) -> str:
    """A link for `user` (an owner) to confirm `org`'s profile; it stops working once anyone confirms."""
    return _serializer().dumps({"o": org.id, "u": user.id, "b": _stamp(org)})


def read_confirm_token(token: str) -> tuple[Organization, User]:
    """(organization, owner) of a confirmation link; raises hub.auth.tokens.TokenError."""
    max_age = int(current_app.config.get("PROFILE_CONFIRM_MAX_AGE", CONFIRM_LINK_DAYS * 24 * 3600))
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenError("expired") from exc
    except BadSignature as exc:
        raise TokenError("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("o"), int) or not isinstance(data.get("u"), int):
        raise TokenError("invalid")
    org, user = db.session.get(Organization, data["o"]), db.session.get(User, data["u"])
    if org is None or user is None or not user.active or user not in _owners(org):
        raise TokenError("invalid")
    if data.get("b") != _stamp(org):
        raise TokenError("used")
    return org, user
