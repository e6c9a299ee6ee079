"""Messages to organizations: limits, delivery to the organization's address and owners, reports.

Limits are counted in the database, so they hold across every host and worker. Add and flush,
never commit.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.auth.mail import send_mail
from hub.auth.models import Membership, User
from hub.contact.models import ContactMessage, ContactSetting
from hub.extensions import db
from hub.modeling import utcnow
from hub.orgs.models import Organization

# (how many, per how long): per sender, and per receiving organization.
SENDER_LIMITS = ((5, timedelta(hours=1)), (20, timedelta(days=1)))
ORGANIZATION_LIMITS = ((30, timedelta(days=1)),)


class ContactError(Exception):
    """A message that cannot be sent; str() is for the user."""


def settings_for(org: Organization) -> ContactSetting:
    """The organization's contact settings (both on when never set)."""
    setting = db.session.get(ContactSetting, org.id)
    return setting or ContactSetting(organization_id=org.id, accepts_messages=True, accepts_offers=True)


def save_settings(org: Organization, accepts_messages: bool, accepts_offers: bool) -> ContactSetting:
    """Switch messages and partner offers to `org` on or off."""
    setting = db.session.get(ContactSetting, org.id)
    if setting is None:
        setting = ContactSetting(organization_id=org.id)
        db.session.add(setting)
    setting.accepts_messages, setting.accepts_offers = accepts_messages, accepts_offers
    db.session.flush()
    return setting


def may_write(user) -> bool:
    """Signed in with a verified e-mail address."""
    return bool(getattr(user, "is_authenticated", False) and user.email_verified_at is not None)


def recipients(org: Organization) -> list[User]:
    """The organization's owners (active)."""
    return list(db.session.scalars(sa.select(User).join(Membership).where(
        Membership.organization_id == org.id, Membership.role == "owner", User.active.is_(True))))


def over_limit(column, value, limits, model=ContactMessage) -> bool:
    """Has `column == value` reached one of `limits` (count, window) in `model` rows?"""
    now = utcnow()
    for count, window in limits:
        sent = db.session.scalar(sa.select(sa.func.count()).select_from(model).where(
            column == value, model.created_at > now - window))
        if sent >= count:
            return True
    return False


def send_message(sender: User, org: Organization, subject: str, body: str, share_email: bool) -> ContactMessage:
    """Store a message and mail it to the organization's contact address and owners."""
    if not may_write(sender):
        raise ContactError(_l("Confirm your e-mail address before writing to an organization."))
    if org.verification != "verified" or not settings_for(org).accepts_messages:
        raise ContactError(_l("This organization does not receive messages through the hub."))
    if over_limit(ContactMessage.sender_id, sender.id, SENDER_LIMITS):
        raise ContactError(_l("You have sent many messages recently. Please wait a while before sending more."))
    if over_limit(ContactMessage.organization_id, org.id, ORGANIZATION_LIMITS):
        raise ContactError(_l("This organization has received many messages today. Please try again tomorrow."))
    message = ContactMessage(sender_id=sender.id, organization_id=org.id, subject=subject.strip(),
                             body=body.strip(), share_email=share_email, created_at=utcnow())
    db.session.add(message)
    db.session.flush()
    inbox = url_for("contact.received", slug=org.slug, _external=True)
    addresses = {u.email: u.locale or None for u in recipients(org)}
    if org.contact_email:
        addresses.setdefault(org.contact_email, org.language if org.language in ("en", "fr", "es") else None)
    for address, locale in addresses.items():
        send_mail(address, _l("Message from %(name)s through Diaspora Hub: %(subject)s", name=sender.display_name,
                              subject=message.subject),
                  "contact/mail/message.txt", locale=locale, reply_to=sender.email if share_email else None,
                  message=message, org=org, sender=sender, inbox_url=inbox)
    return message


def sent_by(user: User) -> list[ContactMessage]:
    """What the user sent, newest first."""
    return list(db.session.scalars(sa.select(ContactMessage).where(ContactMessage.sender_id == user.id)
                                   .options(selectinload(ContactMessage.organization))
                                   .order_by(ContactMessage.created_at.desc(), ContactMessage.id.desc()).limit(200)))


def received_by(org: Organization) -> list[ContactMessage]:
    """What the organization received, newest first."""
    return list(db.session.scalars(sa.select(ContactMessage).where(ContactMessage.organization_id == org.id)
                                   .options(selectinload(ContactMessage.sender))
                                   .order_by(ContactMessage.created_at.desc(), ContactMessage.id.desc()).limit(200)))


def report_message(message: ContactMessage, user: User, reason: str) -> ContactMessage:
    """A member of the receiving organization flags a message to the moderators."""
    message.report_status = "open"
    message.report_reason = (reason or "").strip()[:500]
    message.reported_by_id = user.id
    message.reported_at = utcnow()
    db.session.flush()
    return message


def reported_messages(limit: int = 50) -> list[ContactMessage]:
    """Open reports of messages, oldest first (for the moderation queue)."""
    return list(db.session.scalars(sa.select(ContactMessage).where(ContactMessage.report_status == "open")
                                   .options(selectinload(ContactMessage.sender),
                                            selectinload(ContactMessage.organization))
                                   .order_by(ContactMessage.reported_at, ContactMessage.id).limit(limit)))


def close_report(message: ContactMessage, moderator: User) -> ContactMessage:
    """A moderator has dealt with a reported message."""
    from hub.review.history import record_audit

    message.report_status = "closed"
    record_audit(moderator, "close_message_report", message, note=message.report_reason)
    db.session.flush()
    return message
