"""Write-API tokens: created by an organization's owner, shown once, stored as a SHA-256 hash.

A token acts for its organization as the member who created it: if that person leaves the
organization or is deactivated, the token stops working. Add and flush, never commit.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa

from hub.auth.models import ApiToken, User
from hub.auth.permissions import can
from hub.extensions import db
from hub.modeling import utcnow
from hub.orgs.models import Organization
from hub.review.history import record_audit

TOKEN_PREFIX = "dh_"  # noqa: S105 (a marker, not a secret)
PREFIX_LENGTH = 11  # "dh_" and eight characters: enough to tell tokens apart in a list


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(organization: Organization, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token of `organization`; returns it and its secret, which is never stored."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(organization_id=organization.id, name=name.strip()[:80], prefix=secret[:PREFIX_LENGTH],
                     token_hash=digest(secret), created_by_id=user.id)
    db.session.add(token)
    db.session.flush()
    record_audit(user, "create_token", organization, note=token.name, prefix=token.prefix)
    return token, secret


def tokens_of(organization: Organization) -> list[ApiToken]:
    """The organization's tokens, newest first, revoked ones included (they show as revoked)."""
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.organization_id == organization.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ))


def get_token(organization: Organization, token_id: int) -> ApiToken | None:
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.id == token_id,
                                                       ApiToken.organization_id == organization.id))


def revoke_token(token: ApiToken, user: User) -> ApiToken:
    """Stop a token from working, for good."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
        organization = db.session.get(Organization, token.organization_id)
        record_audit(user, "revoke_token", organization, note=token.name, prefix=token.prefix)
    return token


def authenticate(secret: str) -> tuple[ApiToken, User] | None:
    """The live token with this secret and the member it acts as; None if it is unknown, revoked,
    or its creator may no longer edit for the organization."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None or token.created_by_id is None:
        return None
    user = db.session.get(User, token.created_by_id)
    organization = db.session.get(Organization, token.organization_id)
    if user is None or organization is None or not can(user, "edit", organization):
        return None
    return token, user


def mark_used(token: ApiToken) -> None:
    token.last_used_at = utcnow()
