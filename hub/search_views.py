"""The search page (/search) and its help page; all the work is done by hub.search."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from hub import search
from hub.caching import cached_page
from hub.offers.models import SEEKING_CHOICES  # the filter is kept in the database, not the index
from hub.pagination import page_number
from hub.taxonomy import vocabulary
from hub.templating import has_endpoint, url_if

bp = Blueprint("search", __name__)

KIND_LABELS = {
    "organization": _l("Organization"),
    "action": _l("Action"),
    "partnership": _l("Partnership"),
    "story": _l("Story"),
    "source": _l("Data source"),
    "event": _l("Event"),
    "opportunity": _l("Opportunity"),
    "country": _l("Country"),
    "community": _l("Community"),
}
FACET_LABELS = {
    "kind": _l("Kind"),
    "country": _l("Country"),
    "theme": _l("Theme"),
    "type": _l("Organization type"),
    "year": _l("Year published"),
}
MATCHED_LABELS = {
    "title": _l("title"),
    "text": _l("text"),
    "organization": _l("organization"),
    "countries": _l("countries"),
    "themes": _l("themes"),
}
SORTS = {"relevance": _l("Relevance"), "newest": _l("Newest first")}
# Where each kind of result lives; a kind whose page is not built yet is shown without a link.
ENDPOINTS = {
    "organization": ("orgs.detail", "slug"),
    "action": ("actions.detail", "slug"),
    "partnership": ("partnerships.detail", "slug"),
    "story": ("stories.detail", "slug"),
    "source": ("sources.detail", "slug"),
    "event": ("events.detail", "slug"),
    "opportunity": ("opportunities.detail", "slug"),
    "country": ("places.country", "code"),
    "community": ("places.community", "pair"),
}
FACET_LIMIT = 12


@bp.before_app_request
def _start_drainer():
    search.engine().start(current_app._get_current_object())


def hit_url(hit: search.Hit) -> str | None:
    endpoint, arg = ENDPOINTS[hit.kind]
    return url_if(endpoint, **{arg: hit.ref})


def facet_label(facet: str, value: str) -> str:
    """The words shown for a facet value, in the interface language."""
    if facet == "kind":
        return str(KIND_LABELS.get(value, value))
    if facet == "theme":
        return vocabulary.label(vocabulary.THEMES, value)
    if facet == "type":
        return vocabulary.label(vocabulary.ORGANIZATION_TYPES, value)
    if facet == "country":
        return search.country_name(value, str(get_locale() or "en"))
    return value


def _args(**changes) -> dict:
    """The current query string as a dict of lists, with `changes` applied and paging reset."""
    args = {key: request.args.getlist(key) for key in request.args if key not in ("page", "lang")}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return args


def toggle_url(facet: str, value: str) -> str:
    """The search with `value` added to or removed from the `facet` filter."""
    current = request.args.getlist(facet)
    chosen = [v for v in current if v != value] if value in current else [*current, value]
    return url_for("search.search", **_args(**{facet: chosen or None}))


def page_url(page: int) -> str:
    return url_for("search.search", **_args(), page=page)


def partner_filter(wanted: str) -> list[str] | None:
    """The documents of the records looking for partners ("any" or a role), or None for no filter."""
    if wanted not in dict(SEEKING_CHOICES) or not wanted or not has_endpoint("offers.index"):
        return None
    from hub.offers.services import open_call_uids

    return open_call_uids(wanted)


@bp.get("/search", endpoint="search")
@cached_page(extra=lambda: search.engine().position())
def search_page():
    """Search everything: organizations, actions, partnerships, stories, sources and places."""
    text = request.args.get("q", "").strip()[:500]
    filters = {facet: request.args.getlist(facet) for facet in search.FACETS}
    sort = request.args.get("sort", "relevance")
    only = partner_filter(request.args.get("partners", ""))
    results = None
    if text or any(filters.values()) or only is not None:
        results = search.engine().search(
            text, filters, sort=sort, page=page_number(), per_page=current_app.config["PAGE_SIZE"],
            locale=str(get_locale() or "en"), correct=not request.args.get("exact"), only=only,
        )
    status = 503 if results is not None and not results.available else 200
    return render_template(
        "search/search.html", q=text, results=results, sorts=SORTS, facet_labels=FACET_LABELS,
        kind_labels=KIND_LABELS, matched_labels=MATCHED_LABELS, facet_limit=FACET_LIMIT,
        hit_url=hit_url, facet_label=facet_label, toggle_url=toggle_url, page_url=page_url,
        sort_url=lambda s: url_for("search.search", **_args(sort=s)), partner_choices=SEEKING_CHOICES,
    ), status


@bp.get("/search/help")
@cached_page()
def help():  # noqa: A001 - the page is called help
    """How to search: words, phrases, field filters and the facets."""
    return render_template("search/help.html", kind_labels=KIND_LABELS)
