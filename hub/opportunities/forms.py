"""Forms for opportunities: the call's form with its deadline checks, the list filters."""

from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from hub.actions.forms import MAX_BUDGET, MultiCheckboxField, clean, finite
from hub.events.forms import WhenMixin, zone_choices
from hub.modeling import utcnow
from hub.orgs.forms import country_choices, http_url, options
from hub.taxonomy.vocabulary import (
    CONTENT_LANGUAGES,
    OPPORTUNITY_KINDS,
    ORGANIZATION_TYPES,
    SPOKEN_LANGUAGES,
    THEMES,
)
from hub.timezones import is_zone

END_OF_DAY = time(23, 59)


class OpportunityForm(WhenMixin, FlaskForm):
    """Everything an organization tells about a call it publishes."""

    title = StringField(_l("Title"), filters=[clean], validators=[DataRequired(), Length(3, 200)])
    kind = SelectField(_l("Kind of opportunity"), choices=options(OPPORTUNITY_KINDS), default="call-for-proposals")
    summary = TextAreaField(_l("Short summary"), filters=[clean],
                            validators=[DataRequired(_l("Sum the call up in a sentence or two.")), Length(max=500)])
    description = TextAreaField(_l("Description"), filters=[clean], validators=[Optional(), Length(max=20000)],
                                description=_l("What is offered, the conditions, the selection. Markdown is allowed."))
    language = SelectField(_l("Language of this text"), choices=options(CONTENT_LANGUAGES), default="en")
    eligibility = TextAreaField(_l("Who may apply"), filters=[clean], validators=[Optional(), Length(max=5000)])
    eligible_org_types = MultiCheckboxField(_l("Kinds of organization that may apply"),
                                            choices=options(ORGANIZATION_TYPES),
                                            description=_l("Leave all unticked when anyone may apply."))
    residence_countries = SelectMultipleField(
        _l("Open to applicants based in"),
        description=_l("Countries of residence. Leave empty when applicants may be based anywhere."))
    heritage_countries = SelectMultipleField(_l("Open to diasporas of"),
                                             description=_l("Countries of heritage; empty for any."))
    countries = SelectMultipleField(_l("Countries concerned"),
                                    description=_l("Where the funded work or mission takes place."))
    themes = MultiCheckboxField(_l("Themes"), choices=options(THEMES))
    amount = DecimalField(_l("Amount offered"), places=2, validators=[Optional(), finite, NumberRange(0, MAX_BUDGET)],
                          description=_l("Optional. The largest amount per grant or the salary, without sign."))
    currency = StringField(
        _l("Currency"), filters=[clean, lambda v: v.upper() if isinstance(v, str) else v],
        validators=[Optional(), Regexp(r"^[A-Z]{3}$", message=_l("Use a three-letter code such as EUR or USD."))])
    support = StringField(_l("Other support offered"), filters=[clean], validators=[Length(max=300)],
                          description=_l("For example mentoring, travel costs, a desk in Accra."))
    timezone = SelectField(_l("Time zone"), default="UTC",
                           description=_l("The zone of the opening and closing times."))
    opens_date = DateField(_l("Opens on"), validators=[Optional()])
    opens_time = TimeField(_l("Opening time"), validators=[Optional()])
    closes_date = DateField(_l("Closing date"), validators=[DataRequired(_l("Give the deadline."))])
    closes_time = TimeField(_l("Closing time"), validators=[Optional()],
                            description=_l("Leave empty for the end of the day (23:59)."))
    apply_url = URLField(_l("Apply at (link)"), filters=[clean], validators=[Optional(), Length(max=500), http_url])
    apply_email = StringField(_l("Apply by e-mail"), filters=[clean],
                              validators=[Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)])
    languages = MultiCheckboxField(_l("Languages applications are accepted in"), choices=options(SPOKEN_LANGUAGES))
    version = HiddenField()

    def __init__(self, *args, is_new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        countries = options(country_choices())
        self.residence_countries.choices = self.heritage_countries.choices = self.countries.choices = countries
        self.timezone.choices = zone_choices()
        self.is_new = is_new
        self.opens_at = self.closes_at = None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not is_zone(self.timezone.data):
            self.timezone.errors = [*self.timezone.errors, str(_l("Choose a time zone from the list."))]
            return False
        zone_name = self.timezone.data
        if self.closes_date.data and self.closes_time.data is None and not self.closes_time.errors:
            self.closes_time.data = END_OF_DAY
        closes = self._instant(self.closes_date, self.closes_time, zone_name)
        opens = self._instant(self.opens_date, self.opens_time, zone_name) if self.opens_date.data else None
        if closes is not None and self.is_new and closes <= utcnow():
            self.closes_date.errors = [*self.closes_date.errors,
                                       str(_l("The deadline has already passed: a new call needs a future deadline."))]
        if closes is not None and opens is not None and closes < opens:
            self.closes_date.errors = [*self.closes_date.errors, str(_l("The call cannot close before it opens."))]
        if not self.apply_url.data and not self.apply_email.data and not self.apply_url.errors:
            self.apply_url.errors = [*self.apply_url.errors,
                                     str(_l("Say how to apply: a link, an e-mail address, or both."))]
        if self.amount.data is not None and not self.amount.errors and not self.currency.data:
            self.currency.errors = [*self.currency.errors, str(_l("Give the currency of the amount."))]
        self.opens_at, self.closes_at = opens, closes
        return valid and not any(f.errors for f in self) and closes is not None

    def data_for_service(self) -> dict:
        """The submitted values in the shape hub.opportunities.services expects."""
        return {
            "title": self.title.data, "kind": self.kind.data, "summary": self.summary.data,
            "description": self.description.data or "", "language": self.language.data,
            "eligibility": self.eligibility.data or "",
            "eligible_org_types": ",".join(self.eligible_org_types.data or []),
            "amount": self.amount.data, "currency": self.currency.data or "", "support": self.support.data or "",
            "timezone": self.timezone.data, "opens_at": self.opens_at, "closes_at": self.closes_at,
            "apply_url": self.apply_url.data or "", "apply_email": self.apply_email.data or "",
            "languages": ",".join(self.languages.data or []),
            "residence_countries": self.residence_countries.data or [],
            "heritage_countries": self.heritage_countries.data or [], "countries": self.countries.data or [],
            "themes": self.themes.data or [],
        }


def form_data(opportunity) -> dict:
    """A call's stored values as the form shows them (local dates and times in its zone)."""
    closes, opens = opportunity.local_closes, opportunity.local_opens
    return {
        **{name: getattr(opportunity, name) for name in (
            "title", "kind", "summary", "description", "language", "eligibility", "amount", "currency", "support",
            "timezone", "apply_url", "apply_email")},
        "eligible_org_types": opportunity.org_type_codes, "languages": opportunity.language_codes,
        "closes_date": closes.date(), "closes_time": closes.time().replace(tzinfo=None),
        "opens_date": opens.date() if opens else None,
        "opens_time": opens.time().replace(tzinfo=None) if opens else None,
        "residence_countries": [c.iso3 for c in opportunity.residence_countries],
        "heritage_countries": [c.iso3 for c in opportunity.heritage_countries],
        "countries": [c.iso3 for c in opportunity.countries], "themes": [t.slug for t in opportunity.themes],
        "version": str(opportunity.version),
    }


class OpportunityFilters(FlaskForm):
    """The filters of the public list; a bad value is ignored, never an error."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=options([("", _l("Any kind")), *OPPORTUNITY_KINDS]), default="")
    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    country = SelectField(_l("Country concerned"), default="")
    based_in = SelectField(_l("Open to organizations based in"), default="")
    language = SelectField(_l("Language"), choices=options([("", _l("Any language")), *SPOKEN_LANGUAGES]),
                           default="")
    org = StringField(_l("Organization"), validators=[Optional(), Length(max=100)],
                      description=_l("The organization's short name in its address, e.g. ghpn-germany."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.country.choices = options([("", _l("All countries")), *countries])
        self.based_in.choices = options([("", _l("Anywhere")), *countries])

    def value(self, name: str):
        field = self[name]
        if field.errors or field.data in (None, ""):
            return None
        return field.data
