"""Forms for actions: the submission form with its results and links rows, list filters, review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from hub.extensions import db
from hub.images import ImageFile
from hub.offers.models import SEEKING_CHOICES
from hub.orgs.forms import country_choices, http_url, options
from hub.orgs.models import Organization
from hub.taxonomy.vocabulary import (
    ACTION_KINDS,
    ACTIVITY_STATUSES,
    CONTENT_LANGUAGES,
    ORGANIZATION_TYPES,
    SDG_CHOICES,
    THEMES,
)

BLANK_ROWS = 5  # empty results and links rows offered below the filled ones
MAX_ROWS = 40
MAX_BUDGET = Decimal("999999999999.99")  # what Numeric(14, 2) holds


def clean(value):
    """Trim text and drop NUL characters (PostgreSQL refuses them in text columns)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def finite(form, field) -> None:
    """Refuse NaN and infinity, which DecimalField accepts and comparisons choke on."""
    if field.data is not None and not field.data.is_finite():
        raise StopValidation(_l("Enter a number."))


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a group of checkboxes (rendered in a fieldset with a legend)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ResultForm(Form):
    """One row of the results table."""

    indicator = StringField(_l("Indicator"), filters=[clean], validators=[Length(max=200)])
    baseline = StringField(_l("Baseline"), filters=[clean], validators=[Length(max=80)])
    target = StringField(_l("Target"), filters=[clean], validators=[Length(max=80)])
    achieved = StringField(_l("Achieved"), filters=[clean], validators=[Length(max=80)])

    def validate_indicator(self, field) -> None:
        if not field.data and (self.baseline.data or self.target.data or self.achieved.data):
            raise ValidationError(_l("Name the indicator these figures measure."))

    @property
    def is_blank(self) -> bool:
        return not any((self.indicator.data, self.baseline.data, self.target.data, self.achieved.data))


class LinkForm(Form):
    """One link to more about the action."""

    label = StringField(_l("Link text"), filters=[clean], validators=[Length(max=200)])
    url = URLField(_l("Address"), filters=[clean], validators=[Optional(), Length(max=500), http_url])

    def validate_label(self, field) -> None:
        if self.url.data and not field.data:
            raise ValidationError(_l("Say what the link leads to."))
        if field.data and not self.url.data:
            raise ValidationError(_l("Give the address of this link, or clear its text."))

    @property
    def is_blank(self) -> bool:
        return not (self.label.data or self.url.data)


class ActionForm(FlaskForm):
    """Everything an organization tells about one of its actions."""

    title = StringField(_l("Title"), filters=[clean], validators=[DataRequired(), Length(3, 200)])
    kind = SelectField(_l("Kind of action"), choices=options(ACTION_KINDS), default="project")
    summary = TextAreaField(
        _l("Short summary"), filters=[clean],
        validators=[DataRequired(_l("Sum the action up in a sentence or two.")), Length(max=500)],
        description=_l("One or two sentences, shown in lists and search results (at most 500 characters)."),
    )
    description = TextAreaField(
        _l("Description"), filters=[clean], validators=[Optional(), Length(max=20000)],
        description=_l("What you do, why, with whom and how. Markdown formatting is allowed: "
                       "**bold**, *italic*, lists, links and ## headings."),
    )
    origin_countries = SelectMultipleField(
        _l("Countries of origin"),
        description=_l("The countries of heritage of the diaspora involved. Hold Ctrl (or ⌘) to choose several."),
    )
    implementation_countries = SelectMultipleField(
        _l("Countries of implementation"),
        description=_l("Where the action takes place. Hold Ctrl (or ⌘) to choose several."),
    )
    themes = MultiCheckboxField(_l("Themes"), choices=options(THEMES))
    sdgs = MultiCheckboxField(
        _l("Sustainable Development Goals"), coerce=int,
        choices=options(SDG_CHOICES),
    )
    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES), default="ongoing")
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()],
                         description=_l("Leave empty if the action is open-ended."))
    budget = DecimalField(
        _l("Budget"), places=2, validators=[Optional(), finite, NumberRange(0, MAX_BUDGET)],
        description=_l("Optional. A number, without the currency sign."),
    )
    currency = StringField(
        _l("Currency"), filters=[clean, lambda v: v.upper() if isinstance(v, str) else v],
        validators=[Optional(), Regexp(r"^[A-Z]{3}$", message=_l("Use a three-letter code such as EUR or USD."))],
        description=_l("Three-letter code, for example EUR, USD or GHS."),
    )
    beneficiaries = StringField(
        _l("Beneficiaries"), filters=[clean], validators=[Length(max=300)],
        description=_l("Who benefits and how many, for example “120 nurses in Kumasi”."),
    )
    partners = SelectMultipleField(
        _l("Partner organizations"), coerce=int,
        description=_l("Verified organizations registered on the hub. Hold Ctrl (or ⌘) to choose several."),
    )
    results = FieldList(FormField(ResultForm), label=_l("Results"), max_entries=MAX_ROWS)
    links = FieldList(FormField(LinkForm), label=_l("Links"), max_entries=MAX_ROWS)
    image = FileField(
        _l("Image"), validators=[ImageFile()],
        description=_l("PNG, JPEG or WebP, at most 2 MB. Leave empty to keep the current image."),
    )
    image_alt = StringField(
        _l("Image description"), filters=[clean], validators=[Length(max=300)],
        description=_l("What the image shows, for people who cannot see it."),
    )
    remove_image = BooleanField(_l("Remove the current image"))
    language = SelectField(_l("Language of this text"), choices=options(CONTENT_LANGUAGES), default="en")
    version = HiddenField()

    def __init__(self, *args, organization_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.origin_countries.choices = options(countries)
        self.implementation_countries.choices = options(countries)
        self.partners.choices = options(partner_choices(exclude=organization_id))

    def add_blank_rows(self) -> None:
        """Offer BLANK_ROWS empty results and links rows after the filled ones."""
        for rows in (self.results, self.links):
            while len(rows) < min(MAX_ROWS, len([r for r in rows if not r.form.is_blank]) + BLANK_ROWS):
                rows.append_entry()

    def validate_end_date(self, field) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date cannot be before the start date."))

    def validate_image_alt(self, field) -> None:
        if getattr(self.image.data, "filename", "") and not field.data:
            raise ValidationError(_l("Describe the image in a few words."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # Cross-field: Optional() on the currency would skip a validate_currency method.
        if self.budget.data is not None and not self.budget.errors and not self.currency.data:
            self.currency.errors = [*self.currency.errors, str(_l("Give the currency of the budget."))]
            valid = False
        return valid

    def data_for_service(self) -> dict:
        """The submitted values in the shape hub.actions.services expects."""
        return {
            "title": self.title.data, "kind": self.kind.data, "summary": self.summary.data,
            "description": self.description.data or "", "status": self.status.data,
            "start_date": self.start_date.data, "end_date": self.end_date.data,
            "budget": self.budget.data, "currency": self.currency.data or "",
            "beneficiaries": self.beneficiaries.data or "", "image_alt": self.image_alt.data or "",
            "language": self.language.data,
            "origin_countries": self.origin_countries.data or [],
            "implementation_countries": self.implementation_countries.data or [],
            "themes": self.themes.data or [], "sdgs": self.sdgs.data or [],
            "partners": self.partners.data or [],
            "results": [row.data for row in self.results if not row.form.is_blank],
            "links": [row.data for row in self.links if row.data.get("url")],
        }


def partner_choices(exclude: int | None = None) -> list[tuple[int, str]]:
    """Verified organizations as (id, name), for the partners field."""
    stmt = sa.select(Organization.id, Organization.name).where(Organization.verification == "verified")
    if exclude is not None:
        stmt = stmt.where(Organization.id != exclude)
    return [(row.id, row.name) for row in db.session.execute(stmt.order_by(Organization.name))]


class ActionFilters(FlaskForm):
    """The filters of the public list; a bad value is ignored, never an error."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    origin = SelectField(_l("Country of origin"), default="")
    country = SelectField(_l("Country of implementation"), default="")
    status = SelectField(_l("Status"), choices=options([("", _l("Any status")), *ACTIVITY_STATUSES]), default="")
    org_type = SelectField(_l("Organization type"), choices=options([("", _l("All types")), *ORGANIZATION_TYPES]),
                           default="")
    year = IntegerField(_l("Active in year"), validators=[Optional(), NumberRange(1900, date.today().year + 20)])
    partners = SelectField(_l("Looking for partners"), choices=options(SEEKING_CHOICES), default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.origin.choices = options([("", _l("All countries")), *countries])
        self.country.choices = options([("", _l("All countries")), *countries])

    def value(self, name: str):
        """The field's value if it is valid, else None."""
        field = self[name]
        if field.errors or field.data in (None, ""):
            return None
        return field.data


class TransitionForm(FlaskForm):
    """A review step (submit, withdraw, approve, request changes, reject, unpublish) with a note."""

    verb = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note"), filters=[clean], validators=[Optional(), Length(max=2000)])
    next = HiddenField()


class FeatureForm(FlaskForm):
    """Feature a published action on the home page, or stop featuring it."""

    featured = HiddenField(validators=[DataRequired()])
    next = HiddenField()
