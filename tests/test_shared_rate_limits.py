"""Rate limits kept in Redis, where every host counts the same attempts."""

from __future__ import annotations

import pytest
import redis

from hub import create_app

REDIS_URL = "redis://127.0.0.1:6379/7"  # this suite's own Redis database


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def test_login_attempts_on_two_hosts_count_together(app, make_user, redis_db):
    make_user(email="target@example.org")
    config = {**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": REDIS_URL}
    codes = []
    for attempt in range(12):  # alternate between two hosts, each a fresh app with its own limiter state
        host = create_app(config)
        response = host.test_client().post(
            "/login", data={"email": "target@example.org", "password": "wrong guess number x"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{attempt}"})
        codes.append(response.status_code)
    create_app({**app.config, "RATELIMIT_ENABLED": False})  # leave the shared limiter off
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]
    assert any(b"LIMITS" in key for key in redis_db.keys("*"))  # the counts live in Redis
