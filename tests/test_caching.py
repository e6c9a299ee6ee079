"""Caching: anonymous pages and data come from the cache, never stale, never private."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from hub import create_app
from hub.auth.mail import send_mail
from hub.caching import versions
from hub.caching.models import CacheVersion
from hub.extensions import db
from hub.models import AuditEvent, CountryTotal, SearchOutbox
from hub.review import workflow
from hub.review.history import record_audit
from tests.fixtures.factories import PASSWORD

# Search pages are among the pages checked: commits reach the index at once.
pytestmark = pytest.mark.search_sync

REDIS_URL = "redis://127.0.0.1:6379/2"


def tokens(app) -> dict[str, str]:
    with app.app_context():
        versions.current()  # recreates rows emptied between tests (PostgreSQL)
        return dict(db.session.execute(sa.select(CacheVersion.name, CacheVersion.token)).all())


@pytest.fixture
def published(make_org, make_action):
    org = make_org(name="Kente Bridge")
    action = make_action(org, title="Clinics for Kumasi", summary="Nurses trained in Kumasi.")
    return org, action


def pages_for(org, action) -> list[str]:
    return ["/", "/actions", f"/actions/{action.slug}", "/countries/GHA", f"/organizations/{org.slug}",
            "/api/v1/actions", f"/api/v1/actions/{action.slug}", "/search?q=Kumasi", "/actions.csv"]


@pytest.mark.parametrize("url", ["/actions", "/organizations/kente-bridge-x", "/countries/GHA",
                                 "/communities/GHA-DEU", "/api/v1/actions", "/search?q=Kumasi"])
def test_a_second_anonymous_view_is_one_query_and_the_same_bytes(app, client, published, url, count_queries):
    org, _action = published
    url = url.replace("kente-bridge-x", org.slug)
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: a page that made a token could not be shared
    first = client.get(url)
    assert first.status_code == 200
    assert "Set-Cookie" not in first.headers
    with count_queries() as seen:
        second = client.get(url)
    assert second.get_data() == first.get_data()
    assert len(seen) == 1, seen  # the versions, nothing else
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Vary"] == "Cookie, Accept-Language, Accept-Encoding"
    assert second.headers["Cache-Control"] == "public, max-age=0, no-cache"
    assert "Content-Security-Policy" in second.headers and "Last-Modified" in second.headers


def test_publish_edit_unpublish_delete_change_every_page_at_once(app, client, make_org, make_user):
    org = make_org(name="Kente Bridge")
    moderator = make_user(role="moderator")
    owner = make_user(org=org)
    before = {url: client.get(url).get_data(as_text=True) for url in pages_for(org, _Slug("clinics-for-kumasi"))}
    assert "Clinics for Kumasi" not in before["/actions"]

    action = _make_action(org, owner)  # submitted by a trusted-less org: a moderator publishes it
    workflow.transition(action, "approve", moderator)
    db.session.commit()
    _all_show(client, org, action, "Clinics for Kumasi")

    action.title = "Clinics for Tamale"
    db.session.commit()
    _all_show(client, org, action, "Clinics for Tamale", gone="Clinics for Kumasi",
              search="/search?q=Tamale")

    workflow.transition(action, "unpublish", moderator, note="Out of date")
    db.session.commit()
    _none_show(client, org, action, "Clinics for Tamale")

    workflow.transition(action, "submit", owner)
    workflow.transition(action, "approve", moderator)
    db.session.commit()
    _all_show(client, org, action, "Clinics for Tamale", search="/search?q=Tamale")

    db.session.delete(action)
    db.session.commit()
    _none_show(client, org, action, "Clinics for Tamale")


class _Slug:
    def __init__(self, slug):
        self.slug = slug


def _make_action(org, owner):
    from hub.models import Action, Country

    action = Action(title="Clinics for Kumasi", slug="clinics-for-kumasi", summary="Nurses trained in Kumasi.",
                    organization_id=org.id, review_state="draft", description="Kumasi clinics.")
    action.origin_countries = [db.session.get(Country, "GHA")]
    action.implementation_countries = [db.session.get(Country, "GHA")]
    db.session.add(action)
    db.session.flush()
    workflow.transition(action, "submit", owner)
    db.session.commit()
    return action


def _all_show(client, org, action, text, gone=None, search=None):
    for url in pages_for(org, action):
        if search and url.startswith("/search"):
            url = search
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert action.slug in body, url
        if not url.startswith("/search"):  # search results highlight the words they matched
            assert text in body, url
        if gone:
            assert gone not in body, url


def _none_show(client, org, action, text):
    for url in pages_for(org, action):
        response = client.get(url)
        if action.slug in url:
            assert response.status_code == 404, url
            continue
        body = response.get_data(as_text=True)
        assert text not in body and f"/actions/{action.slug}" not in body, url


def test_conditional_requests_are_answered_304_until_something_changes(app, client, published):
    org, action = published
    for url in ("/countries/GHA", "/api/v1/actions", "/countries/GHA/charts/trend.svg",
                "/countries/GHA/residence.csv", f"/actions/{action.slug}"):
        first = client.get(url)
        assert first.status_code == 200, url
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.get_data() == b"" and "Content-Security-Policy" in again.headers
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304, url
    page = f"/actions/{action.slug}"
    etag = client.get(page).headers["ETag"]
    action.summary = "Midwives trained in Kumasi."
    db.session.commit()
    changed = client.get(page, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "Midwives trained" in changed.get_data(as_text=True)
    # Charts and figure CSVs depend on reference data only: publishing leaves them current.
    chart = client.get("/countries/GHA/charts/trend.svg")
    assert chart.headers["Cache-Control"] == "public, max-age=300"
    action.summary = "Doctors trained in Kumasi."
    db.session.commit()
    assert client.get("/countries/GHA/charts/trend.svg",
                      headers={"If-None-Match": chart.headers["ETag"]}).status_code == 304


def test_each_language_gets_its_own_copy(app, published):
    english = app.test_client().get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    french = app.test_client().get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="fr"' in french
    assert app.test_client().get("/", headers={"Accept-Language": "en"}).get_data(as_text=True) == english


def test_signed_in_pages_are_private_and_never_reach_anonymous_readers(app, client, auth, make_user, published):
    anonymous = app.test_client()
    assert anonymous.get("/actions").headers["Cache-Control"].startswith("public")
    user = make_user(name="Ama Owusu")
    auth.login(user.email, PASSWORD)
    mine = client.get("/actions")
    assert mine.headers["Cache-Control"] == "private, no-store"
    assert "ETag" not in mine.headers and "Sign out" in mine.get_data(as_text=True)
    api = client.get("/api/v1/actions")
    assert api.headers["Cache-Control"] == "private, no-store"
    public = anonymous.get("/actions")
    assert "Sign out" not in public.get_data(as_text=True)
    assert public.headers["Cache-Control"].startswith("public")


def test_a_flash_is_shown_once_to_its_reader_and_never_cached(app, client, auth, make_user, published):
    user = make_user()
    auth.login(user.email, PASSWORD)
    auth.logout()
    shown = client.get("/")
    assert "You are signed out." in shown.get_data(as_text=True)
    assert shown.headers["Cache-Control"] == "private, no-store"
    assert "You are signed out." not in client.get("/").get_data(as_text=True)
    assert "You are signed out." not in app.test_client().get("/").get_data(as_text=True)


def test_reference_changes_and_a_real_import_change_the_country_page(app, client, runner, published):
    first = client.get("/countries/GHA")
    row = db.session.scalars(sa.select(CountryTotal).where(CountryTotal.iso3 == "GHA")
                             .order_by(CountryTotal.year.desc())).first()
    row.emigrants = 9_876_543
    db.session.commit()
    changed = client.get("/countries/GHA", headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200
    assert "9,876,543" in changed.get_data(as_text=True)
    before = tokens(app)["reference"]
    result = runner.invoke(args=["import-reference", "--force", "--data-dir", app.config["DATA_DIR"]])
    assert result.exit_code == 0, result.output
    assert tokens(app)["reference"] != before
    assert "9,876,543" not in client.get("/countries/GHA").get_data(as_text=True)


def test_private_tables_leave_the_versions_alone_and_unlisted_tables_count_as_content(app, make_user, published):
    user = make_user()
    before = tokens(app)
    record_audit(user, "test")
    db.session.add(SearchOutbox(kind="action", record_id="1"))
    user.last_login_at = sa.func.now()
    send_mail(user.email, "Queued, not shown anywhere", "auth/mail/already_registered.txt", user=user,
              login_url="http://x/login", reset_url="http://x/reset")
    db.session.commit()
    assert tokens(app) == before  # an e-mail in the queue is private: pages stay cached
    assert versions.version_for("a_table_added_later") == "content"
    assert versions.version_for("audit_event") is None and versions.version_for("migrant_stock") == "reference"
    db.session.execute(sa.update(AuditEvent).values(note="bulk, private"))
    db.session.commit()
    assert tokens(app) == before
    db.session.execute(sa.text("UPDATE organization SET acronym = 'KB'"))
    db.session.commit()
    after = tokens(app)
    assert after["content"] != before["content"] and after["reference"] == before["reference"]


def test_missing_version_rows_are_recreated(app, client, published):
    client.get("/actions")
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(sa.delete(CacheVersion.__table__))
    response = client.get("/actions")
    assert response.status_code == 200 and "Last-Modified" in response.headers
    with app.app_context():
        assert set(db.session.scalars(sa.select(CacheVersion.name))) == {"content", "reference"}


# --- Two hosts sharing Redis -------------------------------------------------------------------


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("HUB_REQUIRE_REDIS"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return client


@pytest.fixture
def two_hosts(app):
    """Two more app instances on the same database, sharing one Redis cache (db 2, own prefix)."""
    redis = _redis()
    prefix = f"hub-test-{uuid.uuid4().hex[:8]}:"
    config = {key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SEARCH_INDEX_DIR", "UPLOAD_DIR",
        "MAIL_OUTBOX_DIR", "DATA_DIR", "WTF_CSRF_ENABLED", "RATELIMIT_ENABLED", "SERVER_NAME",
        "SQLALCHEMY_ENGINE_OPTIONS", "SEARCH_DRAIN")}
    hosts = [create_app({**config, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}) for _ in range(2)]
    yield hosts
    for host in hosts:
        with host.app_context():
            db.session.remove()
            db.engine.dispose()
    for key in redis.scan_iter(f"{prefix}*"):
        redis.delete(key)
    redis.close()


def test_two_hosts_share_the_cache_and_see_every_change_at_once(app, two_hosts, published, count_queries):
    org, action = published
    host_a, host_b = (host.test_client() for host in two_hosts)
    url = f"/organizations/{org.slug}"
    filled = host_a.get(url)
    assert "Nurses trained in Kumasi." in host_a.get(f"/actions/{action.slug}").get_data(as_text=True)
    with two_hosts[1].app_context(), count_queries() as seen:  # host B's own engine
        served = host_b.get(url)
    assert served.get_data() == filled.get_data() and len(seen) == 1, seen
    # A third process (the test's own app) edits, then deletes: both hosts show it at once.
    action.summary = "Midwives trained in Tamale."
    db.session.commit()
    for host in (host_a, host_b):
        assert "Midwives trained in Tamale." in host.get(f"/actions/{action.slug}").get_data(as_text=True)
        assert "Midwives trained in Tamale." in host.get("/api/v1/actions").get_data(as_text=True)
    db.session.delete(action)
    db.session.commit()
    for host in (host_a, host_b):
        assert host.get(f"/actions/{action.slug}").status_code == 404
        assert "Clinics for Kumasi" not in host.get(url).get_data(as_text=True)


def test_an_event_that_ends_drops_off_cached_pages_by_the_clock_alone(app, client, make_org, make_event):
    """Nothing is written when an event ends, yet the cached home and country pages change then."""
    import time
    from datetime import timedelta

    from hub.modeling import utcnow

    org = make_org(name="Kente Bridge")
    event = make_event(org, title="Last minute webinar", starts_in=-timedelta(hours=1), hours=1 + 8 / 3600)
    ends_at = event.ends_at
    first = client.get("/")
    assert "Last minute webinar" in first.get_data(as_text=True)
    assert "Last minute webinar" in client.get("/countries/GHA").get_data(as_text=True)
    assert client.get("/", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    time.sleep(max(0.0, (ends_at - utcnow()).total_seconds()) + 0.5)
    later = client.get("/", headers={"If-None-Match": first.headers["ETag"],
                                     "If-Modified-Since": first.headers["Last-Modified"]})
    assert later.status_code == 200 and "Last minute webinar" not in later.get_data(as_text=True)
    assert later.headers["ETag"] != first.headers["ETag"]
    assert "Last minute webinar" not in client.get("/countries/GHA").get_data(as_text=True)
