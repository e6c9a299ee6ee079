"""Paging lists: a page number from the query string, never an error for bad input."""

from __future__ import annotations

from flask import current_app, request

from hub.extensions import db

MAX_PAGE = 10_000


def page_number(arg: str = "page") -> int:
    """The requested page, clamped to 1..MAX_PAGE; anything that is not a number means 1."""
    raw = request.args.get(arg, "1")
    try:
        return min(max(int(raw), 1), MAX_PAGE)
    except ValueError:
        return 1


def paginate(stmt, per_page: int | None = None):
    """A Flask-SQLAlchemy Pagination of `stmt` for the current request's page."""
    return db.paginate(
        stmt,
        page=page_number(),
        per_page=per_page or current_app.config["PAGE_SIZE"],
        error_out=False,
        max_per_page=100,
    )
