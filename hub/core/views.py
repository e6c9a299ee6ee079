"""Home page, language switch and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound

from hub import search
from hub.caching import cached_page
from hub.core import services
from hub.extensions import db, limiter
from hub.i18n import LANGUAGE_COOKIE
from hub.models import Action, DataSource, Story

bp = Blueprint("core", __name__)


@bp.get("/")
@cached_page()
def home():
    """The home page: what the hub holds, featured actions and the newest items."""
    return render_template(
        "core/home.html",
        counts=services.home_counts(),
        featured=services.featured_actions(),
        latest_actions=services.latest(Action),
        latest_stories=services.latest(Story),
        latest_sources=services.latest(DataSource),
    )


@bp.get("/about")
@cached_page()
def about():
    """What the hub is and where its figures come from."""
    return render_template("core/about.html")


@bp.get("/language/<code>")
def set_language(code: str):
    """Remember the chosen interface language and go back where the user was."""
    from flask import current_app

    if code not in current_app.config["LANGUAGES"]:
        raise NotFound()
    target = request.args.get("next", "")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = url_for("core.home")
    response = redirect(target)
    response.set_cookie(
        LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """Is the database reachable and the search index readable? 200 if both, else 503."""
    checks = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        checks["database"] = {"ok": True, "detail": "reachable"}
    except sa.exc.SQLAlchemyError as exc:
        db.session.rollback()
        checks["database"] = {"ok": False, "detail": type(exc).__name__}
    ok, detail = search.engine().health()
    checks["search"] = {"ok": ok, "detail": detail}
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    response = jsonify(body)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
