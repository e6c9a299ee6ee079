"""Sending mail: SMTP when MAIL_SERVER is set, otherwise one .eml file per message in the outbox."""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="diaspora-hub")
    # 8bit keeps every link on one line, readable in the outbox file as well as in a mail client.
    message.set_content(body, cte="8bit")
    return message


def send_mail(to: str, subject: str, template: str, locale: str | None = None, **context) -> Path | None:
    """Render templates/<template> (plain text) and send it; returns the outbox file when offline."""
    if locale:
        with force_locale(locale):
            body = render_template(template, **context)
            subject = str(subject)
    else:
        body = render_template(template, **context)
    message = build_message(to, str(subject), body)
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message, config)
        log.info("Mail %r sent to %s", str(subject), to)
        return None
    return _write_to_outbox(message, Path(config["MAIL_OUTBOX_DIR"]))


def _send_smtp(message: EmailMessage, config) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def _write_to_outbox(message: EmailMessage, outbox: Path) -> Path:
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    log.warning("No MAIL_SERVER set: mail %r to %s written to %s", message["Subject"], message["To"], path)
    return path
