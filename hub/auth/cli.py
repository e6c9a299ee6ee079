"""`hub users ...`: create, list and deactivate accounts from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext
from flask_babel import force_locale

from hub.auth import services
from hub.auth.models import SITE_ROLES, User
from hub.auth.passwords import password_problems
from hub.extensions import db


@click.group("users")
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.option("--email", required=True, help="The account's e-mail address.")
@click.option("--password", required=True, help="At least 12 characters, not a common password.")
@click.option("--name", required=True, help="The display name.")
@click.option("--role", type=click.Choice(SITE_ROLES), default="member", show_default=True)
@with_appcontext
def create_user(email: str, password: str, name: str, role: str) -> None:
    """Create an account with a verified e-mail address (for moderators and admins)."""
    with force_locale("en"):
        problems = password_problems(password, email=email, name=name)
        if problems:
            raise click.ClickException(" ".join(problems))
        try:
            user = services.create_user(email, password, name, role=role, verified=True)
        except services.AccountError as exc:
            raise click.ClickException(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


@users.command("list")
@click.option("--role", type=click.Choice(SITE_ROLES), help="Only accounts with this role.")
@with_appcontext
def list_users(role: str | None) -> None:
    """List accounts: id, e-mail, role, verified, active, name."""
    stmt = sa.select(User).order_by(User.id)
    if role:
        stmt = stmt.where(User.role == role)
    for user in db.session.scalars(stmt):
        verified = "verified" if user.email_verified_at else "unverified"
        active = "active" if user.active else "inactive"
        click.echo(f"{user.id}\t{user.email}\t{user.role}\t{verified}\t{active}\t{user.display_name}")


@users.command("deactivate")
@click.argument("email")
@with_appcontext
def deactivate_user(email: str) -> None:
    """Deactivate the account with this e-mail address and sign it out everywhere."""
    user = services.find_user(email)
    if user is None:
        raise click.ClickException(f"No account with the e-mail address {email}.")
    services.set_active(None, user, False, note="command line")
    db.session.commit()
    click.echo(f"Deactivated {user.email}.")


COMMANDS = [users]
