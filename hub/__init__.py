"""Diaspora Hub: the application factory reads like a table of contents."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from flask import Flask

from hub.config import PROJECT_ROOT, Config, check_secret

# Feature blueprints, registered in this order when their module exists.
BLUEPRINTS = [
    "hub.core.views",
    "hub.images",
    "hub.auth.views",
    "hub.orgs.views",
    "hub.actions.views",
    "hub.partnerships.views",
    "hub.events.views",
    "hub.opportunities.views",
    "hub.stories.views",
    "hub.sources.views",
    "hub.places.views",
    "hub.search_views",
    "hub.reports.views",
    "hub.moderation.views",
    "hub.mailqueue.views",
    "hub.reminders.views",
    "hub.follows.views",
    "hub.contact.views",
    "hub.offers.views",
    "hub.api.views",
]


def create_app(overrides: dict | None = None) -> Flask:
    """Build the Flask app: settings, extensions, blueprints, error pages, CLI."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(Path(os.environ.get("HUB_INSTANCE_DIR") or PROJECT_ROOT / "instance").resolve()),
    )
    app.config.update(Config.from_env())
    if overrides:
        app.config.update(overrides)
    check_secret(app.config)
    from hub.search.backend import init_app as init_search

    init_search(app)  # HUB_SEARCH_BACKEND: a clear error now rather than at the first search
    for key in ("INSTANCE_DIR", "UPLOAD_DIR", "MAIL_OUTBOX_DIR"):
        Path(app.config[key]).mkdir(parents=True, exist_ok=True)

    _init_extensions(app)
    _register_blueprints(app)

    from hub import caching, errors, security, templating

    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    caching.init_app(app)

    from hub.cli import register_commands

    register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    import hub.models  # noqa: F401  (every model known before Alembic or create_all look)
    from hub import i18n, jobs
    from hub.auth.session import init_login
    from hub.extensions import babel, csrf, db, limiter, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    init_login(app)
    jobs.init_app(app)


def _register_blueprints(app: Flask) -> None:
    for module_name in BLUEPRINTS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # feature not built yet
            raise
        app.register_blueprint(module.bp)
