"""Forms: follow or unfollow something, name a followed search, choose how often to hear."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import DataRequired, Length

from hub.follows.models import FOLLOW_KINDS
from hub.orgs.forms import options

FREQUENCY_CHOICES = [
    ("immediately", _l("Immediately: one e-mail as soon as something new is published")),
    ("daily", _l("Daily digest")),
    ("weekly", _l("Weekly digest")),
    ("never", _l("Never: no e-mail, only the feed on my dashboard")),
]


class FollowForm(FlaskForm):
    """The hidden fields of a Follow/Unfollow button."""

    kind = HiddenField(validators=[DataRequired()])
    target = HiddenField(validators=[DataRequired(), Length(max=500)])
    next = HiddenField()

    def validate_kind(self, field):
        if field.data not in FOLLOW_KINDS:
            from wtforms.validators import ValidationError

            raise ValidationError(_l("This cannot be followed."))


class FollowSearchForm(FlaskForm):
    """Follow the current search under a name the user chooses."""

    label = StringField(_l("Name this search"), validators=[DataRequired(), Length(max=120)],
                        description=_l("New matches reach your feed and your alerts."))
    target = HiddenField(validators=[DataRequired(), Length(max=500)])
    next = HiddenField()


class FrequencyForm(FlaskForm):
    frequency = RadioField(_l("E-mail me about what I follow"), choices=options(FREQUENCY_CHOICES),
                           validators=[DataRequired()])


class UnfollowForm(FlaskForm):
    follow_id = HiddenField(validators=[DataRequired()])
