"""Accounts: register, verify, authenticate, reset; these add and flush, the caller commits."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from hub.auth import tokens
from hub.auth.mail import send_mail
from hub.auth.models import Membership, User
from hub.auth.passwords import burn_verification_time, hash_password, new_auth_stamp, verify_password
from hub.extensions import db
from hub.modeling import utcnow

log = logging.getLogger(__name__)


class AccountError(Exception):
    """A request about an account that cannot be carried out; str() is for the user."""


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == normalize_email(email)))


def create_user(email: str, password: str, display_name: str, role: str = "member", verified: bool = False) -> User:
    """A new account; raises AccountError if the e-mail is taken."""
    if find_user(email) is not None:
        raise AccountError(_l("An account with this e-mail address already exists."))
    user = User(
        email=normalize_email(email),
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        auth_stamp=new_auth_stamp(),
        role=role,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def add_membership(user: User, org, role: str) -> Membership:
    membership = Membership(user=user, organization=org, role=role)
    db.session.add(membership)
    if user.current_organization_id is None:
        db.session.flush()
        user.current_organization_id = org.id
    db.session.flush()
    return membership


def register_organization(org_data: dict, email: str, password: str, display_name: str):
    """Create an unverified organization and its owner; returns (org, user), or None if the
    e-mail is already registered (the owner of that address is told by mail instead)."""
    from hub.orgs.services import create_organization

    existing = find_user(email)
    if existing is not None:
        send_mail(existing.email, _l("Someone tried to register with your e-mail address"),
                  "auth/mail/already_registered.txt", locale=existing.locale or None, user=existing,
                  login_url=url_for("auth.login", _external=True),
                  reset_url=url_for("auth.reset_request", _external=True))
        return None
    user = create_user(email, password, display_name)
    org = create_organization(org_data, user)
    add_membership(user, org, "owner")
    send_verification(user)
    return org, user


def send_verification(user: User) -> None:
    """Mail `user` a link that verifies their e-mail address."""
    token = tokens.make_token(user, tokens.VERIFY_EMAIL)
    send_mail(user.email, _l("Confirm your e-mail address for Diaspora Hub"), "auth/mail/verify.txt",
              locale=user.locale or None, user=user,
              url=url_for("auth.verify", token=token, _external=True),
              hours=tokens.max_age(tokens.VERIFY_EMAIL) // 3600)


def verify_email(token: str) -> User:
    """Mark the e-mail of the token's user verified; raises tokens.TokenError."""
    user = tokens.read_token(token, tokens.VERIFY_EMAIL)
    user.email_verified_at = utcnow()
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (taking the same time either way)."""
    user = find_user(email)
    if user is None:
        burn_verification_time(password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    db.session.flush()


def request_password_reset(email: str) -> None:
    """Mail a reset link if an active account has this e-mail; do nothing visible otherwise."""
    user = find_user(email)
    if user is None or not user.active:
        log.info("Password reset asked for an unknown or inactive address")
        return
    token = tokens.make_token(user, tokens.RESET_PASSWORD)
    send_mail(user.email, _l("Reset your Diaspora Hub password"), "auth/mail/reset.txt",
              locale=user.locale or None, user=user,
              url=url_for("auth.reset_password", token=token, _external=True),
              minutes=tokens.max_age(tokens.RESET_PASSWORD) // 60)


def set_password(user: User, password: str) -> None:
    """Store a new password and renew the stamp: other sessions and old links stop working."""
    user.password_hash = hash_password(password)
    user.auth_stamp = new_auth_stamp()
    db.session.flush()


def reset_password(token: str, password: str) -> User:
    """Set a new password from a reset link; raises tokens.TokenError. Proves the e-mail too."""
    user = tokens.read_token(token, tokens.RESET_PASSWORD)
    set_password(user, password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AccountError(_l("The current password is not right."))
    set_password(user, new)


def update_account(user: User, display_name: str, locale: str) -> None:
    user.display_name = display_name
    user.locale = locale
    db.session.flush()


def memberships_of(user: User) -> list[Membership]:
    """The user's memberships with their organizations, in one query."""
    from sqlalchemy.orm import joinedload

    from hub.orgs.models import Organization

    return list(db.session.scalars(
        sa.select(Membership).join(Membership.organization).where(Membership.user_id == user.id)
        .options(joinedload(Membership.organization)).order_by(Organization.name)
    ))


def current_membership(user: User) -> Membership | None:
    """The organization the user works as now (their choice, else their first)."""
    memberships = memberships_of(user)
    for membership in memberships:
        if membership.organization_id == user.current_organization_id:
            return membership
    return memberships[0] if memberships else None


def editable_organization(user: User):
    """The organization the user works as now, if their role there lets them edit its content."""
    from hub.auth.permissions import ORG_EDIT_ROLES

    membership = current_membership(user) if getattr(user, "is_authenticated", False) else None
    if membership is None or membership.role not in ORG_EDIT_ROLES:
        return None
    return membership.organization


def switch_organization(user: User, organization_id: int) -> Membership:
    for membership in user.memberships:
        if membership.organization_id == organization_id:
            user.current_organization_id = organization_id
            db.session.flush()
            return membership
    raise AccountError(_l("You are not a member of that organization."))


def set_active(actor: User | None, user: User, active: bool, note: str = "") -> None:
    """Deactivate (or reactivate) an account; deactivating signs it out everywhere."""
    from hub.review.history import record_audit

    user.active = active
    if not active:
        user.auth_stamp = new_auth_stamp()
    record_audit(actor, "deactivate_user" if not active else "reactivate_user", user, note=note, email=user.email)
    db.session.flush()
