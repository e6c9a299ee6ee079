"""Whole responses for anonymous readers: `@cached_page()` and the private-response rule.

A page's key is made of the versions it depends on, the language, the address, whether the
client takes gzip, today's date (pages that say "updated 3 days ago" change at midnight) and the
next moment an event starts or ends or a call opens or closes (hub.caching.clock). Its
ETag and Last-Modified come from the key, so a conditional request is answered 304 before the
view or the cache are touched. Only anonymous GET/HEAD requests without a pending flash are
served from the cache, and only responses that are 200, set no cookie, leave the session alone
and generated no CSRF token are stored. Anything shown to a signed-in user, or that changed the
session (a flash), is sent `private, no-store` by `mark_private`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, time

from flask import current_app, g, request, session
from werkzeug.datastructures import Headers
from werkzeug.wrappers import Response

from hub.caching.clock import clock_state
from hub.caching.store import digest, fetch, locale, store
from hub.caching.versions import current

VARY = "Cookie, Accept-Language, Accept-Encoding"
# Headers that belong to one response, not to the stored page.
_NOT_STORED = {"set-cookie", "etag", "last-modified", "date", "content-length", "cache-control", "vary"}
_PRIVATE_TYPES = {"text/html", "application/json"}


def cached_page(depends_on: str = "content", max_age: int = 0, extra: Callable[[], str] | None = None):
    """Serve the view from the cache for anonymous readers, with validators and 304s.

    `depends_on`: "content" (the default), "reference" (figures only: survives publishing) or
    "both". `max_age`: seconds a client may reuse the response without asking (0: always ask).
    `extra`: a function whose result is part of the key (what else the page depends on).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not cacheable_request():
                return view(*args, **kwargs)
            key, changed_at = _key(depends_on, extra)
            etag = key[:32]
            if _client_is_current(etag, changed_at):
                return _validators(Response(status=304), etag, changed_at, max_age)
            frozen = fetch("page:" + key)
            if frozen is not None:
                return _validators(_thaw(frozen), etag, changed_at, max_age)
            g.pop(_csrf_field(), None)  # did *this* view make a token? (g outlives a request in tests)
            response = current_app.make_response(view(*args, **kwargs))
            if not storable(response):
                return response
            store("page:" + key, _freeze(response))
            return _validators(response, etag, changed_at, max_age)

        wrapper.cached_page = True
        return wrapper

    return decorator


def cacheable_request() -> bool:
    """Anonymous GET or HEAD, no credentials of any kind, no flash waiting to be shown."""
    if request.method not in ("GET", "HEAD") or not current_app.config.get("CACHE_PAGES", True):
        return False
    if "Authorization" in request.headers:
        return False
    if current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies:
        return False
    if current_app.config["SESSION_COOKIE_NAME"] in request.cookies:
        return session.get("_user_id") is None and not session.get("_flashes")
    return True


def storable(response: Response) -> bool:
    """Only what any anonymous reader may be sent: a 200 that touched no cookie or session."""
    return (
        response.status_code == 200
        and not response.is_streamed
        and "Set-Cookie" not in response.headers
        and not session.modified
        and _csrf_field() not in g
    )


def _csrf_field() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def _key(depends_on: str, extra) -> tuple[str, datetime]:
    versions = current()
    names = ("content", "reference") if depends_on == "both" else (depends_on,)
    today = datetime.now(UTC).date()
    changed_at = max(max(versions[name].changed_at for name in names), datetime.combine(today, time(), UTC))
    gzip = "gzip" if "gzip" in request.headers.get("Accept-Encoding", "") else ""
    parts = [versions[name].token for name in names]
    upcoming_at, passed_at = clock_state() if "content" in names else (None, None)  # an event ends, a call closes
    if passed_at is not None:
        changed_at = max(changed_at, passed_at)
    clock = upcoming_at.isoformat() if upcoming_at else ""
    key = digest(*parts, locale(), request.url, gzip, today.isoformat(), clock, extra() if extra else "")
    return key, changed_at.replace(microsecond=0)


def _client_is_current(etag: str, changed_at: datetime) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains(etag)
    since = request.if_modified_since
    return since is not None and changed_at <= since


def _validators(response: Response, etag: str, changed_at: datetime, max_age: int) -> Response:
    response.set_etag(etag)
    response.last_modified = changed_at
    response.headers["Cache-Control"] = f"public, max-age={max_age}" if max_age else "public, max-age=0, no-cache"
    response.headers["Vary"] = VARY
    return response


def _freeze(response: Response) -> tuple:
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _NOT_STORED]
    return response.status_code, headers, response.get_data()


def _thaw(frozen: tuple) -> Response:
    status, headers, body = frozen
    return Response(body, status=status, headers=Headers(headers))


def signed_in() -> bool:
    """Is the request's user signed in? (Without loading anyone when there is no session.)"""
    user = g.get("_login_user")
    if user is not None:
        return bool(user.is_authenticated)
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return False
    return session.get("_user_id") is not None


def mark_private(response: Response) -> Response:
    """Pages and JSON shown to a signed-in user, or that changed the session, are never stored."""
    if response.mimetype in _PRIVATE_TYPES and (session.modified or signed_in()):
        response.headers["Cache-Control"] = "private, no-store"
        response.headers.pop("ETag", None)
        response.headers.pop("Last-Modified", None)
    return response
