"""Password hashing and the password policy, in one place (scrypt via Werkzeug)."""

from __future__ import annotations

import secrets
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
# A hash to check against when there is no such user, so a miss costs as long as a hit.
_DUMMY_HASH = generate_password_hash("not a real password, only for timing", method="scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return bool(password_hash) and check_password_hash(password_hash, password)


def burn_verification_time(password: str) -> None:
    """Spend the time of one hash check, for a login attempt with an unknown e-mail."""
    check_password_hash(_DUMMY_HASH, password)


def new_auth_stamp() -> str:
    """A fresh value for User.auth_stamp; changing it invalidates sessions and tokens."""
    return secrets.token_hex(8)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased (see the file's header)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_monotonous(password: str) -> bool:
    """One repeated character, or a run like 123456789012 / abcdefghijkl."""
    if len(set(password)) <= 2:
        return True
    steps = {ord(b) - ord(a) for a, b in zip(password, password[1:], strict=False)}
    return len(steps) == 1 and steps <= {1, -1}


def password_problems(password: str, *, email: str = "", name: str = "") -> list[str]:
    """Why `password` is not acceptable (an empty list when it is)."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            str(_l("Use at least %(n)s characters; a few unrelated words make a good one.", n=MIN_PASSWORD_LENGTH))
        )
        return problems
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(str(_l("Use at most %(n)s characters.", n=MAX_PASSWORD_LENGTH)))
        return problems
    lowered = password.lower()
    stripped = lowered.rstrip("0123456789!?.")
    if lowered in common_passwords() or stripped in common_passwords() or _is_monotonous(lowered):
        problems.append(str(_l("This password is too common and easy to guess. Choose another.")))
        return problems
    personal = [email.split("@")[0].lower(), email.lower(), name.lower().replace(" ", "")]
    if any(part and len(part) >= 4 and part in lowered.replace(" ", "") for part in personal):
        problems.append(str(_l("Do not use your name or e-mail address in your password.")))
    return problems
