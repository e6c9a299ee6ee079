"""`hub orgs ...`: list and verify organizations from the command line."""

from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from hub.extensions import db
from hub.orgs import services
from hub.orgs.models import VERIFICATION_STATES, Organization


@click.group("orgs")
def orgs() -> None:
    """Manage organizations."""


@orgs.command("list")
@click.option("--state", type=click.Choice(VERIFICATION_STATES), help="Only organizations in this state.")
@with_appcontext
def list_orgs(state: str | None) -> None:
    """List organizations: slug, verification, trusted, name."""
    stmt = sa.select(Organization).order_by(Organization.created_at)
    if state:
        stmt = stmt.where(Organization.verification == state)
    for org in db.session.scalars(stmt):
        click.echo(f"{org.slug}\t{org.verification}\t{'trusted' if org.trusted else '-'}\t{org.name}")


@orgs.command("verify")
@click.argument("slug")
@click.option("--note", default="", help="A note the owners see.")
@with_appcontext
def verify_org(slug: str, note: str) -> None:
    """Mark the organization with this slug verified."""
    org = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if org is None:
        raise click.ClickException(f"No organization with the slug {slug!r}.")
    services.verify_organization(org, None, note=note, notify=False)
    db.session.commit()
    click.echo(f"Verified {org.name} ({org.slug}).")


COMMANDS = [orgs]
