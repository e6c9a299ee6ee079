"""Follow, the personal feed, immediate alerts, digests and one-click unsubscribe."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.follows import services
from hub.modeling import utcnow
from hub.models import AlertPreference, DigestRun, Follow, User
from tests.conftest import PG_URL
from tests.fixtures.content import count_queries
from tests.fixtures.factories import themes
from tests.fixtures.follows import mail_html, mail_text


def _follow(client, kind, target, **extra):
    return client.post("/follow", data={"kind": kind, "target": target, "next": "/following", **extra})


def _aged(record, **delta):
    """Make `record` look published `delta` ago."""
    record.published_at = utcnow() - timedelta(**delta)
    db.session.commit()
    return record


def _targets(user):
    return {(f.kind, f.target) for f in services.follows_of(user)}


@pytest.mark.parametrize(("kind", "target", "stored"), [
    ("country", "GHA", "GHA"),
    ("community", "GHA-DEU", "GHA-DEU"),
    ("theme", "health", "health"),
])
def test_follow_and_unfollow_each_kind(cast, login_client, kind, target, stored):
    client = login_client(cast["member"])
    assert _follow(client, kind, target).status_code == 302
    assert _targets(cast["member"]) == {(kind, stored)}
    page = client.get("/following").get_data(as_text=True)
    assert "Unfollow" in page
    client.post("/unfollow", data={"kind": kind, "target": target})
    assert _targets(cast["member"]) == set()


def test_follow_an_organization_from_its_page(cast, login_client):
    client = login_client(cast["member"])
    org = cast["org"]
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert f"Follow {org.name}" in page
    _follow(client, "organization", org.slug)
    assert _targets(cast["member"]) == {("organization", str(org.id))}
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert f"Unfollow {org.name}" in page
    assert org.name in client.get("/following").get_data(as_text=True)
    client.post("/unfollow", data={"kind": "organization", "target": org.slug})
    assert _targets(cast["member"]) == set()


def test_follow_a_named_search(cast, login_client):
    client = login_client(cast["member"])
    page = client.get("/search?q=health&country=GHA").get_data(as_text=True)
    assert "Follow this search" in page
    target = "q=health&country=GHA"
    assert _follow(client, "search", target, label="").status_code == 302
    assert _targets(cast["member"]) == set()  # a search needs a name
    _follow(client, "search", target, label="Ghana health")
    follow = services.follows_of(cast["member"])[0]
    assert (follow.kind, follow.target, follow.label) == ("search", target, "Ghana health")
    assert "Unfollow this search" in client.get("/search?q=health&country=GHA").get_data(as_text=True)
    assert "Ghana health" in client.get("/following").get_data(as_text=True)


@pytest.mark.parametrize(("kind", "target"), [("country", "XXX"), ("community", "GHA-GHA"), ("theme", "nope"),
                                              ("organization", "no-such-org"), ("planet", "mars")])
def test_following_what_does_not_exist_is_refused(cast, login_client, kind, target):
    client = login_client(cast["member"])
    response = _follow(client, kind, target)
    assert response.status_code == 302
    assert _targets(cast["member"]) == set()
    assert "cannot be followed" in client.get("/following").get_data(as_text=True)


def test_follow_needs_sign_in_and_pages_say_so(client, cast):
    assert _follow(client, "country", "GHA").status_code in (302, 401)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Follow)) == 0
    assert "Sign in to follow" in client.get("/countries/GHA").get_data(as_text=True)
    assert client.get("/following").status_code in (302, 401)


def test_nobody_sees_or_removes_another_users_follows(cast, login_client):
    owner, member = cast["owner"], cast["member"]
    services.follow(member, "country", "SEN")
    db.session.commit()
    follow_id = services.follows_of(member)[0].id
    other = login_client(owner)
    assert "Senegal" not in other.get("/following").get_data(as_text=True)
    other.post("/unfollow", data={"follow_id": str(follow_id)})
    assert _targets(member) == {("country", "SEN")}


def test_alert_frequency_defaults_to_weekly_and_can_change(cast, login_client):
    client = login_client(cast["member"])
    page = client.get("/following").get_data(as_text=True)
    assert re.search(r'value="weekly"[^>]*checked|checked[^>]*value="weekly"', page)
    assert client.post("/following", data={"frequency": "sometimes"}).status_code == 400
    client.post("/following", data={"frequency": "daily"})
    assert services.frequency_of(cast["member"]) == "daily"


def test_feed_says_why_newest_first_and_pages(cast, login_client, make_action, make_story):
    member = cast["member"]
    services.follow(member, "country", "GHA")
    services.follow(member, "theme", "health")
    db.session.commit()
    _aged(make_action(cast["org"], title="Old Ghana clinic", origin=("GHA",), theme_slugs=("education",)), days=3)
    _aged(make_story(cast["org"], title="Health story from Senegal", country_codes=("SEN",)), days=1)
    make_action(cast["org"], title="Unrelated Mexican school", origin=("MEX",), implementation=("MEX",),
                theme_slugs=("education",))
    story = make_story(cast["org"], title="Nurses back in Accra", country_codes=("GHA",))
    story.themes = themes("health")
    db.session.commit()
    page = login_client(member).get("/dashboard").get_data(as_text=True)
    assert "Unrelated Mexican school" not in page
    assert page.index("Nurses back in Accra") < page.index("Old Ghana clinic")
    assert "Because you follow Ghana, Health" in page
    assert "Because you follow Ghana" in page


def test_feed_has_the_events_and_calls_of_what_you_follow(cast, login_client, make_event, make_opportunity):
    services.follow(cast["member"], "country", "SEN")
    db.session.commit()
    make_event(cast["org"], title="Dakar investment forum", country_codes=("SEN",))
    make_opportunity(cast["org"], title="Grant for Senegalese engineers", country_codes=("SEN",))
    make_event(cast["org"], title="Accra webinar", country_codes=("GHA",))
    page = login_client(cast["member"]).get("/dashboard").get_data(as_text=True)
    assert "Dakar investment forum" in page and "Grant for Senegalese engineers" in page
    assert "Accra webinar" not in page
    assert "Because you follow Senegal" in page


def test_feed_pages_older_items(cast, login_client, make_action):
    services.follow(cast["member"], "country", "GHA")
    db.session.commit()
    for n in range(12):
        _aged(make_action(cast["org"], title=f"Ghana action number {n:02d}"), hours=n)
    client = login_client(cast["member"])
    first = client.get("/dashboard").get_data(as_text=True)
    assert "Ghana action number 00" in first and "Ghana action number 11" not in first
    assert "Older" in first
    second = client.get("/dashboard?feed=2").get_data(as_text=True)
    assert "Ghana action number 11" in second and "Ghana action number 00" not in second


def test_feed_costs_the_same_queries_for_3_or_30_follows(cast, login_client, make_org, make_action, make_story,
                                                        make_partnership, make_source):
    member = cast["member"]
    orgs = [make_org(name=f"Followed org {n}") for n in range(10)]
    for org in orgs[:3]:
        make_action(org)
        make_story(org)
    make_partnership(orgs[0])
    make_source(org=orgs[1])
    client = login_client(member)
    slugs = [org.slug for org in orgs]
    services.follow(member, "organization", slugs[0])
    services.follow(member, "country", "GHA")
    services.follow(member, "theme", "health")
    db.session.commit()
    member_id = member.id
    db.session.remove()
    few = count_queries(client, "/dashboard")
    member = db.session.get(User, member_id)
    codes = ["SEN", "IND", "MEX", "MAR", "PHL", "NGA", "DEU", "FRA", "USA", "ARE"]
    for slug in slugs[1:]:
        services.follow(member, "organization", slug)
    for code in codes:
        services.follow(member, "country", code)
    for pair in ["GHA-DEU", "SEN-FRA", "MEX-USA", "IND-ARE", "MAR-FRA", "PHL-USA", "NGA-DEU"]:
        services.follow(member, "community", pair)
    for theme in ["education", "investment"]:
        services.follow(member, "theme", theme)
    db.session.commit()
    assert len(services.follows_of(member)) >= 30
    db.session.remove()
    many = count_queries(client, "/dashboard")
    assert many == few


def _approve(login_client, moderator, action):
    client = login_client(moderator)
    response = client.post(f"/actions/{action.slug}/transition", data={"verb": "approve"})
    assert response.status_code == 302


def test_immediate_alert_names_the_action_and_why(cast, login_client, make_action, outbox):
    member = cast["member"]
    services.follow(member, "country", "GHA")
    services.follow(member, "theme", "health")
    services.set_frequency(member, "immediately")
    db.session.commit()
    action = make_action(cast["org"], title="Mobile maternal health vans in Kumasi", state="submitted")
    assert len(outbox) == 0
    _approve(login_client, cast["moderator"], action)
    message = outbox.last(member.email)
    assert "Mobile maternal health vans in Kumasi" in message["Subject"]
    text = mail_text(message)
    assert "Because you follow Ghana, Health" in text
    assert f"/actions/{action.slug}" in text
    assert "Mobile maternal health vans in Kumasi" in mail_html(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http")
    # Running the catch-up again sends nothing more: the watermark moved.
    assert services.send_immediate_alerts() == 0
    assert len([m for m in outbox.messages() if m["To"] == member.email]) == 1


@pytest.mark.parametrize(("kind", "target"), [("organization", None), ("community", "SEN-FRA"), ("theme", "education"),
                                              ("country", "FRA")])
def test_immediate_alert_for_each_kind_of_follow(cast, login_client, make_action, outbox, kind, target):
    member = cast["member"]
    services.follow(member, kind, target or cast["org"].slug)
    services.set_frequency(member, "immediately")
    db.session.commit()
    action = make_action(cast["org"], title="Schools in Thies", state="submitted", origin=("SEN",),
                         implementation=("FRA",), theme_slugs=("education",))
    _approve(login_client, cast["moderator"], action)
    assert "Schools in Thies" in outbox.last(member.email)["Subject"]


def test_no_alert_for_weekly_users_or_unrelated_actions(cast, login_client, make_action, outbox):
    weekly = cast["member"]
    services.follow(weekly, "country", "GHA")
    quick = cast["owner"]
    services.follow(quick, "country", "MEX")
    services.set_frequency(quick, "immediately")
    db.session.commit()
    action = make_action(cast["org"], title="Ghana only", state="submitted")
    _approve(login_client, cast["moderator"], action)
    assert len(outbox) == 0


def test_alert_is_in_the_users_language(cast, login_client, make_action, outbox):
    member = cast["member"]
    member.locale = "fr"
    services.follow(member, "country", "GHA")
    services.set_frequency(member, "immediately")
    db.session.commit()
    action = make_action(cast["org"], title="Cliniques mobiles", state="submitted")
    _approve(login_client, cast["moderator"], action)
    message = outbox.last(member.email)
    assert "Nouveau" in message["Subject"]
    assert "Ghana" in mail_text(message)


def _daily_member(cast):
    member = cast["member"]
    services.follow(member, "country", "GHA")
    services.set_frequency(member, "daily")
    db.session.commit()
    return member


def test_daily_digest_is_sent_once_and_grouped(cast, make_action, make_story, outbox, runner):
    member = _daily_member(cast)
    services.follow(member, "organization", cast["other"].slug)
    db.session.commit()
    make_action(cast["org"], title="Ghana clinic opens")
    make_story(cast["other"], title="Mexican club story", country_codes=("MEX",))
    result = runner.invoke(args=["digests", "send", "--frequency", "daily"])
    assert result.exit_code == 0, result.output
    assert "1 sent" in result.output
    message = outbox.last(member.email)
    assert message["Subject"] == "Your daily digest from Diaspora Hub"
    text = mail_text(message)
    assert text.index("Because you follow Ghana") < text.index("Ghana clinic opens")
    assert "Because you follow Mexican Hometown Clubs" in text
    assert "<a href=" in mail_html(message)
    again = runner.invoke(args=["digests", "send", "--frequency", "daily"])
    assert "0 sent" in again.output and "1 already done" in again.output
    assert len(outbox) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DigestRun)) == 1


def test_no_digest_when_nothing_is_new(cast, make_action, outbox):
    _daily_member(cast)
    make_action(cast["org"], title="Mexico only", origin=("MEX",), implementation=("MEX",))
    summary = services.send_due_digests(frequency="daily")
    assert (summary.sent, summary.nothing_new) == (0, 1)
    assert len(outbox) == 0


def test_weekly_is_the_default_and_next_period_sends_again(cast, make_action, outbox):
    member = cast["member"]
    services.follow(member, "country", "GHA")
    db.session.commit()
    make_action(cast["org"], title="First week")
    assert services.send_due_digests().sent == 1
    assert outbox.last(member.email)["Subject"] == "Your weekly digest from Diaspora Hub"
    next_week = utcnow() + timedelta(days=7)
    _aged(make_action(cast["org"], title="Second week"), days=-1)
    assert services.send_due_digests(now=next_week).sent == 1
    text = mail_text(outbox.last(member.email))
    assert "Second week" in text and "First week" not in text


def test_unsubscribe_works_signed_out_and_refuses_a_tampered_link(cast, make_action, outbox, client):
    member = _daily_member(cast)
    make_action(cast["org"], title="Ghana clinic opens")
    services.send_due_digests(frequency="daily")
    message = outbox.last(member.email)
    raw = message.as_string()
    assert "=?utf-8?" not in raw.split("\n\n", 1)[0].split("List-Unsubscribe:", 1)[1].split("\n", 1)[0]
    url = message["List-Unsubscribe"].strip("<>")
    path = url.split("localhost", 1)[1]
    assert path in mail_text(message)
    page = client.get(path)
    assert page.status_code == 200 and "Stop the e-mails" in page.get_data(as_text=True)
    assert services.frequency_of(member) == "daily"  # GET only asks
    assert client.get(path[:-3] + "xyz").status_code == 404
    assert client.post(path[:-3] + "xyz").status_code == 404
    done = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "no more alerts" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(AlertPreference, member.id).frequency == "never"
    make_action(cast["org"], title="Another Ghana action")
    assert services.send_due_digests(now=utcnow() + timedelta(days=1), frequency="daily").sent == 0


@pytest.mark.skipif(not PG_URL, reason="several hosts share a database only on PostgreSQL")
def test_two_hosts_sending_digests_at_once_send_each_once(app, cast, make_user, make_action, tmp_path):
    users = [make_user(name=f"Reader {n}") for n in range(8)]
    for user in users:
        services.follow(user, "country", "GHA")
        services.set_frequency(user, "daily")
    db.session.commit()
    make_action(cast["org"], title="Ghana clinic opens")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    db.session.remove()
    hosts = []
    for name in ("host-a", "host-b"):
        env = {**os.environ, "HUB_DATABASE_URL": url, "HUB_INSTANCE_DIR": str(tmp_path / name),
               "HUB_SECRET_KEY": "a-test-secret-that-is-long-enough-for-hosts", "HUB_RATELIMIT_STORAGE_URL": "memory://",
               "HUB_QUEUE_URL": "memory://"}  # each process delivers its queued mail itself, into its outbox
        hosts.append(subprocess.Popen([sys.executable, "-c", "from hub.cli import main; main()", "digests", "send",
                                       "--frequency", "daily"], env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True))
    outputs = [host.communicate(timeout=120)[0] for host in hosts]
    assert [host.returncode for host in hosts] == [0, 0], outputs
    mails = [p for name in ("host-a", "host-b") for p in (tmp_path / name / "outbox").glob("*.eml")]
    assert len(mails) == 8, outputs
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DigestRun)) == 8



def test_mail_links_use_the_public_address_in_a_job_and_keep_a_request_host(app):
    """Jobs write HUB_BASE_URL even when run at once inside a request; mail sent while serving a
    request (the follows services) keeps that request's host; outside any request, HUB_BASE_URL."""
    from flask import url_for

    from hub.jobs import base_url_request, job_request_context

    app.config.update(BASE_URL="https://hub.example.org", SERVER_NAME=None)  # as in production
    with app.test_request_context(base_url="https://mirror.example.net"):
        with base_url_request(keep_request=True):
            assert url_for("core.home", _external=True) == "https://mirror.example.net/"
        with job_request_context():
            assert url_for("core.home", _external=True) == "https://hub.example.org/"
    with app.app_context(), base_url_request(keep_request=True):
        assert url_for("core.home", _external=True) == "https://hub.example.org/"


def test_digests_from_a_shell_link_to_the_address_make_run_serves_or_warn(app, cast, make_action, tmp_path):
    """`hub digests send` run beside `make run PORT=5077` links to port 5077 (make run writes
    instance/base_url); with neither that nor HUB_BASE_URL it warns that links use the default."""
    member_id = _daily_member(cast).id
    make_action(cast["org"], title="Ghana clinic opens")
    db.session.remove()
    instance = tmp_path / "instance"
    env = {key: value for key, value in os.environ.items() if key != "HUB_BASE_URL"}
    env.update(HUB_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"], HUB_INSTANCE_DIR=str(instance),
               HUB_SECRET_KEY="a-test-secret-that-is-long-enough-for-digests", HUB_QUEUE_URL="memory://",
               HUB_DATA_DIR=app.config["DATA_DIR"])

    def send() -> tuple[subprocess.CompletedProcess, str]:
        done = subprocess.run([sys.executable, "-c", "from hub.cli import main; main()", "digests", "send",
                               "--frequency", "daily"], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        newest = max((instance / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime)
        return done, newest.read_text(encoding="utf-8")

    done, mail = send()
    assert "HUB_BASE_URL is not set" in done.stderr and "http://127.0.0.1:5000" in done.stderr
    assert "http://127.0.0.1:5000/unsubscribe/" in mail
    db.session.execute(sa.delete(DigestRun).where(DigestRun.user_id == member_id))
    db.session.commit()
    (instance / "base_url").write_text("http://127.0.0.1:5077\n", encoding="utf-8")  # as `make run PORT=5077`
    done, mail = send()
    assert "1 sent" in done.stdout and "HUB_BASE_URL" not in done.stderr
    assert "http://127.0.0.1:5077/unsubscribe/" in mail and "127.0.0.1:5000" not in mail


def test_hub_base_url_comes_before_the_address_make_run_wrote(tmp_path):
    from hub.config import Config

    (tmp_path / "base_url").write_text("http://127.0.0.1:5077\n", encoding="utf-8")
    assert Config.from_env({"HUB_INSTANCE_DIR": str(tmp_path)})["BASE_URL"] == "http://127.0.0.1:5077"
    chosen = Config.from_env({"HUB_INSTANCE_DIR": str(tmp_path), "HUB_BASE_URL": "https://hub.example.org"})
    assert (chosen["BASE_URL"], chosen["BASE_URL_FROM"]) == ("https://hub.example.org", "HUB_BASE_URL")
    assert Config.from_env({"HUB_INSTANCE_DIR": str(tmp_path / "fresh")})["BASE_URL_FROM"] == ""
