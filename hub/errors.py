"""Error pages in the site layout, and JSON errors under /api/."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Check the address or the form and try again.")),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("There is nothing at this address. It may have moved, or never existed.")),
    405: (_l("Method not allowed"), _l("This address does not accept that kind of request.")),
    413: (_l("Too large"), _l("The file or form you sent is larger than the hub accepts.")),
    429: (_l("Too many requests"), _l("You have tried this too often. Please wait a moment and try again.")),
    500: (
        _l("Something went wrong"),
        _l("The hub hit an unexpected error. It has been logged; please try again later."),
    ),
    503: (
        _l("Temporarily unavailable"),
        _l("This part of the hub is temporarily unavailable. Please try again shortly."),
    ),
}


def wants_json() -> bool:
    """API clients get JSON errors; browsers get pages."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def render_error(code: int, detail: str | None = None):
    title, message = MESSAGES.get(code, MESSAGES[500 if code >= 500 else 400])
    if wants_json():
        return jsonify(error={"code": code, "title": str(title), "message": detail or str(message)}), code
    return render_template("errors/error.html", code=code, title=title, message=detail or message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http_error(exc: HTTPException):
        response = render_error(exc.code or 500, getattr(exc, "user_message", None))
        if exc.code == 405 and exc.valid_methods:
            body, code = response
            return body, code, {"Allow": ", ".join(exc.valid_methods)}
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        if isinstance(exc, HTTPException):
            return handle_http_error(exc)
        log.exception("Unhandled error on %s %s", request.method, request.path)
        from hub.extensions import db

        db.session.rollback()
        return render_error(InternalServerError.code)
