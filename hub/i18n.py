"""Which interface language a request gets: explicit choice, then the browser's."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

LANGUAGE_COOKIE = "hub_lang"


def select_locale() -> str:
    """The request's locale: ?lang=, the language cookie, the user's choice, Accept-Language."""
    supported = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in supported:
            return candidate
    user_locale = getattr(current_user, "locale", "") if current_user else ""
    if user_locale in supported:
        return user_locale
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]
