"""Forms for writing success stories and filtering the list."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Length, Optional

from hub.images import ImageFile
from hub.orgs.forms import country_choices, http_url, options, strip
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, ORGANIZATION_TYPES, THEMES

SORTS = [("newest", _l("Newest")), ("updated", _l("Recently updated")), ("title", _l("Title"))]


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class StoryForm(FlaskForm):
    """Write or edit a success story."""

    title = StringField(_l("Title"), filters=[strip], validators=[DataRequired(), Length(3, 200)])
    summary = TextAreaField(_l("Summary"), filters=[strip], validators=[DataRequired(), Length(max=500)],
                            description=_l("One or two sentences shown in lists."))
    body = TextAreaField(
        _l("The story"), filters=[strip], validators=[DataRequired(), Length(max=30000)],
        description=_l("Suggested sections: context, what was done, results, lessons learnt. Markdown is allowed."),
    )
    action = SelectField(_l("Linked action"), coerce=_int_or_none, validate_choice=False)
    partnership = SelectField(_l("Linked partnership"), coerce=_int_or_none, validate_choice=False)
    countries = SelectMultipleField(_l("Countries"), description=_l("Hold Ctrl (or ⌘) to choose several."))
    themes = SelectMultipleField(_l("Themes"), choices=options(THEMES))
    language = SelectField(_l("Language of the story"), choices=options(CONTENT_LANGUAGES))
    image = FileField(_l("Image"), validators=[ImageFile()],
                      description=_l("PNG, JPEG or WebP, at most 2 MB. Leave empty to keep the current image."))
    image_alt = StringField(_l("Text alternative of the image"), filters=[strip], validators=[Length(max=300)],
                            description=_l("What the image shows, for people who cannot see it."))
    image_credit = StringField(_l("Image credit"), filters=[strip], validators=[Length(max=200)],
                               description=_l("Who took the photo or holds the rights, e.g. “Photo: A. Mensah”."))
    remove_image = BooleanField(_l("Remove the current image"))
    consent_confirmed = BooleanField(
        _l("The people shown or named in this story agreed to appear in it."),
        validators=[DataRequired(_l("Confirm that the people shown or named in the story agreed to appear in it."))],
    )
    source_url = URLField(_l("Original source"), filters=[strip], validators=[Optional(), Length(max=500), http_url],
                          description=_l("If the story was first published elsewhere, its address."))
    version = HiddenField()

    def __init__(self, *args, action_choices=(), partnership_choices=(), has_image=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_image = has_image
        self.countries.choices = options(country_choices())
        self.action.choices = options([("", _l("— none —")), *action_choices])
        self.partnership.choices = options([("", _l("— none —")), *partnership_choices])

    def new_upload(self) -> bool:
        return bool(getattr(self.image.data, "filename", ""))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in (self.action, self.partnership):
            if field.data is not None and field.data not in {c.value for c in field.choices}:
                field.errors.append(str(_l("Choose from the list.")))
                valid = False
        shows_image = self.new_upload() or (self.has_image and not self.remove_image.data)
        if shows_image:
            for field, message in ((self.image_alt, _l("Describe the image for people who cannot see it.")),
                                   (self.image_credit, _l("Credit the photographer or rights holder."))):
                if not field.data:
                    field.errors.append(str(message))
                    valid = False
        return valid

    def data_for_service(self) -> dict:
        return {
            "title": self.title.data, "summary": self.summary.data, "body": self.body.data,
            "action_id": self.action.data, "partnership_id": self.partnership.data,
            "countries": self.countries.data or [], "themes": self.themes.data or [],
            "language": self.language.data, "image_alt": self.image_alt.data or "",
            "image_credit": self.image_credit.data or "", "consent_confirmed": bool(self.consent_confirmed.data),
            "source_url": self.source_url.data or "",
        }


class StoryFilters(FlaskForm):
    """The filters of the story list (a bad value is ignored, never an error)."""

    class Meta:
        csrf = False

    q = StringField(_l("Title contains"), default="")
    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    country = SelectField(_l("Country"), default="")
    org_type = SelectField(_l("Organization type"), choices=options([("", _l("All types")), *ORGANIZATION_TYPES]),
                           default="")
    language = SelectField(_l("Language"), choices=options([("", _l("All languages")), *CONTENT_LANGUAGES]),
                           default="")
    sort = SelectField(_l("Sort by"), choices=options(SORTS), default="newest")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = options([("", _l("All countries")), *country_choices()])

    def value(self, name: str) -> str:
        field = self[name]
        return "" if field.errors else (field.data or "").strip()
