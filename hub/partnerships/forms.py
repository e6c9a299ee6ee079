"""Forms for proposing and editing partnerships, answering as a partner, and reporting progress."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from hub.offers.models import SEEKING_CHOICES
from hub.orgs.forms import country_choices, options, strip
from hub.partnerships.services import FRESHNESS_CHOICES
from hub.taxonomy.vocabulary import (
    ACTIVITY_STATUSES,
    CONTENT_LANGUAGES,
    ORGANIZATION_TYPES,
    PARTNER_ROLES,
    SDG_CHOICES,
    THEMES,
)

PARTNER_ROWS = 5
SORTS = [("updated", _l("Recently updated")), ("newest", _l("Newest")), ("title", _l("Title"))]


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class PartnerEntry(Form):
    """One named partner organization and its role."""

    organization = SelectField(_l("Partner organization"), coerce=_int_or_none, validate_choice=False)
    role = SelectField(_l("Role"), choices=options(PARTNER_ROLES), default="implementing")

    def validate_organization(self, field) -> None:
        if field.data is not None and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an organization from the list."))


class PartnershipForm(FlaskForm):
    """Propose or edit a partnership."""

    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(3, 200)])
    summary = TextAreaField(
        _l("Summary"), filters=[strip], validators=[DataRequired(), Length(max=500)],
        description=_l("One or two sentences shown in lists."),
    )
    description = TextAreaField(
        _l("Description"), filters=[strip], validators=[DataRequired(), Length(max=20000)],
        description=_l("What the partners do together and why. Markdown formatting is allowed."),
    )
    partners = FieldList(FormField(PartnerEntry), min_entries=PARTNER_ROWS, max_entries=20)
    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES), default="ongoing")
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    countries = SelectMultipleField(
        _l("Countries"), description=_l("Where the partnership works. Hold Ctrl (or ⌘) to choose several.")
    )
    themes = SelectMultipleField(_l("Themes"), choices=options(THEMES))
    sdgs = SelectMultipleField(
        _l("Sustainable Development Goals"), coerce=int,
        choices=options(SDG_CHOICES),
    )
    actions = SelectMultipleField(
        _l("Linked actions"), coerce=int,
        description=_l("Your organization's actions and published actions of others."),
    )
    language = SelectField(_l("Language of the text"), choices=options(CONTENT_LANGUAGES))
    version = HiddenField()

    def __init__(self, *args, partner_choices=(), action_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = options(country_choices())
        self.actions.choices = options(action_choices)
        org_options = options([("", _l("— none —")), *partner_choices])
        for entry in self.partners:
            entry.form.organization.choices = org_options

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def validate_partners(self, field) -> None:
        chosen = [entry.form.organization.data for entry in field if entry.form.organization.data]
        if len(chosen) != len(set(chosen)):
            raise ValidationError(_l("Each partner organization can be named once."))

    def data_for_service(self) -> dict:
        return {
            "title": self.title.data, "summary": self.summary.data, "description": self.description.data,
            "status": self.status.data, "start_date": self.start_date.data, "end_date": self.end_date.data,
            "language": self.language.data, "countries": self.countries.data or [],
            "themes": self.themes.data or [], "sdgs": self.sdgs.data or [], "actions": self.actions.data or [],
            "partners": [(e.form.organization.data, e.form.role.data) for e in self.partners
                         if e.form.organization.data],
        }


class ReportForm(FlaskForm):
    """A progress report: what was achieved, what got in the way."""

    report_date = DateField(_l("Date of the report"), validators=[DataRequired()], default=date.today)
    achievements = TextAreaField(
        _l("Achievements"), filters=[strip], validators=[DataRequired(), Length(max=5000)],
        description=_l("What the partnership achieved since the last report."),
    )
    challenges = TextAreaField(_l("Challenges"), filters=[strip], validators=[Optional(), Length(max=5000)])

    def validate_report_date(self, field) -> None:
        if field.data and field.data > date.today():
            raise ValidationError(_l("A report cannot be dated in the future."))
        if field.data and field.data.year < 1990:
            raise ValidationError(_l("Enter a date after 1990."))


class PartnershipFilters(FlaskForm):
    """The filters of the partnership list (a bad value is ignored, never an error)."""

    class Meta:
        csrf = False

    q = StringField(_l("Title contains"), default="")
    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    country = SelectField(_l("Country"), default="")
    partner_type = SelectField(_l("Partner type"), default="")
    role = SelectField(_l("Partner role"), choices=options([("", _l("All roles")), *PARTNER_ROLES]), default="")
    status = SelectField(_l("Status"), choices=options([("", _l("All")), *ACTIVITY_STATUSES]), default="")
    freshness = SelectField(_l("Freshness"), choices=options([("", _l("All")), *FRESHNESS_CHOICES]), default="")
    partners = SelectField(_l("Looking for partners"), choices=options(SEEKING_CHOICES), default="")
    sort = SelectField(_l("Sort by"), choices=options(SORTS), default="updated")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("All countries")), *country_choices()])
        self.partner_type.choices = options([("", _l("All types")), *ORGANIZATION_TYPES])

    def value(self, name: str) -> str:
        field = self[name]
        return "" if field.errors else (field.data or "").strip()
