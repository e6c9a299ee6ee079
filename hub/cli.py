"""Operator commands: `hub init`, `hub import-reference`, `hub demo`, and each feature's group."""

from __future__ import annotations

import importlib
import time
from contextlib import contextmanager
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from hub.extensions import db

# Feature command groups, added when their module exists.
FEATURE_COMMANDS = ["hub.auth.cli", "hub.orgs.cli", "hub.sources.cli", "hub.search_cli", "hub.jobs.cli",
                    "hub.reminders.cli", "hub.follows.cli"]


def _data_dir(value: str | None) -> Path:
    return Path(value or current_app.config["DATA_DIR"])


def _echo(message: str) -> None:
    click.echo(message)


def run_reference_import(data_dir: Path, force: bool) -> None:
    from hub.places.reference import ReferenceDataError, import_reference

    started = time.perf_counter()
    try:
        results = import_reference(data_dir, force=force, progress=_echo)
        db.session.commit()
    except ReferenceDataError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc}\nNothing was changed in the database.") from exc
    loaded = [r for r in results if not r.unchanged]
    total = sum(r.rows for r in loaded)
    click.echo(
        f"Reference data: {len(loaded)} file(s) loaded ({total:,} rows), "
        f"{len(results) - len(loaded)} unchanged, in {time.perf_counter() - started:.1f} s."
    )


def run_source_seed(data_dir: Path) -> None:
    from hub.places.reference import ReferenceDataError
    from hub.sources.seed import seed_sources

    try:
        created, updated = seed_sources(data_dir / "data_sources.csv")
        db.session.commit()
    except ReferenceDataError as exc:
        db.session.rollback()
        raise click.ClickException(f"{exc}\nNothing was changed in the database.") from exc
    click.echo(f"Data-source catalogue: {created} created, {updated} updated.")


def run_upload_import() -> None:
    """Bring image files that an older, folder-based install kept in UPLOAD_DIR into the database."""
    from hub.images import import_upload_folder

    imported = import_upload_folder(Path(current_app.config["UPLOAD_DIR"]))
    db.session.commit()
    if imported:
        folder = current_app.config["UPLOAD_DIR"]
        click.echo(f"Uploaded images: {imported} file(s) from {folder} stored in the database.")


# pg_advisory_lock key held by `hub init` (any constant the hub owns; "hubinit" in ASCII).
INIT_LOCK_KEY = 0x687562696E6974


@contextmanager
def init_lock():
    """On PostgreSQL, one `hub init` at a time across every host; the others wait, then find it done."""
    if db.engine.dialect.name != "postgresql":
        yield  # SQLite is one host's file: nothing to share
        return
    with db.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        if not conn.scalar(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": INIT_LOCK_KEY}):
            click.echo("Another host is running 'hub init'; waiting for it to finish…")
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": INIT_LOCK_KEY})
        try:
            yield
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": INIT_LOCK_KEY})


@click.command("init")
@click.option("--demo", is_flag=True, help="Also load the demo content if it is not loaded yet.")
@click.option("--data-dir", help="Folder with the reference CSV files (default: data/).")
@with_appcontext
def init_command(demo: bool, data_dir: str | None) -> None:
    """Create or upgrade the database, load reference data and the catalogue, open the index."""
    from flask_migrate import upgrade

    from hub import search
    from hub.taxonomy.services import seed_vocabulary

    started = time.perf_counter()
    with init_lock():
        click.echo("Upgrading the database schema…")
        upgrade(directory=current_app.extensions["migrate"].directory)
        seed_vocabulary()
        db.session.commit()
        click.echo("Loading reference data…")
        run_reference_import(_data_dir(data_dir), force=False)
        run_source_seed(_data_dir(data_dir))
        run_upload_import()
        if demo:
            from hub.demo import demo_loaded, load_demo

            if demo_loaded():
                click.echo("Demo content: already loaded.")
            else:
                counts = load_demo(progress=_echo)
                db.session.commit()
                click.echo("Demo content: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
    # Each host has its own index: no need to hold the other hosts back while it catches up.
    created = search.engine().prepare(progress=_echo)
    click.echo(
        f"Search index: {'created' if created else 'present'}. "
        f"Ready in {time.perf_counter() - started:.1f} s."
    )


@click.command("import-reference")
@click.option("--force", is_flag=True, help="Reload every file even if it has not changed.")
@click.option("--data-dir", help="Folder with the reference CSV files (default: data/).")
@with_appcontext
def import_reference_command(force: bool, data_dir: str | None) -> None:
    """Load countries, UN DESA migrant stock and remittances from data/ (idempotent)."""
    run_reference_import(_data_dir(data_dir), force=force)


@click.command("seed-sources")
@click.option("--data-dir", help="Folder with data_sources.csv (default: data/).")
@with_appcontext
def seed_sources_command(data_dir: str | None) -> None:
    """Load or refresh the data-source catalogue from data/data_sources.csv."""
    run_source_seed(_data_dir(data_dir))


@click.command("demo")
@click.option("--remove", is_flag=True, help="Remove every demo record instead.")
@with_appcontext
def demo_command(remove: bool) -> None:
    """Load the fictional demo organizations, actions, partnerships, stories and users."""
    from hub.demo import demo_loaded, load_demo, remove_demo

    if remove:
        counts = remove_demo(progress=_echo)
        db.session.commit()
        click.echo("Removed demo content: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
        return
    if demo_loaded():
        click.echo("Demo content is already loaded; run 'hub demo --remove' first to reload it.")
        return
    counts = load_demo(progress=_echo)
    db.session.commit()
    click.echo("Loaded demo content: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")


def register_commands(app: Flask) -> None:
    for command in (init_command, import_reference_command, seed_sources_command, demo_command):
        app.cli.add_command(command)
    for module_name in FEATURE_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        for command in module.COMMANDS:
            app.cli.add_command(command)


def _create_app_for_cli() -> Flask:
    from hub import create_app

    try:
        return create_app()
    except RuntimeError as exc:  # a configuration problem: say it plainly, no traceback
        raise click.ClickException(str(exc)) from None


@click.group(cls=FlaskGroup, create_app=_create_app_for_cli, add_version_option=False)
def main() -> None:
    """Diaspora Hub operator commands."""
