"""Handing a rendered message to the world: SMTP when MAIL_SERVER is set, else a file in the outbox."""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

log = logging.getLogger(__name__)

# Lines up to RFC 5322's 998 characters: long headers (List-Unsubscribe) stay plain text instead
# of being folded into RFC 2047 encoded words that mail clients cannot use as links.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def deliver(raw: bytes, config) -> Path | None:
    """Send one message; returns the outbox file when no MAIL_SERVER is set. Raises on failure."""
    if config.get("MAIL_SERVER"):
        message = message_from_bytes(raw, policy=MAIL_POLICY)
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return None
    return write_to_outbox(raw, Path(config["MAIL_OUTBOX_DIR"]))


def write_to_outbox(raw: bytes, outbox: Path) -> Path:
    """Write the message as one .eml file, atomically (a reader never sees half a message)."""
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
    partial = path.with_suffix(".part")
    partial.write_bytes(raw)
    partial.replace(path)
    log.warning("No MAIL_SERVER set: mail written to %s", path)
    return path
