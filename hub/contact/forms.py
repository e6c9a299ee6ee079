"""Forms: write to an organization, report a message, switch messages and offers on or off."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from hub.actions.forms import clean


class ContactForm(FlaskForm):
    subject = StringField(_l("Subject"), filters=[clean], validators=[DataRequired(), Length(max=150)])
    body = TextAreaField(_l("Your message"), filters=[clean], validators=[DataRequired(), Length(min=10, max=5000)],
                         description=_l("The organization receives it by e-mail; its address is not shown to you."))
    share_email = BooleanField(_l("Let the organization reply to my e-mail address"),
                               description=_l("Without this, the organization sees your name but not your address."))


class ReportMessageForm(FlaskForm):
    reason = TextAreaField(_l("What is wrong with this message?"), filters=[clean],
                           validators=[Optional(), Length(max=500)])


class ContactSettingsForm(FlaskForm):
    accepts_messages = BooleanField(_l("Receive messages from the hub's users"))
    accepts_offers = BooleanField(_l("Receive offers to partner on our calls for partners"))
