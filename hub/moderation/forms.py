"""Forms of the moderators' tools."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from hub.orgs.forms import options


class DecisionForm(FlaskForm):
    """Verify or reject an organization, with a note its owners see."""

    decision = SelectField(_l("Decision"), choices=options([("verify", _l("Verify")), ("reject", _l("Reject"))]))
    note = TextAreaField(
        _l("Note to the organization"), validators=[Optional(), Length(max=2000)],
        description=_l("Required when rejecting: say what is missing or wrong."),
    )

    def validate(self, extra_validators=None) -> bool:
        # A cross-field rule: Optional() on the note would skip a validate_note method.
        valid = super().validate(extra_validators)
        if self.decision.data == "reject" and not (self.note.data or "").strip():
            self.note.errors = [*self.note.errors, str(_l("Explain to the organization why it is rejected."))]
            return False
        return valid


class TrustForm(FlaskForm):
    trusted = SelectField(_l("Trusted"), choices=options([("1", _l("Trusted: publishes without review")),
                                                          ("0", _l("Not trusted: every submission is reviewed"))]))


class AccountStatusForm(FlaskForm):
    """Deactivate or reactivate an account, with the reason kept in the audit log."""

    note = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=1000)])
