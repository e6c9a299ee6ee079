"""Sending mail: render now, in the recipient's language, and queue it for delivery after commit.

`send_mail` adds an `outgoing_mail` row to the caller's transaction (hub.mailqueue): a rollback
sends nothing, and after the commit the `deliver_mail` job sends it through SMTP (MAIL_SERVER) or
writes it to instance/outbox/, with retries (hub.mailqueue.services).
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template
from flask_babel import force_locale

from hub.mailqueue.models import OutgoingMail
from hub.mailqueue.transport import MAIL_POLICY


def build_message(to: str, subject: str, body: str, *, html: str | None = None, headers: dict | None = None,
                  reply_to: str | None = None) -> EmailMessage:
    """A message with a plain-text part, and an HTML alternative when `html` is given."""
    message = EmailMessage(policy=MAIL_POLICY)
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
        message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message


def send_mail(to: str, subject: str, template: str, locale: str | None = None, *, html_template: str | None = None,
              headers: dict | None = None, reply_to: str | None = None, **context) -> OutgoingMail:
    """Render templates/<template> (plain text; `html_template` adds an HTML part) in `locale` and queue it.

    The message is sent after the caller's commit; returns the queued row.
    """
    from hub.mailqueue.services import queue_message

    def render():
        text = render_template(template, **context)
        html = render_template(html_template, **context) if html_template else None
        return str(subject), text, html

    if locale:
        with force_locale(locale):
            subject_text, body, html = render()
    else:
        subject_text, body, html = render()
    message = build_message(to, subject_text, body, html=html, headers=headers, reply_to=reply_to)
    return queue_message(to, subject_text, message.as_bytes(policy=MAIL_POLICY))
