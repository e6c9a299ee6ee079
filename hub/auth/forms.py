"""Forms for registering, signing in, resetting a password and managing one's account."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from hub.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problems
from hub.orgs.forms import OrganizationFieldsForm, options, strip


def lower(value):
    return value.strip().lower() if isinstance(value, str) else value


def email_field(label=None):
    return EmailField(
        label or _l("E-mail address"), filters=[lower], validators=[DataRequired(), Email(), Length(max=254)]
    )


PASSWORD_HELP = _l("At least %(n)s characters. A few unrelated words make a strong, memorable password.",
                   n=MIN_PASSWORD_LENGTH)


class NewPasswordMixin:
    """A new password, typed twice, checked against the policy."""

    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)], description=PASSWORD_HELP
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", _l("The two passwords do not match."))],
    )

    def _policy_context(self) -> dict:
        email = getattr(getattr(self, "email", None), "data", "") or ""
        name = getattr(getattr(self, "display_name", None), "data", "") or ""
        return {"email": email, "name": name}

    def validate_password(self, field) -> None:
        problems = password_problems(field.data or "", **self._policy_context())
        if problems:
            raise ValidationError(" ".join(problems))


class RegistrationForm(NewPasswordMixin, OrganizationFieldsForm):
    """One form: the organization and its first account, who becomes its owner."""

    display_name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(2, 120)])
    email = email_field(_l("Your e-mail address"))
    accept_terms = BooleanField(
        _l("I represent this organization and the information is accurate."),
        validators=[DataRequired(_l("Please confirm that you represent this organization."))],
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    """Choose a new password from a reset link."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._user = user

    def _policy_context(self) -> dict:
        if self._user is None:
            return {}
        return {"email": self._user.email, "name": self._user.display_name}


class AccountForm(FlaskForm):
    """The user's name and interface language."""

    display_name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(2, 120)])
    locale = SelectField(
        _l("Interface language"),
        choices=options([("", _l("As my browser asks")), ("en", "English"), ("fr", "Français"), ("es", "Español")]),
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)]
    )


class SwitchOrganizationForm(FlaskForm):
    organization_id = SelectField(_l("Organization"), coerce=int)


class InvitationSignupForm(NewPasswordMixin, FlaskForm):
    """Create an account to accept an invitation (the e-mail is the invitation's)."""

    display_name = StringField(_l("Your name"), filters=[strip], validators=[DataRequired(), Length(2, 120)])

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self._email = email

    def _policy_context(self) -> dict:
        return {"email": self._email, "name": self.display_name.data or ""}
