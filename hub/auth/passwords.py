"""Password hashing in one place (scrypt via Werkzeug)."""

from __future__ import annotations

import secrets

from werkzeug.security import check_password_hash, generate_password_hash


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return bool(password_hash) and check_password_hash(password_hash, password)


def new_auth_stamp() -> str:
    """A fresh value for User.auth_stamp; changing it invalidates sessions and tokens."""
    return secrets.token_hex(8)
