"""Sending mail: SMTP when MAIL_SERVER is set, otherwise one .eml file per message in the outbox."""

from __future__ import annotations

import logging
import secrets
import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

log = logging.getLogger(__name__)

# RFC 5322 allows 998-character lines: long headers (List-Unsubscribe links) stay plain instead of
# being folded into RFC 2047 encoded words that mail clients no longer read as a link.
POLICY = default_policy.clone(max_line_length=998)


def build_message(to: str, subject: str, body: str, html: str | None = None, headers: dict | None = None,
                  reply_to: str | None = None) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="diaspora-hub")
    if reply_to:
        message["Reply-To"] = reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    # 8bit keeps every link on one line, readable in the outbox file as well as in a mail client.
    message.set_content(body, cte="8bit")
    if html is not None:
        message.add_alternative(html, subtype="html", cte="8bit")
    return message


def send_mail(to: str, subject: str, template: str, locale: str | None = None, *, html_template: str | None = None,
              headers: dict | None = None, reply_to: str | None = None, **context) -> Path | None:
    """Render templates/<template> (plain text, and html_template as its HTML alternative) and send it
    with the extra `headers` and `reply_to`; returns the outbox file when offline."""
    def render() -> tuple[str, str, str | None]:
        html = render_template(html_template, **context) if html_template else None
        return str(subject), render_template(template, **context), html

    if locale:
        with force_locale(locale):
            subject, body, html = render()
    else:
        subject, body, html = render()
    message = build_message(to, subject, body, html, headers, reply_to)
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
