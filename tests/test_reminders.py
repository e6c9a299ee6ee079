"""Fresh records: progress reports due, yearly profile confirmation through a signed link, each
reminder sent once; stale profiles say so on their page."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.mailqueue.models import OutgoingMail
from hub.modeling import utcnow
from hub.orgs.models import confirmed_basis
from hub.reminders.models import ReminderSent
from hub.reminders.services import make_confirm_token
from tests.conftest import PG_URL
from tests.fixtures.auth import text_of


def _age(record, days: int, *fields: str) -> None:
    for name in fields:
        setattr(record, name, utcnow() - timedelta(days=days))
    db.session.commit()


def _send(runner, today: date | None = None):
    args = ["reminders", "send"] + (["--today", today.isoformat()] if today else [])
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output


def test_progress_report_reminders_at_due_date_and_30_days_later_once_each(
        app_ctx, runner, make_org, make_user, make_partnership, outbox):
    lead = make_org(name="Kumasi Health Link")
    owner, editor = make_user(org=lead), make_user(org=lead, org_role="editor")
    partnership = make_partnership(lead, title="Nurses for Ashanti")
    _age(partnership, 10, "published_at")
    due = (utcnow() - timedelta(days=10)).date() + timedelta(days=365)

    assert "0 reminder(s) sent" in _send(runner, due - timedelta(days=1))
    output = _send(runner, due)
    assert "1 reminder(s) sent (1 progress-due), 1 e-mail(s)" in output
    assert [m["To"] for m in outbox.messages()] == [owner.email]  # owners only, not editors
    assert editor.email not in {m["To"] for m in outbox.messages()}
    message = outbox.last()
    assert "Nurses for Ashanti" in message["Subject"]
    assert f"/partnerships/{partnership.slug}/reports/new" in text_of(message)
    assert "0 reminder(s) sent" in _send(runner, due + timedelta(days=3))  # once

    assert "1 progress-overdue" in _send(runner, due + timedelta(days=30))
    assert "progress" not in _send(runner, due + timedelta(days=31)).split("Reminders:")[1]  # once
    progress = [m["Subject"] for m in outbox.messages() if "progress report" in m["Subject"]]
    assert len(progress) == 2 and "overdue" in progress[1]

    client = app_ctx.test_client()
    client.post("/login", data={"email": owner.email, "password": "correct horse battery staple"})
    response = client.post(f"/partnerships/{partnership.slug}/reports/new", data={
        "report_date": date.today().isoformat(), "achievements": "Forty nurses trained."})
    assert response.status_code == 302
    # The report moves the due date a year on from its date, and that new date gets its reminder.
    assert "progress" not in _send(runner, date.today() + timedelta(days=364)).split("Reminders:")[1]
    assert "1 progress-due" in _send(runner, date.today() + timedelta(days=365))


def test_completed_and_unpublished_partnerships_get_no_reminder(app_ctx, runner, make_org, make_user,
                                                                 make_partnership, outbox):
    lead = make_org()
    make_user(org=lead)
    done = make_partnership(lead, status="completed")
    draft = make_partnership(lead, state="draft")
    for record in (done, draft):
        _age(record, 400, "created_at")
    done.published_at = utcnow() - timedelta(days=400)
    db.session.commit()
    assert "0 reminder(s) sent" in _send(runner)
    assert len(outbox) == 0


def test_yearly_confirmation_link_works_signed_out_once(app, app_ctx, runner, make_org, make_user, outbox):
    org = make_org(name="Teranga Diaspora Network")
    owner = make_user(org=org)
    _age(org, 400, "verified_at", "last_confirmed_at")
    assert "1 profile-confirm" in _send(runner)
    assert "0 reminder(s) sent" in _send(runner)
    link = outbox.link(to=owner.email, contains="/confirm-profile/")

    client = app.test_client()  # signed out
    page = client.get(link)
    assert page.status_code == 200
    assert "Yes, the profile of Teranga Diaspora Network is still right" in page.get_data(as_text=True)
    db.session.refresh(org)
    assert confirmed_basis(org) < utcnow() - timedelta(days=300)  # opening the link changes nothing
    response = client.post(link)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/organizations/{org.slug}")
    db.session.refresh(org)
    assert confirmed_basis(org) > utcnow() - timedelta(minutes=1)
    again = client.get(link)
    assert again.status_code == 400 and "already been used" in again.get_data(as_text=True)
    assert client.post(link).status_code == 400  # a used link confirms nothing more
    assert "0 reminder(s) sent" in _send(runner)  # confirmed: next year's reminder, not now


def test_confirmation_link_rejects_tampering_expiry_and_non_owners(app, app_ctx, make_org, make_user):
    org = make_org()
    owner, editor = make_user(org=org), make_user(org=org, org_role="editor")
    token = make_confirm_token(org, owner)
    client = app.test_client()
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for bad in (tampered, "not-a-token", make_confirm_token(org, editor)):
        response = client.post(f"/confirm-profile/{bad}")
        assert response.status_code == 400
        assert "The link is not valid" in response.get_data(as_text=True)
    app.config["PROFILE_CONFIRM_MAX_AGE"] = -1
    response = client.post(f"/confirm-profile/{token}")
    assert response.status_code == 400 and "The link has expired" in response.get_data(as_text=True)
    before = org.last_confirmed_at
    db.session.refresh(org)
    assert org.last_confirmed_at == before


def test_org_page_says_not_confirmed_since_after_two_years(app, app_ctx, make_org):
    stale, fresh = make_org(name="Old Profile Association"), make_org(name="Fresh Profile Association")
    _age(stale, 800, "verified_at", "last_confirmed_at")
    _age(fresh, 100, "verified_at", "last_confirmed_at")
    client = app.test_client()
    since = (utcnow() - timedelta(days=800)).strftime("%Y-%m-%d")
    assert f"Not confirmed since {since}" in client.get(f"/organizations/{stale.slug}").get_data(as_text=True)
    assert "Not confirmed since" not in client.get(f"/organizations/{fresh.slug}").get_data(as_text=True)


def _reminders_process(app, instance):
    env = {**os.environ, "HUB_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "HUB_INSTANCE_DIR": str(instance),
           "HUB_SECRET_KEY": "a-test-secret-that-is-long-enough-for-reminders", "HUB_QUEUE_URL": "memory://",
           "HUB_DATA_DIR": app.config["DATA_DIR"]}
    return subprocess.Popen([sys.executable, "-c", "from hub.cli import main; main()", "reminders", "send", "--quiet"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.mark.skipif(not PG_URL, reason="two hosts share a database on PostgreSQL")
def test_two_runs_at_once_send_each_reminder_once(app, app_ctx, tmp_path, make_org, make_user, make_partnership):
    orgs = [make_org(name=f"Lead {n}") for n in range(12)]
    for org in orgs:
        make_user(org=org)
        _age(org, 400, "verified_at", "last_confirmed_at")
        _age(make_partnership(org), 380, "published_at")
    runs = [_reminders_process(app, tmp_path / name) for name in ("host-a", "host-b")]
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReminderSent)) == 24
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutgoingMail)) == 24
    files = [p for name in ("host-a", "host-b") for p in (tmp_path / name / "outbox").glob("*.eml")]
    assert len(files) == 24, outputs
    assert sum(int(out.split("Reminders: ")[1].split(" ")[0]) for out in outputs) == 24, outputs


def test_a_reminder_another_run_sent_meanwhile_is_skipped(app_ctx, make_org, make_user, outbox, monkeypatch):
    """The race two hosts run: both saw the reminder due; the second one's insert fails and it sends nothing."""
    from hub.reminders import runner, services

    org = make_org()
    make_user(org=org)
    _age(org, 400, "verified_at", "last_confirmed_at")
    seen_by_both = services.due_reminders()
    first = runner.run_reminders()
    monkeypatch.setattr(services, "due_reminders", lambda today=None: seen_by_both)
    second = runner.run_reminders()
    assert (first.sent, first.mails) == ({"profile-confirm": 1}, 1)
    assert (second.sent, second.mails, second.already) == ({}, 0, 1)
    assert len(outbox) == 1


def test_the_hourly_job_sends_reminders_with_links_to_the_public_address(app, app_ctx, make_org, make_user, outbox):
    from hub.jobs.tasks import send_reminders

    app.config.update(BASE_URL="https://hub.example.org", SERVER_NAME=None)  # as in production
    org = make_org()
    owner = make_user(org=org)
    _age(org, 400, "verified_at", "last_confirmed_at")
    send_reminders.call_local()
    send_reminders.call_local()
    assert [m["To"] for m in outbox.messages()] == [owner.email]
    assert "https://hub.example.org/confirm-profile/" in text_of(outbox.last())
