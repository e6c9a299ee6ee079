"""Forms for events: the submission form with its time-zone checks, the list filters."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from hub.actions.forms import MultiCheckboxField, clean, partner_choices
from hub.images import ImageFile
from hub.orgs.forms import country_choices, http_url, options
from hub.taxonomy.vocabulary import (
    CONTENT_LANGUAGES,
    EVENT_FORMATS,
    EVENT_STATUSES,
    SDG_CHOICES,
    SPOKEN_LANGUAGES,
    THEMES,
)
from hub.timezones import GAP_MESSAGE, in_gap, is_zone, local, to_utc, zone_names


def zone_choices(blank=None) -> list:
    """Every IANA zone as a choice (the value is also its label: "Africa/Accra")."""
    return options([*([("", blank)] if blank else []), *((name, name.replace("_", " ")) for name in zone_names())])


class WhenMixin:
    """Date, time and zone fields with the checks every dated record needs (DST gap, order)."""

    def _instant(self, day_field, time_field, zone_name: str, all_day: bool = False) -> datetime | None:
        """The UTC instant of a date (and time) field pair; an error on the field if the time does not exist."""
        if day_field.data is None or day_field.errors or (time_field is not None and time_field.errors):
            return None
        clock = None if all_day or time_field is None else time_field.data
        if clock is not None and in_gap(day_field.data, clock, zone_name):
            target = time_field
            target.errors = [*target.errors, str(GAP_MESSAGE % {"zone": zone_name})]
            return None
        return to_utc(day_field.data, clock, zone_name)


class EventForm(WhenMixin, FlaskForm):
    """Everything an organization tells about an event it holds."""

    title = StringField(_l("Title"), filters=[clean], validators=[DataRequired(), Length(3, 200)])
    summary = TextAreaField(
        _l("Short summary"), filters=[clean],
        validators=[DataRequired(_l("Sum the event up in a sentence or two.")), Length(max=500)],
        description=_l("One or two sentences, shown in lists, calendars and search results."),
    )
    description = TextAreaField(
        _l("Description"), filters=[clean], validators=[Optional(), Length(max=20000)],
        description=_l("Programme, speakers, who should come. Markdown formatting is allowed."),
    )
    language = SelectField(_l("Language of this text"), choices=options(CONTENT_LANGUAGES), default="en")
    format = SelectField(_l("Format"), choices=options(EVENT_FORMATS), default="in-person")
    timezone = SelectField(
        _l("Time zone"), default="UTC",
        description=_l("The zone of the times you give, for example America/New_York or Africa/Accra."),
    )
    all_day = BooleanField(_l("All-day event (no start and end times)"))
    start_date = DateField(_l("Start date"), validators=[DataRequired(_l("Give the date the event starts."))])
    start_time = TimeField(_l("Start time"), validators=[Optional()], description=_l("For example 14:30."))
    end_date = DateField(_l("End date"), validators=[Optional()],
                         description=_l("Leave empty for an event that ends on the day it starts."))
    end_time = TimeField(_l("End time"), validators=[Optional()])
    venue = StringField(_l("Venue"), filters=[clean], validators=[Length(max=200)],
                        description=_l("For in-person and hybrid events: the building or address."))
    city = StringField(_l("City"), filters=[clean], validators=[Length(max=120)])
    venue_country = SelectField(_l("Country of the venue"), default="")
    join_url = URLField(
        _l("Join or registration link"), filters=[clean], validators=[Optional(), Length(max=500), http_url],
        description=_l("Where people register or join online; starts with https:// or http://."),
    )
    languages = MultiCheckboxField(_l("Languages spoken at the event"), choices=options(SPOKEN_LANGUAGES))
    countries = SelectMultipleField(
        _l("Countries concerned"),
        description=_l("Countries of heritage and residence of the diaspora concerned. "
                       "Hold Ctrl (or ⌘) to choose several."),
    )
    themes = MultiCheckboxField(_l("Themes"), choices=options(THEMES))
    sdgs = MultiCheckboxField(_l("Sustainable Development Goals"), coerce=int, choices=options(SDG_CHOICES))
    co_organizers = SelectMultipleField(
        _l("Co-organizers"), coerce=int,
        description=_l("Verified organizations on the hub; each one confirms before it is named in public."),
    )
    actions = SelectMultipleField(_l("Linked actions"), coerce=int)
    partnerships = SelectMultipleField(_l("Linked partnerships"), coerce=int)
    status = SelectField(_l("Status"), choices=options(EVENT_STATUSES), default="scheduled")
    status_note = StringField(
        _l("Note on the status"), filters=[clean], validators=[Length(max=500)],
        description=_l("Why the event was postponed or cancelled, or where to find the new date."),
    )
    image = FileField(_l("Image"), validators=[ImageFile()],
                      description=_l("PNG, JPEG or WebP, at most 2 MB. Leave empty to keep the current image."))
    image_alt = StringField(_l("Image description"), filters=[clean], validators=[Length(max=300)],
                            description=_l("What the image shows, for people who cannot see it."))
    remove_image = BooleanField(_l("Remove the current image"))
    version = HiddenField()

    def __init__(self, *args, organization_id=None, action_choices=(), partnership_choices=(), previous=None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.countries.choices = options(countries)
        self.venue_country.choices = options([("", _l("No venue (online)")), *countries])
        self.timezone.choices = zone_choices()
        self.co_organizers.choices = options(partner_choices(exclude=organization_id))
        self.actions.choices = options(action_choices)
        self.partnerships.choices = options(partnership_choices)
        self.previous = previous  # (starts_at, ends_at) of the saved event, for postponing
        self.starts_at = self.ends_at = None

    def validate_timezone(self, field) -> None:
        if not is_zone(field.data):
            raise ValidationError(_l("Choose a time zone from the list."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        zone_name = self.timezone.data if is_zone(self.timezone.data) else "UTC"
        all_day = bool(self.all_day.data)
        if not all_day and self.start_date.data and self.start_time.data is None and not self.start_time.errors:
            self.start_time.errors = [*self.start_time.errors,
                                      str(_l("Give the start time, or tick “All-day event”."))]
        self._shift_end_with_start(zone_name, all_day)
        starts = self._instant(self.start_date, self.start_time, zone_name, all_day)
        end_day = self.end_date.data or self.start_date.data
        ends = None
        if end_day is not None and not self.end_date.errors and not self.end_time.errors:
            if all_day:
                ends = to_utc(date.fromordinal(end_day.toordinal() + 1), None, zone_name)
            else:
                clock = self.end_time.data or (self.start_time.data if self.end_date.data is None else None)
                if clock is None:
                    self.end_time.errors = [*self.end_time.errors, str(_l("Give the end time."))]
                elif in_gap(end_day, clock, zone_name):
                    self.end_time.errors = [*self.end_time.errors, str(GAP_MESSAGE % {"zone": zone_name})]
                else:
                    ends = to_utc(end_day, clock, zone_name)
        if starts is not None and ends is not None and ends < starts:
            early_day = self.end_date.data and self.end_date.data < self.start_date.data
            target = self.end_date if early_day or all_day else self.end_time
            target.errors = [*target.errors, str(_l("The event cannot end before it starts."))]
            ends = None
        if self.format.data in ("in-person", "hybrid"):
            if not self.venue_country.data:
                self.venue_country.errors = [*self.venue_country.errors,
                                             str(_l("Give the country of the venue of an in-person or hybrid event."))]
            if not (self.venue.data or self.city.data):
                self.city.errors = [*self.city.errors, str(_l("Give the venue or at least the city."))]
        if self.format.data in ("online", "hybrid") and not self.join_url.data and not self.join_url.errors:
            self.join_url.errors = [*self.join_url.errors,
                                    str(_l("Give the link people join or register with for an online event."))]
        if getattr(self.image.data, "filename", "") and not self.image_alt.data:
            self.image_alt.errors = [*self.image_alt.errors, str(_l("Describe the image in a few words."))]
        self.starts_at, self.ends_at = starts, ends
        return valid and not any(f.errors for f in self) and starts is not None and ends is not None

    def _shift_end_with_start(self, zone_name: str, all_day: bool) -> None:
        """Postponing: when only the start moved, the end moves by the same amount."""
        if not self.previous or all_day or self.start_date.data is None or self.start_time.data is None:
            return
        old_start, old_end = (local(t, zone_name) for t in self.previous)
        same_end = (self.end_date.data in (None, old_end.date())
                    and self.end_time.data in (None, old_end.time().replace(tzinfo=None)))
        new_start = datetime.combine(self.start_date.data, self.start_time.data)
        moved = new_start - old_start.replace(tzinfo=None)
        if same_end and moved:
            shifted = old_end.replace(tzinfo=None) + moved
            self.end_date.data, self.end_time.data = shifted.date(), shifted.time()

    def data_for_service(self) -> dict:
        """The submitted values in the shape hub.events.services expects."""
        in_person = self.format.data in ("in-person", "hybrid")
        return {
            "title": self.title.data, "summary": self.summary.data, "description": self.description.data or "",
            "language": self.language.data, "format": self.format.data, "timezone": self.timezone.data,
            "all_day": bool(self.all_day.data), "starts_at": self.starts_at, "ends_at": self.ends_at,
            "venue": (self.venue.data or "") if in_person else "", "city": (self.city.data or "") if in_person else "",
            "venue_country_iso3": (self.venue_country.data or None) if in_person else None,
            "join_url": self.join_url.data or "", "languages": ",".join(self.languages.data or []),
            "status": self.status.data, "status_note": self.status_note.data or "",
            "image_alt": self.image_alt.data or "",
            "countries": self.countries.data or [], "themes": self.themes.data or [], "sdgs": self.sdgs.data or [],
            "co_organizers": self.co_organizers.data or [], "actions": self.actions.data or [],
            "partnerships": self.partnerships.data or [],
        }


def form_data(event) -> dict:
    """An event's stored values as the form shows them (local dates and times in its zone)."""
    start, end = event.local_start, event.local_end
    return {
        **{name: getattr(event, name) for name in (
            "title", "summary", "description", "language", "format", "timezone", "all_day", "venue", "city",
            "join_url", "status", "status_note", "image_alt")},
        "venue_country": event.venue_country_iso3 or "", "languages": event.language_codes,
        "start_date": start.date(), "start_time": None if event.all_day else start.time().replace(tzinfo=None),
        "end_date": event.last_day, "end_time": None if event.all_day else end.time().replace(tzinfo=None),
        "countries": [c.iso3 for c in event.countries], "themes": [t.slug for t in event.themes],
        "sdgs": [g.id for g in event.sdgs], "co_organizers": [o.organization_id for o in event.organizers],
        "actions": [a.id for a in event.actions], "partnerships": [p.id for p in event.partnerships],
        "version": str(event.version),
    }


MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class EventFilters(FlaskForm):
    """The filters of the public list; a bad value is ignored, never an error."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    country = SelectField(_l("Country"), default="")
    format = SelectField(_l("Format"), choices=options([("", _l("Any format")), *EVENT_FORMATS]), default="")
    month = StringField(_l("Month"), validators=[Optional(), Regexp(MONTH)], description=_l("As 2026-03."))
    language = SelectField(_l("Language"), choices=options([("", _l("Any language")), *SPOKEN_LANGUAGES]),
                           default="")
    org = StringField(_l("Organization"), validators=[Optional(), Length(max=100)],
                      description=_l("The organization's short name in its address, e.g. ghpn-germany."))
    tz = SelectField(_l("Show times also in"), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("All countries")), *country_choices()])
        self.tz.choices = zone_choices(blank=_l("Only the event's own zone"))

    def value(self, name: str):
        """The field's value if it is valid, else None."""
        field = self[name]
        if field.errors or field.data in (None, ""):
            return None
        return field.data

    def month_start(self) -> date | None:
        month = self.value("month")
        return date(int(month[:4]), int(month[5:]), 1) if month else None

