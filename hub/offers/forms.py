"""Forms: a call for partners, an offer to partner, the answer to an offer, the list's filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from hub.actions.forms import clean
from hub.offers.models import ROLE_CHOICES
from hub.orgs.forms import options


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CallForm(FlaskForm):
    is_open = BooleanField(_l("We are looking for partners"))
    roles = CheckboxesField(_l("Which partners"), choices=options(ROLE_CHOICES))
    note = TextAreaField(_l("What you are looking for"), filters=[clean], validators=[Optional(), Length(max=500)],
                         description=_l("A sentence or two: what a partner would bring and do."))


class OfferForm(FlaskForm):
    # The choices themselves are checked; no "required" attribute, whose first option would have to be blank.
    organization_id = SelectField(_l("Offer on behalf of"), coerce=int)
    role = SelectField(_l("As which partner"), choices=options(ROLE_CHOICES))
    message = TextAreaField(_l("Your message to the lead organization"), filters=[clean],
                            validators=[DataRequired(), Length(min=10, max=3000)])


class AnswerForm(FlaskForm):
    answer = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note to the organization"), filters=[clean], validators=[Optional(), Length(max=500)])


class CallFilters(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=options([("", _l("Actions and partnerships")), ("action", _l("Actions")),
                                                    ("partnership", _l("Partnerships"))]), default="")
    role = SelectField(_l("Partner wanted"), choices=options([("", _l("Any role")), *ROLE_CHOICES]), default="")

    def value(self, name: str) -> str:
        field = self[name]
        return "" if field.errors else (field.data or "")
