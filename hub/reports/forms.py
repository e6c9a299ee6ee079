"""The "report this" form and the moderators' decision on a report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from hub.orgs.forms import options

REASONS = [
    ("spam", _l("Spam or advertising")),
    ("abusive", _l("Abusive, hateful or harassing")),
    ("misleading", _l("False or misleading information")),
    ("personal-data", _l("Personal data shown without consent")),
    ("copyright", _l("Copyright infringement")),
    ("other", _l("Something else")),
]


def clean(value):
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


class ReportForm(FlaskForm):
    """Tell the moderators what is wrong with a public record."""

    reason = SelectField(_l("What is wrong?"), choices=options([("", _l("Choose a reason…")), *REASONS]),
                         validators=[DataRequired(_l("Choose a reason."))])
    details = TextAreaField(
        _l("Details"), filters=[clean], validators=[Optional(), Length(max=2000)],
        description=_l("What should the moderators look at? Required if you chose “Something else”."),
    )
    email = EmailField(
        _l("Your e-mail address (optional)"), filters=[clean], validators=[Optional(), Email(), Length(max=254)],
        description=_l("Only the moderators see it, and only to ask you about this report."),
    )

    def validate(self, extra_validators=None) -> bool:
        # Cross-field: Optional() on the details would skip a validate_details method.
        valid = super().validate(extra_validators)
        if self.reason.data == "other" and not self.details.data:
            self.details.errors = [*self.details.errors, str(_l("Say what is wrong."))]
            return False
        return valid


class HandleReportForm(FlaskForm):
    """A moderator resolves (acted on it) or dismisses (nothing to do) a report."""

    decision = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note for the audit log"), filters=[clean], validators=[Optional(), Length(max=2000)])
