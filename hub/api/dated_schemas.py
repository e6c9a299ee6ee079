"""Schemas of events and opportunities in the API: query strings, records, and what a token may post.

Times go out as RFC 3339 UTC instants with the event's IANA zone and its local wall-clock times
beside them; they come in as local date-times in the given zone, checked as the web form checks them.
"""

from __future__ import annotations

from datetime import date, datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, validate, validates_schema

from hub.api.schemas import (
    ISO3,
    MAX_BUDGET,
    TEXT_QUERY,
    CountryRef,
    ImageOf,
    OrganizationRef,
    PageArgs,
    UtcDateTime,
    _choice,
    _countries,
    _doc,
    _themes,
    _url,
)
from hub.modeling import utcnow
from hub.taxonomy.vocabulary import (
    CONTENT_LANGUAGES,
    EVENT_FORMATS,
    EVENT_STATUSES,
    OPPORTUNITY_KINDS,
    ORGANIZATION_TYPES,
    SPOKEN_LANGUAGES,
    THEMES,
    codes,
)
from hub.timezones import in_gap, is_zone, to_utc

MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="Expected a month as YYYY-MM.")


class EventArgs(PageArgs):
    when = fields.Str(load_default="upcoming", validate=validate.OneOf(["upcoming", "past", "all"]),
                      **_doc("Upcoming (not yet over, soonest first), past (most recent first) or all."))
    theme = _choice(THEMES, "Theme slug.")
    country = fields.Str(validate=ISO3, **_doc("Country concerned or of the venue (ISO3)."))
    format = _choice(EVENT_FORMATS, "Format.")
    month = fields.Str(validate=MONTH, **_doc("Running at some time in this month (YYYY-MM)."))
    language = _choice(SPOKEN_LANGUAGES, "Language spoken (ISO 639-1).")
    org = fields.Str(validate=TEXT_QUERY, **_doc("Slug of the organizer or a confirmed co-organizer."))


class OpportunityArgs(PageArgs):
    status = fields.Str(load_default="open", validate=validate.OneOf(["open", "closed", "all"]),
                        **_doc("Open (deadline ahead, soonest first), closed, or all."))
    kind = _choice(OPPORTUNITY_KINDS, "Kind of opportunity.")
    theme = _choice(THEMES, "Theme slug.")
    country = fields.Str(validate=ISO3, **_doc("Country concerned (ISO3)."))
    based_in = fields.Str(validate=ISO3, **_doc("Open to organizations based in this country (ISO3)."))
    language = _choice(SPOKEN_LANGUAGES, "Language applications are accepted in.")
    org = fields.Str(validate=TEXT_QUERY, **_doc("Slug of the publishing organization."))

    @post_load
    def _upper_based_in(self, data, **_kw):
        if "based_in" in data:
            data["based_in"] = data["based_in"].upper()
        return data


def _local(attr: str):
    return fields.Function(lambda o: (getattr(o, attr).replace(tzinfo=None).isoformat()
                                      if getattr(o, attr) is not None else None),
                           required=True, allow_none=True,
                           metadata={"type": "string", "description": "Wall-clock time in `timezone`."})


class Event(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    summary = fields.Str(required=True)
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    format = fields.Str(required=True)
    status = fields.Str(required=True)
    status_note = fields.Str(required=True)
    starts_at = UtcDateTime(required=True)
    ends_at = UtcDateTime(required=True, metadata={"description": "Exclusive end (midnight after an all-day event)."})
    timezone = fields.Str(required=True, metadata={"description": "IANA time zone of the event."})
    local_start = _local("local_start")
    local_end = _local("local_end")
    all_day = fields.Bool(required=True)
    venue = fields.Str(required=True)
    city = fields.Str(required=True)
    venue_country = fields.Nested(CountryRef, allow_none=True, required=True)
    join_url = fields.Str(required=True)
    languages = fields.List(fields.Str(), required=True, attribute="language_codes")
    language = fields.Str(required=True)
    image = ImageOf()
    organization = fields.Nested(OrganizationRef, required=True)
    co_organizers = fields.List(fields.Nested(OrganizationRef), required=True, attribute="public_organizers")
    countries = _countries()
    themes = _themes()
    sdgs = fields.Function(lambda e: [g.id for g in e.sdgs], required=True,
                           metadata={"type": "array", "items": {"type": "integer"}})
    published_at = UtcDateTime(allow_none=True, required=True)
    updated_at = UtcDateTime(allow_none=True, required=True)
    sequence = fields.Function(lambda e: max(e.version - 1, 0), required=True,
                               metadata={"type": "integer", "description": "iCalendar SEQUENCE."})
    html_url = _url("events.detail")
    ics_url = _url("events.ics")
    api_url = _url("api.v1.event")


class Opportunity(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    kind = fields.Str(required=True)
    summary = fields.Str(required=True)
    description = fields.Str(required=True, metadata={"description": "Markdown."})
    eligibility = fields.Str(required=True, metadata={"description": "Markdown."})
    eligible_org_types = fields.List(fields.Str(), required=True, attribute="org_type_codes")
    residence_countries = _countries()
    heritage_countries = _countries()
    countries = _countries()
    themes = _themes()
    amount = fields.Float(allow_none=True, required=True)
    currency = fields.Str(required=True)
    support = fields.Str(required=True)
    opens_at = UtcDateTime(allow_none=True, required=True)
    closes_at = UtcDateTime(required=True)
    timezone = fields.Str(required=True)
    local_closes = _local("local_closes")
    is_open = fields.Function(lambda o: o.closes_at > utcnow(), required=True,
                              metadata={"type": "boolean", "description": "The deadline is ahead, by the clock now."})
    apply_url = fields.Str(required=True)
    apply_email = fields.Str(required=True)
    languages = fields.List(fields.Str(), required=True, attribute="language_codes")
    language = fields.Str(required=True)
    organization = fields.Nested(OrganizationRef, required=True)
    published_at = UtcDateTime(allow_none=True, required=True)
    updated_at = UtcDateTime(allow_none=True, required=True)
    html_url = _url("opportunities.detail")
    api_url = _url("api.v1.opportunity")


# --- Write API ---------------------------------------------------------------------------------


def _zone(value: str) -> None:
    if not is_zone(value):
        raise ValidationError("Unknown IANA time zone, e.g. America/New_York.")


def _instant(data: dict, name: str, zone: str):
    """A local date-time (or date) field as a UTC instant; a ValidationError naming the field."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise ValidationError("Give the local time without an offset; the zone is `timezone`.", name)
        if in_gap(value.date(), value.time(), zone):
            raise ValidationError(f"This time does not exist in {zone} (the clocks jump forward).", name)
        return to_utc(value.date(), value.time(), zone)
    return to_utc(value, None, zone)


class _Input(Schema):
    class Meta:
        unknown = EXCLUDE

    title = fields.Str(required=True, validate=validate.Length(3, 200))
    summary = fields.Str(required=True, validate=validate.Length(10, 500))
    description = fields.Str(load_default="", validate=validate.Length(max=20_000))
    language = fields.Str(load_default="en", validate=validate.OneOf(codes(CONTENT_LANGUAGES)))
    timezone = fields.Str(required=True, validate=_zone)
    languages = fields.List(fields.Str(validate=validate.OneOf(codes(SPOKEN_LANGUAGES))), load_default=list)
    countries = fields.List(fields.Str(validate=ISO3), load_default=list)
    themes = fields.List(fields.Str(validate=validate.OneOf(codes(THEMES))), load_default=list)
    submit = fields.Bool(load_default=True, metadata={"description": "Submit for review (default) or keep a draft."})

    COUNTRY_LISTS = ("countries",)

    @post_load
    def _codes(self, data, **_kw):
        for name in self.COUNTRY_LISTS:
            data[name] = [code.upper() for code in data.get(name, [])]
        data["languages"] = ",".join(dict.fromkeys(data["languages"]))
        return data


class EventInput(_Input):
    """A new event; it is submitted for review at once unless `submit` is false."""

    format = fields.Str(load_default="online", validate=validate.OneOf(codes(EVENT_FORMATS)))
    start = fields.Raw(required=True, metadata={"type": "string", "description":
                       "Local date-time in `timezone` (2030-03-12T10:00), or a date for an all-day event."})
    end = fields.Raw(required=True, metadata={"type": "string", "description": "Local date-time, or the last day."})
    all_day = fields.Bool(load_default=False)
    venue = fields.Str(load_default="", validate=validate.Length(max=200))
    city = fields.Str(load_default="", validate=validate.Length(max=120))
    venue_country = fields.Str(load_default=None, allow_none=True, validate=ISO3)
    join_url = fields.Url(load_default=None, allow_none=True, schemes={"http", "https"},
                          validate=validate.Length(max=500))
    status = fields.Str(load_default="scheduled", validate=validate.OneOf(codes(EVENT_STATUSES)))
    status_note = fields.Str(load_default="", validate=validate.Length(max=500))
    sdgs = fields.List(fields.Int(validate=validate.Range(1, 17)), load_default=list)

    @validates_schema
    def _times(self, data, **_kw):
        if not is_zone(data.get("timezone")):
            return
        kind = date if data.get("all_day") else datetime
        for name in ("start", "end"):
            try:
                value = (date.fromisoformat if kind is date else datetime.fromisoformat)(str(data[name]))
            except (KeyError, ValueError):
                raise ValidationError("Expected an ISO 8601 date." if kind is date else
                                      "Expected an ISO 8601 local date-time such as 2030-03-12T10:00.", name) from None
            data[name] = value
        start, end = _instant(data, "start", data["timezone"]), _instant(data, "end", data["timezone"])
        if data.get("all_day"):
            end = to_utc(date.fromordinal(data["end"].toordinal() + 1), None, data["timezone"])
        if end < start:
            raise ValidationError("The event cannot end before it starts.", "end")
        if data.get("format") in ("in-person", "hybrid") and not data.get("venue_country"):
            raise ValidationError("An in-person or hybrid event needs the country of its venue.", "venue_country")
        data["starts_at"], data["ends_at"] = start, end

    @post_load
    def _shape(self, data, **_kw):
        data.pop("start"), data.pop("end")
        data["join_url"] = data["join_url"] or ""
        data["venue_country_iso3"] = (data.pop("venue_country") or "").upper() or None
        return data


class OpportunityInput(_Input):
    """A new call; it is submitted for review at once unless `submit` is false."""

    COUNTRY_LISTS = ("countries", "residence_countries", "heritage_countries")

    kind = fields.Str(load_default="call-for-proposals", validate=validate.OneOf(codes(OPPORTUNITY_KINDS)))
    eligibility = fields.Str(load_default="", validate=validate.Length(max=5000))
    eligible_org_types = fields.List(fields.Str(validate=validate.OneOf(codes(ORGANIZATION_TYPES))),
                                     load_default=list)
    residence_countries = fields.List(fields.Str(validate=ISO3), load_default=list)
    heritage_countries = fields.List(fields.Str(validate=ISO3), load_default=list)
    amount = fields.Decimal(load_default=None, allow_none=True, places=2,
                            metadata={"minimum": 0, "maximum": MAX_BUDGET})
    currency = fields.Str(load_default="", validate=validate.Regexp(r"^([A-Z]{3})?$"))
    support = fields.Str(load_default="", validate=validate.Length(max=300))
    opens = fields.NaiveDateTime(load_default=None, allow_none=True,
                                 metadata={"description": "Local date-time in `timezone`."})
    closes = fields.NaiveDateTime(required=True, metadata={"description": "Deadline, local date-time in `timezone`."})
    apply_url = fields.Url(load_default=None, allow_none=True, schemes={"http", "https"},
                           validate=validate.Length(max=500))
    apply_email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))

    @validates_schema
    def _deadline(self, data, **_kw):
        if not is_zone(data.get("timezone")) or "closes" not in data:
            return
        closes, opens = _instant(data, "closes", data["timezone"]), _instant(data, "opens", data["timezone"])
        if closes <= utcnow():
            raise ValidationError("The deadline has already passed.", "closes")
        if opens is not None and closes < opens:
            raise ValidationError("The call cannot close before it opens.", "closes")
        if not data.get("apply_url") and not data.get("apply_email"):
            raise ValidationError("Give apply_url, apply_email or both.", "apply_url")
        if data.get("amount") is not None and not 0 <= data["amount"] <= MAX_BUDGET:
            raise ValidationError(f"The amount must be between 0 and {MAX_BUDGET}.", "amount")
        if data.get("amount") is not None and not data.get("currency"):
            raise ValidationError("Give the currency of the amount.", "currency")
        data["closes_at"], data["opens_at"] = closes, opens

    @post_load
    def _shape(self, data, **_kw):
        data.pop("closes"), data.pop("opens")
        data["apply_url"], data["apply_email"] = data["apply_url"] or "", data["apply_email"] or ""
        data["eligible_org_types"] = ",".join(dict.fromkeys(data["eligible_org_types"]))
        return data


class Created(Schema):
    slug = fields.Str(required=True)
    title = fields.Str(required=True)
    review_state = fields.Str(required=True)
    organization = fields.Nested(OrganizationRef, required=True)


class EventCreated(Created):
    html_url = _url("events.detail")


class OpportunityCreated(Created):
    html_url = _url("opportunities.detail")
