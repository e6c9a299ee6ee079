"""The moderators' editorial profile of a diaspora community."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError


class ProfileForm(FlaskForm):
    """Summary, languages, notes and sources of one origin -> residence community."""

    summary = TextAreaField(
        _l("Summary"), validators=[Length(max=5000)],
        description=_l("Who the community is, in a few sentences. Markdown is allowed."),
    )
    languages = StringField(
        _l("Languages spoken"), validators=[Length(max=300)],
        description=_l("For example: English, Twi, Ga, German."),
    )
    notes = TextAreaField(
        _l("Notes"), validators=[Length(max=10000)],
        description=_l("Context a reader needs: history, organizations, caveats. Markdown is allowed."),
    )
    sources = TextAreaField(
        _l("Sources"), validators=[Length(max=5000)],
        description=_l("Where this profile's statements come from, one per line, with links."),
    )
    version = HiddenField(default="0")

    def validate_version(self, field):
        if not (field.data or "").isdigit():
            raise ValidationError(_l("The form is out of date. Reload the page and try again."))

    @property
    def expected_version(self) -> int:
        return int(self.version.data)
