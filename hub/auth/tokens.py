"""Signed, expiring, single-use links for e-mail verification and password reset.

A token signs the user's id, e-mail and current auth_stamp. Resetting the password renews
the stamp, and verifying the e-mail sets email_verified_at, so each link works once.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from hub.auth.models import User
from hub.extensions import db

VERIFY_EMAIL = "verify-email"
RESET_PASSWORD = "reset-password"  # noqa: S105 - a token purpose, not a password
# Seconds each kind of link stays valid; HUB settings may override them.
DEFAULT_MAX_AGE = {VERIFY_EMAIL: 3 * 24 * 3600, RESET_PASSWORD: 3600}


class TokenError(Exception):
    """A link that cannot be used; `reason` is "invalid", "expired" or "used"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"hub.auth.{purpose}")


def max_age(purpose: str) -> int:
    return int(current_app.config.get(f"TOKEN_MAX_AGE_{purpose.upper().replace('-', '_')}", DEFAULT_MAX_AGE[purpose]))


def make_token(user: User, purpose: str) -> str:
    """A link token for `user` and `purpose` (VERIFY_EMAIL or RESET_PASSWORD)."""
    return _serializer(purpose).dumps({"u": user.id, "e": user.email, "s": user.auth_stamp})


def read_token(token: str, purpose: str) -> User:
    """The user a token was made for; raises TokenError if it is bad, expired or used."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age(purpose))
    except SignatureExpired as exc:
        raise TokenError("expired") from exc
    except BadSignature as exc:
        raise TokenError("invalid") from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise TokenError("invalid")
    user = db.session.get(User, data["u"])
    if user is None or not user.active or user.email != data.get("e"):
        raise TokenError("invalid")
    if user.auth_stamp != data.get("s"):
        raise TokenError("used")
    if purpose == VERIFY_EMAIL and user.email_verified_at is not None:
        raise TokenError("used")
    return user
