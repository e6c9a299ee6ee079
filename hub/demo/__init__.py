"""Fictional demo content: organizations, actions, partnerships, stories, events, calls and one user per role.

Every record is marked `is_demo`, so `remove_demo` can take exactly these away again. Both
functions add and flush; the caller commits.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from hub.actions.models import Action
from hub.auth.models import User
from hub.demo.accounts import DEMO_ACCOUNTS, DemoAccount
from hub.extensions import db
from hub.partnerships.models import Partnership
from hub.stories.models import Story

__all__ = ["DEMO_ACCOUNTS", "DemoAccount", "demo_loaded", "load_demo", "remove_demo"]

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def demo_loaded() -> bool:
    """Whether demo content is in the database."""
    return any(
        db.session.scalar(sa.select(sa.exists().where(model.is_demo)))
        for model in (User, Action, Partnership, Story)
    )


def load_demo(progress: Progress = _quiet) -> dict[str, int]:
    """Add every demo record; returns how many of each kind were created."""
    from hub.demo.dated import build_events, build_opportunities
    from hub.demo.linked import (
        build_community_profiles,
        build_data_sources,
        build_partnerships,
        build_stories,
    )
    from hub.demo.loader import DemoBuilder

    builder = DemoBuilder(progress)
    counts = {
        "organizations": builder.build_organizations(),
        "users": builder.build_users(),
        "actions": builder.build_actions(),
        "partnerships": build_partnerships(builder),
        "stories": build_stories(builder),
        "data sources": build_data_sources(builder),
        "community profiles": build_community_profiles(builder),
        "events": build_events(builder),
        "opportunities": build_opportunities(builder),
    }
    progress("Demo accounts (all fictional; see docs/demo.md):")
    for account in DEMO_ACCOUNTS:
        progress(f"  {account.role:<9} {account.email:<32} password: {account.password}")
    return counts


def remove_demo(progress: Progress = _quiet) -> dict[str, int]:
    """Delete every demo record with its children and history; returns counts per kind."""
    from hub.demo.removal import remove_demo_records

    return remove_demo_records(progress)
