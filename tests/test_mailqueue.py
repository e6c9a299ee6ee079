"""Every e-mail goes through the queue: sent after commit, never after a rollback, retried, and
visible to admins when it finally fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from hub.auth.mail import send_mail
from hub.extensions import db
from hub.jobs.tasks import run_link_check, sweep_mail
from hub.mailqueue import services, transport
from hub.mailqueue.models import OutgoingMail
from hub.modeling import utcnow
from tests.fixtures.auth import text_of


def _statuses():
    return [m.status for m in db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id))]


def test_mail_is_sent_after_commit_and_a_rollback_sends_nothing(app_ctx, outbox):
    send_mail("kept@example.org", "Kept", "auth/mail/reset.txt", user=None, url="https://x/1", minutes=60)
    assert len(outbox) == 0  # not before the commit
    db.session.commit()
    assert outbox.last()["To"] == "kept@example.org"
    send_mail("dropped@example.org", "Dropped", "auth/mail/reset.txt", user=None, url="https://x/2", minutes=60)
    db.session.rollback()
    db.session.commit()  # a later commit does not resurrect it
    assert [m["To"] for m in outbox.messages()] == ["kept@example.org"]
    assert _statuses() == ["sent"]


def test_a_view_that_fails_after_send_mail_sends_nothing(client, app, outbox, make_user, monkeypatch):
    """A request that queues a mail and then errors rolls back: no mail, no row."""
    user = make_user(email="reset-me@example.org")
    from hub.auth import services as auth_services

    original = auth_services.request_password_reset

    def reset_then_fail(email):
        original(email)
        raise RuntimeError("boom after the mail was queued")

    monkeypatch.setattr(auth_services, "request_password_reset", reset_then_fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.post("/reset-password", data={"email": user.email})
    assert response.status_code == 500
    assert len(outbox) == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 0


def test_long_headers_stay_on_one_line_and_html_and_reply_to_are_kept(app_ctx, outbox):
    url = "https://hub.example.org/unsubscribe/" + "x" * 300
    send_mail("reader@example.org", "Digest", "auth/mail/reset.txt", html_template="auth/token_error.html",
              headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
              reply_to="sender@example.org", user=None, url="https://x/3", minutes=60, reason="invalid", kind="verify")
    db.session.commit()
    raw = next(outbox.folder.glob("*.eml")).read_bytes().decode()
    assert f"List-Unsubscribe: <{url}>\r\n" in raw or f"List-Unsubscribe: <{url}>\n" in raw
    assert "=?utf-8?" not in raw
    message = outbox.last()
    assert message["Reply-To"] == "sender@example.org"
    assert message.get_content_type() == "multipart/alternative"
    assert "https://x/3" in text_of(message)
    assert "The link is not valid" in message.get_body(preferencelist=("html",)).get_content()


def test_failed_sends_are_retried_then_failed_and_shown_to_admins_only(app, app_ctx, outbox, make_user,
                                                                      login_client, monkeypatch):
    app.config["MAIL_RETRY_DELAYS"] = (0, 0)  # three tries in all
    calls = []

    def smtp_down(raw, config):
        calls.append(raw)
        raise ConnectionRefusedError("SMTP server unreachable")

    monkeypatch.setattr(transport, "deliver", smtp_down)
    send_mail("unlucky@example.org", "Will fail", "auth/mail/reset.txt", user=None, url="https://x/4", minutes=60)
    db.session.commit()  # the first try runs at once (immediate mode) and fails
    mail = db.session.scalar(sa.select(OutgoingMail))
    db.session.refresh(mail)
    assert (mail.status, mail.attempts) == ("pending", 1)
    assert "unreachable" in mail.last_error
    assert services.deliver_one(mail.id) == ("retry", 0)
    assert services.deliver_one(mail.id) == ("failed", None)
    assert services.deliver_one(mail.id) == ("skipped", None)  # a failed message is not tried again by itself
    assert len(calls) == 3 and len(outbox) == 0

    admin, moderator, member = make_user(role="admin"), make_user(role="moderator"), make_user()
    page = login_client(admin).get("/moderation/mail")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "unlucky@example.org" in html and "SMTP server unreachable" in html and "Send again" in html
    for other in (moderator, member):
        assert login_client(other).get("/moderation/mail").status_code == 403
        assert login_client(other).post(f"/moderation/mail/{mail.id}/retry").status_code == 403
    assert app.test_client().get("/moderation/mail").status_code == 403

    monkeypatch.undo()  # the server is back; the admin retries
    response = login_client(admin).post(f"/moderation/mail/{mail.id}/retry", follow_redirects=True)
    assert "queued again" in response.get_data(as_text=True)
    assert outbox.last()["To"] == "unlucky@example.org"
    db.session.refresh(mail)
    assert mail.status == "sent"


def test_the_sweep_sends_mail_whose_job_was_lost_or_whose_worker_died(app_ctx, outbox):
    now = utcnow()
    lost = OutgoingMail(to_addr="lost@example.org", subject="Lost job", message=b"To: lost@example.org\n\nhi\n",
                        status="pending", attempts=0, next_attempt_at=now - timedelta(minutes=5))
    dead = OutgoingMail(to_addr="dead@example.org", subject="Dead worker", message=b"To: dead@example.org\n\nhi\n",
                        status="sending", attempts=1, next_attempt_at=now - timedelta(minutes=9),
                        claimed_until=now - timedelta(seconds=1))
    busy = OutgoingMail(to_addr="busy@example.org", subject="Being sent", message=b"To: busy@example.org\n\nhi\n",
                        status="sending", attempts=1, next_attempt_at=now, claimed_until=now + timedelta(minutes=4))
    db.session.add_all([lost, dead, busy])
    db.session.commit()
    assert sweep_mail() == 2
    assert sorted(m["To"] for m in outbox.messages()) == ["dead@example.org", "lost@example.org"]
    assert sweep_mail() == 0


def test_the_weekly_link_check_runs_once_per_week(app_ctx, make_source):
    from hub.sources.linkcheck import LinkResult

    source = make_source(url="https://example.org/census")
    checked = []

    def checker(url, timeout):
        checked.append(url)
        return LinkResult(url, 200, True, "", url, 0.01)

    assert run_link_check("2026-W50", checker=checker) == "1 ok, 0 failed"
    assert run_link_check("2026-W50", checker=checker) == "already done for 2026-W50"
    assert checked == ["https://example.org/census"]
    db.session.refresh(source)
    assert source.link_ok is True and source.link_status == 200


@pytest.mark.parametrize("url", ["memory://"])
def test_worker_refuses_to_run_in_immediate_mode(runner, url):
    result = runner.invoke(args=["worker"])
    assert result.exit_code != 0
    assert "nothing for a worker to do" in result.output
