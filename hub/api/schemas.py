"""Marshmallow schemas of the API: what each query accepts, what each response holds.

The same classes validate requests, shape responses and generate the OpenAPI document
(hub.api.openapi), so the document cannot drift from the code.
"""

from __future__ import annotations

from datetime import UTC

from flask import url_for
from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate, validates_schema

from hub.pagination import MAX_PAGE
from hub.partnerships.services import LIGHTS
from hub.search import FACETS, KINDS
from hub.taxonomy.vocabulary import (
    ACTION_KINDS,
    ACTIVITY_STATUSES,
    CONTENT_LANGUAGES,
    ORGANIZATION_TYPES,
    PARTNER_ROLES,
    SOURCE_ACCESS,
    SOURCE_KINDS,
    THEMES,
    codes,
)

MAX_PER_PAGE = 100
MAX_BUDGET = 10**12
ISO3 = validate.Regexp(r"^[A-Za-z]{3}$", error="Expected a three-letter ISO 3166 alpha-3 code.")


def printable(value: str) -> None:
    """No control characters (PostgreSQL refuses NUL in text; none belongs in a filter)."""
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValidationError("Control characters are not allowed.")


TEXT_QUERY = [validate.Length(max=200), printable]


class UtcDateTime(fields.DateTime):
    """An RFC 3339 date-time with its offset; naive values (SQLite gives those back) are UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _doc(description: str, **extra) -> dict:
    return {"metadata": {"description": description, **extra}}


# --- Query parameters --------------------------------------------------------------------------


class QueryArgs(Schema):
    """Base of every query-string schema: unknown parameters are ignored, as on the pages."""

    class Meta:
        unknown = EXCLUDE

    @post_load
    def _upper_codes(self, data, **_kw):
        for name in ("country", "origin", "residence", "region"):
            if name in data and name != "region":
                data[name] = data[name].upper()
        return data


class PageArgs(QueryArgs):
    page = fields.Int(load_default=1, validate=validate.Range(1, MAX_PAGE), **_doc("Page number, from 1."))
    per_page = fields.Int(load_default=20, validate=validate.Range(1, MAX_PER_PAGE),
                          **_doc(f"Items per page, 1 to {MAX_PER_PAGE}."))


def _choice(choices, description: str) -> fields.Str:
    return fields.Str(validate=validate.OneOf(codes(choices)), **_doc(description))


def _sort(options: list[str], default: str) -> fields.Str:
    return fields.Str(load_default=default, validate=validate.OneOf(options), **_doc("Sort order."))


class OrganizationArgs(PageArgs):
    q = fields.Str(validate=TEXT_QUERY, **_doc("Name contains."))
    org_type = _choice(ORGANIZATION_TYPES, "Organization type.")
    country = fields.Str(validate=ISO3, **_doc("Headquarters, heritage or operation country (ISO3)."))
    theme = _choice(THEMES, "Theme slug.")
    sort = _sort(["name", "updated"], "name")


class ActionArgs(PageArgs):
    theme = _choice(THEMES, "Theme slug.")
    origin = fields.Str(validate=ISO3, **_doc("Country of origin (ISO3)."))
    country = fields.Str(validate=ISO3, **_doc("Country of implementation (ISO3)."))
    status = _choice(ACTIVITY_STATUSES, "Status.")
    org_type = _choice(ORGANIZATION_TYPES, "Type of the organization.")
    year = fields.Int(validate=validate.Range(1900, 2100), **_doc("Active at some time during this year."))
    sort = _sort(["newest", "updated", "title"], "newest")


class PartnershipArgs(PageArgs):
    q = fields.Str(validate=TEXT_QUERY, **_doc("Title contains."))
    theme = _choice(THEMES, "Theme slug.")
    country = fields.Str(validate=ISO3, **_doc("Country (ISO3)."))
    partner_type = _choice(ORGANIZATION_TYPES, "Type of the lead or a confirmed partner.")
    role = _choice(PARTNER_ROLES, "Role of a confirmed partner.")
    status = _choice(ACTIVITY_STATUSES, "Status.")
    freshness = fields.Str(validate=validate.OneOf(list(LIGHTS)), **_doc("Freshness light of progress reports."))
    sort = _sort(["updated", "newest", "title"], "updated")


class StoryArgs(PageArgs):
    q = fields.Str(validate=TEXT_QUERY, **_doc("Title contains."))
    theme = _choice(THEMES, "Theme slug.")
    country = fields.Str(validate=ISO3, **_doc("Country (ISO3)."))
    org_type = _choice(ORGANIZATION_TYPES, "Type of the organization.")
    language = _choice(CONTENT_LANGUAGES, "Language of the story.")
    sort = _sort(["newest", "updated", "title"], "newest")


class SourceArgs(PageArgs):
    q = fields.Str(validate=TEXT_QUERY, **_doc("Title, other name or publisher contains."))
    kind = _choice(SOURCE_KINDS, "Kind of source.")
    country = fields.Str(validate=ISO3, **_doc("Country covered (ISO3)."))
    scope = fields.Str(validate=validate.OneOf(["wider", "listed"]),
                       **_doc("With country: 'listed' only sources listing it; 'wider' (default) also its "
                              "region and worldwide sources."))
    year_from = fields.Int(validate=validate.Range(1800, 2100), **_doc("Covers a year from."))
    year_to = fields.Int(validate=validate.Range(1800, 2100), **_doc("Covers a year up to."))
    theme = _choice(THEMES, "Theme slug.")
    access = _choice(SOURCE_ACCESS, "Access.")
    publisher = fields.Str(validate=[validate.Length(max=200), printable], **_doc("Publisher, exactly."))
    sort = _sort(["title", "updated", "newest", "years"], "title")


class CountryArgs(PageArgs):
    q = fields.Str(validate=TEXT_QUERY, **_doc("Name (English, French, Spanish) or code contains."))
    region = fields.Str(validate=[validate.Length(max=60), printable], **_doc("UN M49 region, exactly (e.g. Africa)."))
    sort = _sort(["name", "iso3"], "name")


class CommunityArgs(PageArgs):
    origin = fields.Str(validate=ISO3, **_doc("Country of origin (ISO3)."))
    residence = fields.Str(validate=ISO3, **_doc("Country of residence (ISO3)."))


class SearchArgs(PageArgs):
    q = fields.Str(load_default="", validate=[validate.Length(max=500), printable],
                   **_doc("Search words, as on /search."))
    kind = fields.List(fields.Str(validate=validate.OneOf(KINDS)), **_doc("Kind of record (repeatable)."))
    country = fields.List(fields.Str(validate=[validate.Length(max=60), printable]), **_doc("Country (repeatable)."))
    theme = fields.List(fields.Str(validate=[validate.Length(max=40), printable]), **_doc("Theme slug (repeatable)."))
    type = fields.List(fields.Str(validate=[validate.Length(max=40), printable]),
                       **_doc("Organization type (repeatable)."))
    year = fields.List(fields.Str(validate=[validate.Length(max=4), printable]), **_doc("Year published (repeatable)."))
    sort = _sort(["relevance", "newest"], "relevance")
    exact = fields.Bool(load_default=False, **_doc("Search the words as typed, without showing the results of "
                                                    "a better spelling when they find nothing."))

    @post_load
    def _upper_codes(self, data, **_kw):  # country here is a name or a code, as on /search
        return data


SEARCH_LIST_FIELDS = FACETS


# --- Shared pieces of responses ----------------------------------------------------------------


def _url(endpoint: str, key: str = "slug", attr: str = "slug") -> fields.Function:
    """The absolute address of the record's page or API item."""
    return fields.Function(lambda o: url_for(endpoint, **{key: getattr(o, attr)}, _external=True),
                           required=True, metadata={"type": "string", "format": "uri"})


class Shown(fields.Nested):
    """A nested record, or null when the public may not see it."""

    def __init__(self, nested, keep, **kwargs):
        super().__init__(nested, allow_none=True, required=True, **kwargs)
        self.keep = keep

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        return super()._serialize(nested_obj if nested_obj is not None and self.keep(nested_obj) else None,
                                  attr, obj, **kwargs)


class ShownList(fields.List):
    """A list of nested records, without those the public may not see."""

    def __init__(self, nested, keep, **kwargs):
        super().__init__(fields.Nested(nested), required=True, **kwargs)
        self.keep = keep

    def _serialize(self, value, attr, obj, **kwargs):
        return super()._serialize([v for v in value or () if self.keep(v)], attr, obj, **kwargs)


def _is_verified(org) -> bool:
    return org.verification == "verified"


def _is_public(record) -> bool:
    """Anyone may see the record: published, and its owner (if any) verified."""
    owner = getattr(record, "organization", None) or getattr(record, "lead_organization", None)
    return record.review_state == "published" and (owner is None or _is_verified(owner))


class CountryRef(Schema):
    iso3 = fields.Str(required=True)
    name = fields.Str(required=True)


class ThemeRef(Schema):
    slug = fields.Str(required=True)
    name = fields.Str(required=True)


class OrganizationRef(Schema):
    slug = fields.Str(required=True)
    name = fields.Str(required=True)
    api_url = _url("api.v1.organization")


class Links(Schema):
    self = fields.Str(required=True)
    first = fields.Str(required=True)
    last = fields.Str(required=True)
    next = fields.Str(required=True, allow_none=True)
    prev = fields.Str(required=True, allow_none=True)


class ErrorBody(Schema):
    code = fields.Int(required=True)
    title = fields.Str(required=True)
    message = fields.Str(required=True)
    fields = fields.Dict(keys=fields.Str(), metadata={"description": "Messages by field, for invalid input."})


class Error(Schema):
    error = fields.Nested(ErrorBody, required=True)


def _countries(attr: str | None = None):
    return fields.List(fields.Nested(CountryRef), required=True, attribute=attr)


def _themes():
    return fields.List(fields.Nested(ThemeRef), required=True)


class Dates:
    published_at = UtcDateTime(allow_none=True, required=True)
    updated_at = UtcDateTime(allow_none=True, required=True)


# --- Records -----------------------------------------------------------------------------------


class Organization(Schema):
    slug = fields.Str(required=True)
    name = fields.Str(required=True)
    acronym = fields.Str(required=True)
    type = fields.Str(required=True, attribute="org_type")
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    website = fields.Str(required=True)
    founded_year = fields.Int(allow_none=True, required=True)
    language = fields.Str(required=True)
    hq_country = fields.Nested(CountryRef, allow_none=True, required=True)
    heritage_countries = _countries()
    operation_countries = _countries()
    themes = _themes()
    verified_at = UtcDateTime(allow_none=True, required=True)
    last_confirmed_at = UtcDateTime(allow_none=True, required=True)
    created_at = UtcDateTime(allow_none=True, required=True)
    updated_at = UtcDateTime(allow_none=True, required=True)
    html_url = _url("orgs.detail")
    api_url = _url("api.v1.organization")


class Result(Schema):
    indicator = fields.Str(required=True)
    baseline = fields.Str(required=True)
    target = fields.Str(required=True)
    achieved = fields.Str(required=True)


class Link(Schema):
    label = fields.Str(required=True)
    url = fields.Str(required=True)


class Image(Schema):
    url = fields.Str(required=True, metadata={"format": "uri"})
    alt = fields.Str(required=True, metadata={"description": "Text alternative, as on the page."})
    credit = fields.Str(required=True)


class ImageOf(fields.Nested):
    """The record's uploaded image (absolute address, alt text, credit), or null when it has none."""

    def __init__(self, **kwargs):
        super().__init__(Image, allow_none=True, required=True, **kwargs)

    def serialize(self, attr, obj, accessor=None, **kwargs):
        name = getattr(obj, "image", "")
        if not name:
            return None
        return {"url": url_for("images.media", name=name, _external=True), "alt": obj.image_alt or "",
                "credit": getattr(obj, "image_credit", "") or ""}


class Action(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    kind = fields.Str(required=True)
    summary = fields.Str(required=True)
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    status = fields.Str(required=True)
    start_date = fields.Date(allow_none=True, required=True)
    end_date = fields.Date(allow_none=True, required=True)
    budget = fields.Float(allow_none=True, required=True,
                          metadata={"description": "Amount in `currency`, a JSON number (two decimals at most)."})
    currency = fields.Str(required=True)
    beneficiaries = fields.Str(required=True)
    language = fields.Str(required=True)
    image = ImageOf()
    organization = fields.Nested(OrganizationRef, required=True)
    origin_countries = _countries()
    implementation_countries = _countries()
    themes = _themes()
    sdgs = fields.Function(lambda a: [g.id for g in a.sdgs], required=True,
                           metadata={"type": "array", "items": {"type": "integer"}})
    partners = fields.List(fields.Nested(OrganizationRef), required=True, attribute="public_partners",
                           metadata={"description": "Verified partner organizations, as on the page."})
    results = fields.List(fields.Nested(Result), required=True)
    links = fields.List(fields.Nested(Link), required=True)
    featured = fields.Bool(required=True)
    published_at = Dates.published_at
    updated_at = Dates.updated_at
    html_url = _url("actions.detail")
    api_url = _url("api.v1.action")


class Partner(Schema):
    organization = fields.Nested(OrganizationRef, required=True)
    role = fields.Str(required=True)


class Partnership(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    summary = fields.Str(required=True)
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    status = fields.Str(required=True)
    start_date = fields.Date(allow_none=True, required=True)
    end_date = fields.Date(allow_none=True, required=True)
    language = fields.Str(required=True)
    lead_organization = fields.Nested(OrganizationRef, required=True)
    partners = fields.List(fields.Nested(Partner), required=True, attribute="public_partners",
                           metadata={"description": "Confirmed, verified partners, as on the page."})
    countries = _countries()
    themes = _themes()
    sdgs = fields.Function(lambda a: [g.id for g in a.sdgs], required=True,
                           metadata={"type": "array", "items": {"type": "integer"}})
    last_report_on = fields.Date(allow_none=True, required=True)
    freshness = fields.Function(lambda p: _freshness(p.last_report_on), required=True,
                                metadata={"type": "string", "enum": list(LIGHTS)})
    published_at = Dates.published_at
    updated_at = Dates.updated_at
    html_url = _url("partnerships.detail")
    api_url = _url("api.v1.partnership")


def _freshness(last_report_on) -> str:
    from hub.partnerships.services import freshness

    return freshness(last_report_on).code


class RecordRef(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)


class Story(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    summary = fields.Str(required=True)
    body = fields.Str(required=True, metadata={"description": "Markdown."})
    language = fields.Str(required=True)
    organization = fields.Nested(OrganizationRef, required=True)
    action = Shown(RecordRef, _is_public)
    partnership = Shown(RecordRef, _is_public)
    countries = _countries()
    themes = _themes()
    image_credit = fields.Str(required=True)
    image = ImageOf()
    source_url = fields.Str(required=True)
    published_at = Dates.published_at
    updated_at = Dates.updated_at
    html_url = _url("stories.detail")
    api_url = _url("api.v1.story")


class SourceDate(fields.Str):
    """A source's own date as the catalogue records it, or null when it does not."""

    def _serialize(self, value, attr, obj, **kwargs):
        return value or None


def _source_date(description: str) -> SourceDate:
    return SourceDate(required=True, allow_none=True, validate=validate.Regexp(r"^\d{4}(-\d{2}(-\d{2})?)?$"),
                      metadata={"description": description})


class Source(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    other_names = fields.List(fields.Str(), attribute="other_name_list", required=True,
                              metadata={"description": "Acronyms and other names the source is known by."})
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    publisher = fields.Str(required=True)
    kind = fields.Str(required=True)
    url = fields.Str(required=True, metadata={"description": "Where the source itself lives."})
    regions_covered = fields.Str(required=True)
    countries = _countries()
    years_from = fields.Int(allow_none=True, required=True)
    years_to = fields.Int(allow_none=True, required=True)
    themes = _themes()
    format = fields.Str(required=True)
    licence = fields.Str(required=True)
    languages = fields.Str(required=True)
    access = fields.Str(required=True)
    update_frequency = fields.Str(required=True)
    source_published = _source_date("When the source itself was published (YYYY, YYYY-MM or YYYY-MM-DD); "
                                    "null when the catalogue does not record it.")
    source_updated = _source_date("When the source itself was last updated; null when not recorded.")
    strengths_limitations = fields.Str(required=True)
    how_to_cite = fields.Str(required=True)
    organization = Shown(OrganizationRef, _is_verified)
    link_checked_at = UtcDateTime(allow_none=True, required=True)
    link_ok = fields.Bool(allow_none=True, required=True)
    created_at = UtcDateTime(required=True, metadata={"description": "When the hub record was created."})
    published_at = UtcDateTime(allow_none=True, required=True,
                               metadata={"description": "When the hub published the record (not the source's date)."})
    updated_at = UtcDateTime(allow_none=True, required=True,
                             metadata={"description": "When the hub record was last edited."})
    html_url = _url("sources.detail")
    api_url = _url("api.v1.source")


class Country(Schema):
    iso3 = fields.Str(required=True)
    iso2 = fields.Str(allow_none=True, required=True)
    m49 = fields.Int(required=True)
    name = fields.Str(required=True)
    name_fr = fields.Str(required=True)
    name_es = fields.Str(required=True)
    region = fields.Str(required=True)
    subregion = fields.Str(required=True)
    html_url = _url("places.country", "code", "iso3")
    api_url = _url("api.v1.country", "iso3", "iso3")


class Figure(Schema):
    """One published figure, with the edition it comes from."""

    year = fields.Int(required=True)
    migrants = fields.Int(required=True)
    edition = fields.Int(required=True)
    country = fields.Nested(CountryRef, required=True)


class TotalsRow(Schema):
    year = fields.Int(required=True)
    immigrants = fields.Int(allow_none=True, required=True)
    emigrants = fields.Int(allow_none=True, required=True)


class Totals(Schema):
    edition = fields.Int(allow_none=True, required=True)
    source = fields.Str(required=True)
    rows = fields.List(fields.Nested(TotalsRow), required=True)


class RemittanceSeriesBase(Schema):
    dataset = fields.Str(required=True)
    edition = fields.Str(required=True, metadata={"description": "Edition or vintage of the dataset."})
    indicator = fields.Str(allow_none=True, required=True,
                           metadata={"description": "Indicator code; null where the dataset has none (KNOMAD)."})
    unit = fields.Str(required=True, metadata={"description": "Unit of `value`: current US$."})
    source = fields.Str(required=True, metadata={"description": "Citation, as under the page's table."})


class ReceivedRow(Schema):
    year = fields.Int(required=True)
    value = fields.Int(required=True, metadata={"description": "Current US$, as the World Bank publishes it."})


class ReceivedSeries(RemittanceSeriesBase):
    rows = fields.List(fields.Nested(ReceivedRow), required=True,
                       metadata={"description": "The whole published series, oldest first."})


class Place(Schema):
    code = fields.Str(required=True, metadata={"description": "ISO3, or the source's own code (XKX)."})
    iso3 = fields.Str(allow_none=True, required=True,
                      metadata={"description": "Null for a place that is not a UN DESA country or area."})
    name = fields.Str(required=True, metadata={"description": "The hub's name, or the source's label."})
    has_page = fields.Bool(required=True, metadata={"description": "Whether the hub has a page for the place."})


class CorridorRemittanceRow(Schema):
    year = fields.Int(required=True)
    value = fields.Int(required=True, metadata={"description": "Current US$ (usd_million times a million)."})
    usd_million = fields.Float(required=True, metadata={"description": "US$ million as KNOMAD publishes it."})


class FlowRow(CorridorRemittanceRow):
    place = fields.Nested(Place, required=True)


class FlowTotal(Schema):
    value = fields.Int(required=True)
    usd_million = fields.Float(required=True)
    rows = fields.Int(required=True)


class FlowSeries(RemittanceSeriesBase):
    rows = fields.List(fields.Nested(FlowRow), required=True,
                       metadata={"description": "Every row, largest first, as in the page's full CSV."})
    total = fields.Nested(FlowTotal, required=True)


class CorridorRemittances(RemittanceSeriesBase):
    rows = fields.List(fields.Nested(CorridorRemittanceRow), required=True,
                       metadata={"description": "The KNOMAD 2017 estimate, or no row where it gives none."})


class CountryDetail(Country):
    totals = fields.Nested(Totals, required=True)
    remittances_received = fields.Nested(ReceivedSeries, required=True)
    remittances_by_sender = fields.Nested(
        FlowSeries, required=True, metadata={"description": "Where the remittances received are sent from."})
    remittances_by_recipient = fields.Nested(
        FlowSeries, required=True, metadata={"description": "Where migrants living here send money to."})
    diaspora = fields.List(fields.Nested(Figure), required=True,
                           metadata={"description": "Where people born here live, largest first (top 20)."})
    immigrants_by_origin = fields.List(fields.Nested(Figure), required=True,
                                       metadata={"description": "Where immigrants living here were born (top 20)."})


class Community(Schema):
    pair = fields.Str(required=True, metadata={"description": "ORIGIN-RESIDENCE, ISO3 codes."})
    origin = fields.Nested(CountryRef, required=True)
    residence = fields.Nested(CountryRef, required=True)
    year = fields.Int(required=True)
    migrants = fields.Int(required=True)
    edition = fields.Int(required=True, metadata={"description": "UN DESA edition the figure comes from."})
    source = fields.Str(required=True)
    html_url = fields.Str(required=True)
    api_url = fields.Str(required=True)


class CommunityPoint(Schema):
    year = fields.Int(required=True)
    migrants = fields.Int(required=True)
    male = fields.Int(allow_none=True, required=True)
    female = fields.Int(allow_none=True, required=True)
    share_of_origin = fields.Float(allow_none=True, required=True)
    share_of_destination = fields.Float(allow_none=True, required=True)


class CommunityDetail(Schema):
    pair = fields.Str(required=True)
    origin = fields.Nested(CountryRef, required=True)
    residence = fields.Nested(CountryRef, required=True)
    edition = fields.Int(allow_none=True, required=True)
    editions_listing = fields.List(fields.Int(), required=True)
    source = fields.Str(required=True)
    series = fields.List(fields.Nested(CommunityPoint), required=True)
    remittances = fields.Nested(CorridorRemittances, required=True)
    html_url = fields.Str(required=True)
    api_url = fields.Str(required=True)


class Theme(Schema):
    slug = fields.Str(required=True)
    name = fields.Str(required=True)
    api_url = _url("api.v1.theme")


class ThemeCounts(Schema):
    organizations = fields.Int(required=True)
    actions = fields.Int(required=True)
    partnerships = fields.Int(required=True)
    stories = fields.Int(required=True)
    sources = fields.Int(required=True)
    upcoming_events = fields.Int(required=True)
    open_opportunities = fields.Int(required=True)


class ThemeDetail(Theme):
    counts = fields.Nested(ThemeCounts, required=True)


class SearchHit(Schema):
    kind = fields.Str(required=True, validate=validate.OneOf(KINDS))
    ref = fields.Str(required=True, metadata={"description": "Slug, ISO3 or ORIGIN-RESIDENCE."})
    title = fields.Str(required=True)
    snippet = fields.Str(required=True)
    matched_in = fields.List(fields.Str(), required=True)
    organization = fields.Str(required=True)
    date = UtcDateTime(allow_none=True, required=True)
    language = fields.Str(required=True)
    html_url = fields.Str(allow_none=True, required=True)
    api_url = fields.Str(allow_none=True, required=True)


class FacetValue(Schema):
    value = fields.Str(required=True)
    count = fields.Int(required=True)
    selected = fields.Bool(required=True)


# --- Pages of results --------------------------------------------------------------------------


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """A Schema class for one page of `item`: items, total, paging links."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item), required=True),
        "page": fields.Int(required=True),
        "per_page": fields.Int(required=True),
        "total": fields.Int(required=True),
        "pages": fields.Int(required=True),
        "links": fields.Nested(Links, required=True),
    }, name=name)


class SearchPage(Schema):
    items = fields.List(fields.Nested(SearchHit), required=True)
    page = fields.Int(required=True)
    per_page = fields.Int(required=True)
    total = fields.Int(required=True)
    pages = fields.Int(required=True)
    links = fields.Nested(Links, required=True)
    facets = fields.Dict(keys=fields.Str(), values=fields.List(fields.Nested(FacetValue)), required=True)
    suggestion = fields.Str(allow_none=True, required=True)
    corrected_from = fields.Str(allow_none=True, required=True)
    searched_for = fields.Str(required=True)


# --- Write API ---------------------------------------------------------------------------------


class ResultInput(Schema):
    class Meta:
        unknown = EXCLUDE

    indicator = fields.Str(required=True, validate=validate.Length(1, 200))
    baseline = fields.Str(load_default="", validate=validate.Length(max=80))
    target = fields.Str(load_default="", validate=validate.Length(max=80))
    achieved = fields.Str(load_default="", validate=validate.Length(max=80))


class LinkInput(Schema):
    class Meta:
        unknown = EXCLUDE

    label = fields.Str(load_default="", validate=validate.Length(max=200))
    url = fields.Url(required=True, schemes={"http", "https"}, validate=validate.Length(max=500))


class ActionInput(Schema):
    """A new action; it is submitted for review at once unless `submit` is false."""

    class Meta:
        unknown = EXCLUDE

    title = fields.Str(required=True, validate=validate.Length(3, 200))
    kind = fields.Str(load_default="project", validate=validate.OneOf(codes(ACTION_KINDS)))
    summary = fields.Str(required=True, validate=validate.Length(10, 500))
    description = fields.Str(load_default="", validate=validate.Length(max=20_000),
                             metadata={"description": "Markdown."})
    status = fields.Str(load_default="ongoing", validate=validate.OneOf(codes(ACTIVITY_STATUSES)))
    start_date = fields.Date(load_default=None, allow_none=True)
    end_date = fields.Date(load_default=None, allow_none=True)
    budget = fields.Decimal(load_default=None, allow_none=True, places=2,
                            metadata={"minimum": 0, "maximum": MAX_BUDGET})
    currency = fields.Str(load_default="", validate=validate.Regexp(r"^([A-Z]{3})?$"))
    beneficiaries = fields.Str(load_default="", validate=validate.Length(max=300))
    language = fields.Str(load_default="en", validate=validate.OneOf(codes(CONTENT_LANGUAGES)))
    origin_countries = fields.List(fields.Str(validate=ISO3), load_default=list)
    implementation_countries = fields.List(fields.Str(validate=ISO3), load_default=list)
    themes = fields.List(fields.Str(validate=validate.OneOf(codes(THEMES))), load_default=list)
    sdgs = fields.List(fields.Int(validate=validate.Range(1, 17)), load_default=list)
    results = fields.List(fields.Nested(ResultInput), load_default=list, validate=validate.Length(max=20))
    links = fields.List(fields.Nested(LinkInput), load_default=list, validate=validate.Length(max=20))
    submit = fields.Bool(load_default=True, metadata={"description": "Submit for review (default) or keep a draft."})

    @validates_schema
    def _budget_in_range(self, data, **_kw):
        budget = data.get("budget")
        if budget is not None and not 0 <= budget <= MAX_BUDGET:
            raise ValidationError(f"The budget must be between 0 and {MAX_BUDGET}.", "budget")

    @validates_schema
    def _dates_ordered(self, data, **_kw):
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            raise ValidationError("The end date is before the start date.", "end_date")

    @post_load
    def _normalize(self, data, **_kw):
        for name in ("origin_countries", "implementation_countries"):
            data[name] = [code.upper() for code in data[name]]
        return data


class ActionCreated(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    review_state = fields.Str(required=True)
    organization = fields.Nested(OrganizationRef, required=True)
    html_url = _url("actions.detail")
