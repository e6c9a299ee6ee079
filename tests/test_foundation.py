"""The skeleton: configuration, layout, error pages, security headers, health check."""

import pytest

from hub import create_app
from hub.config import check_secret


def test_home_page_shows_real_world_figure_and_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # World total in the 2024 edition: 304,021,813 (UN DESA headline figure).
    assert "304,021,813" in html
    assert "International Migrant Stock 2024" in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html


def test_every_response_carries_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(
    ("path", "code", "text"),
    [("/no-such-page", 404, "Page not found"), ("/healthz", 405, None)],
)
def test_error_pages_use_the_layout(client, path, code, text):
    response = client.post(path) if code == 405 else client.get(path)
    assert response.status_code == code
    if text:
        html = response.get_data(as_text=True)
        assert text in html and "Skip to main content" in html


def test_unexpected_error_gives_500_page_without_trace(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_bad_request_and_forbidden_pages(app):
    from flask import abort

    @app.get("/needs-permission")
    def forbidden():
        abort(403)

    @app.get("/bad")
    def bad():
        abort(400)

    client = app.test_client()
    assert "Not allowed" in client.get("/needs-permission").get_data(as_text=True)
    assert client.get("/bad").status_code == 400


def test_api_paths_get_json_errors(client):
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.is_json
    assert response.get_json()["error"]["code"] == 404


def test_healthz_reports_database_and_index(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["search"]["ok"]


def test_healthz_fails_when_index_is_missing(app, client):
    import shutil

    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["search"] == {"ok": False, "detail": "missing"}


def test_refuses_to_start_without_a_secret_outside_debug():
    with pytest.raises(RuntimeError, match="HUB_SECRET_KEY"):
        check_secret({"SECRET_KEY": "", "DEBUG": False, "TESTING": False})
    with pytest.raises(RuntimeError):
        check_secret({"SECRET_KEY": "dev-only-insecure-secret", "DEBUG": False})
    config = {"SECRET_KEY": "", "DEBUG": True}
    check_secret(config)
    assert config["SECRET_KEY"]


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("HUB_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("HUB_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("HUB_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.db")
    assert app.config["SEARCH_INDEX_DIR"] == str(tmp_path / "search")
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_language_switch_translates_and_only_redirects_locally(client):
    response = client.get("/language/fr?next=//evil.example/")
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "http://localhost/")
    assert "hub_lang=fr" in response.headers["Set-Cookie"]
    assert client.get("/language/xx").status_code == 404


def test_a_relative_instance_folder_is_accepted(tmp_path, monkeypatch):
    """HUB_INSTANCE_DIR=instance (as an operator types it) starts the app instead of a traceback."""
    from hub import create_app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HUB_INSTANCE_DIR", "instance")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert app.instance_path == str(tmp_path / "instance")
