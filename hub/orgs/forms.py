"""Forms for organization profiles, members and invitations."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from hub.auth.models import MEMBERSHIP_ROLES
from hub.extensions import db
from hub.images import ImageFile
from hub.places.models import Country
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, ORGANIZATION_TYPES, THEMES

ROLE_CHOICES = [("editor", _l("Editor: edits the profile and the organization's content")),
                ("owner", _l("Owner: also manages members"))]
assert {code for code, _ in ROLE_CHOICES} == set(MEMBERSHIP_ROLES)


def country_choices() -> list[tuple[str, str]]:
    """Every country as (ISO3, name in the interface language), sorted by that name."""
    locale = str(get_locale() or "en")
    rows = db.session.execute(sa.select(Country.iso3, Country.name, Country.name_fr, Country.name_es)).all()
    names = [(iso3, {"fr": fr, "es": es}.get(locale) or name) for iso3, name, fr, es in rows]
    return sorted(names, key=lambda pair: pair[1].casefold())


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms SelectChoice options."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def http_url(form, field) -> None:
    """Only web addresses: http:// or https://."""
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Enter a web address starting with https:// or http://."))


class OrganizationFieldsForm(FlaskForm):
    """The profile fields an organization fills in at registration and edits later."""

    name = StringField(_l("Name of the organization"), filters=[strip], validators=[DataRequired(), Length(2, 200)])
    acronym = StringField(_l("Acronym"), filters=[strip], validators=[Optional(), Length(max=30)])
    org_type = SelectField(
        _l("Type of organization"),
        choices=options([("", _l("Choose a type…")), *ORGANIZATION_TYPES]),
        validators=[DataRequired(_l("Choose the type of organization."))],
    )
    hq_country = SelectField(
        _l("Country of headquarters"), validators=[DataRequired(_l("Choose the country of headquarters."))]
    )
    heritage_countries = SelectMultipleField(
        _l("Heritage countries"),
        description=_l("The countries of origin of the diaspora you work with. Hold Ctrl (or ⌘) to choose several."),
    )
    operation_countries = SelectMultipleField(
        _l("Countries of operation"),
        description=_l("Where you carry out your work. Hold Ctrl (or ⌘) to choose several."),
    )
    themes = SelectMultipleField(_l("Themes"), choices=options(THEMES), description=_l("What your work is about."))
    website = URLField(_l("Website"), filters=[strip], validators=[Optional(), Length(max=500), http_url])
    description = TextAreaField(
        _l("Description"),
        filters=[strip],
        validators=[DataRequired(_l("Describe the organization in a few sentences.")), Length(max=5000)],
        description=_l("Who you are and what you do. Markdown formatting is allowed."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = country_choices()
        self.hq_country.choices = options([("", _l("Choose a country…")), *choices])
        self.heritage_countries.choices = options(choices)
        self.operation_countries.choices = options(choices)


class OrganizationProfileForm(OrganizationFieldsForm):
    """Editing an organization's public profile and logo."""

    contact_email = EmailField(
        _l("Public contact e-mail"), filters=[strip], validators=[Optional(), Email(), Length(max=254)]
    )
    founded_year = IntegerField(
        _l("Year founded"), validators=[Optional(), NumberRange(1800, date.today().year + 1)]
    )
    language = SelectField(_l("Main language of the profile"), choices=options(CONTENT_LANGUAGES))
    logo = FileField(
        _l("Logo"),
        validators=[ImageFile()],
        description=_l("PNG, JPEG or WebP, at most 2 MB. Leave empty to keep the current logo."),
    )
    remove_logo = BooleanField(_l("Remove the current logo"))
    version = HiddenField()


class InviteForm(FlaskForm):
    """Invite someone to the organization by e-mail."""

    email = EmailField(
        _l("E-mail address"), filters=[strip], validators=[DataRequired(), Email(), Length(max=254)]
    )
    role = SelectField(_l("Role"), choices=options(ROLE_CHOICES), default="editor")


class MemberForm(FlaskForm):
    """A button acting on one member (remove, make owner)."""

    user_id = HiddenField(validators=[DataRequired()])


class ActionForm(FlaskForm):
    """A button with nothing but its CSRF token (confirm details, cancel an invitation...)."""
