"""What every API view shares: reading query strings, JSON errors, pages with links, caching headers."""

from __future__ import annotations

import math

from flask import abort, jsonify, request, url_for
from marshmallow import Schema, ValidationError

from hub.errors import MESSAGES
from hub.extensions import db


def error_response(code: int, message: str, field_errors: dict | None = None):
    """The API's one error shape: {"error": {"code", "title", "message"[, "fields"]}}."""
    title = str(MESSAGES.get(code, ("Error", ""))[0]) if code in MESSAGES else {
        401: "Unauthorized", 422: "Invalid input"}.get(code, "Error")
    body = {"code": code, "title": title, "message": message}
    if field_errors:
        body["fields"] = field_errors
    response = jsonify(error=body)
    response.status_code = code
    return response


def load_args(schema: Schema) -> dict:
    """The query string validated by `schema`; a 400 JSON error naming the bad parameters otherwise."""
    raw = {}
    for key in request.args:
        field = schema.fields.get(key)
        if field is not None and field.__class__.__name__ == "List":
            raw[key] = request.args.getlist(key)
        else:
            raw[key] = request.args.get(key)
    try:
        return schema.load(raw)
    except ValidationError as exc:
        names = ", ".join(sorted(exc.messages)) if isinstance(exc.messages, dict) else ""
        abort(error_response(400, f"Invalid query parameters: {names}.", exc.messages))


def _page_url(endpoint: str, page: int, view_args: dict) -> str:
    args = {key: request.args.getlist(key) for key in request.args if key != "page"}
    return url_for(endpoint, **view_args, **args, page=page, _external=True)


def page_body(items: list, total: int, args: dict, endpoint: str | None = None) -> dict:
    """One page of results with total, page count and first/last/next/prev links."""
    page, per_page = args["page"], args["per_page"]
    pages = max(math.ceil(total / per_page), 1)
    if page > pages:  # never an empty page that looks like the end of the data: say where it ends
        abort(error_response(404, f"Page {page} is past the last page ({pages}) of {total} items.",
                             {"page": [f"The last page is {pages}."]}))
    endpoint = endpoint or request.endpoint
    view_args = request.view_args or {}
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": pages,
        "links": {
            "self": _page_url(endpoint, page, view_args),
            "first": _page_url(endpoint, 1, view_args),
            "last": _page_url(endpoint, pages, view_args),
            "next": _page_url(endpoint, page + 1, view_args) if page < pages else None,
            "prev": _page_url(endpoint, min(page - 1, pages), view_args) if page > 1 else None,
        },
    }


def paged(stmt, args: dict, schema: Schema) -> dict:
    """Run `stmt` for the requested page (one count, one select and its eager loads)."""
    pagination = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False,
                             max_per_page=args["per_page"])
    return page_body(schema.dump(pagination.items, many=True), pagination.total or 0, args)


def paged_list(rows: list, args: dict, dump) -> dict:
    """Page a list already in memory (figures computed in Python)."""
    start = (args["page"] - 1) * args["per_page"]
    return page_body([dump(row) for row in rows[start:start + args["per_page"]]], len(rows), args)


def conditional(response, last_modified=None):
    """ETag (and Last-Modified when known) on a successful GET; answers 304 when the client is current."""
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        if last_modified is not None:
            response.last_modified = last_modified
        response.add_etag()
        response.make_conditional(request)
    return response
