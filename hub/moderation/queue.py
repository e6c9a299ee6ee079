"""The sections of the moderators' queue: one per kind of thing waiting for review.

Another feature adds its own section with `register_section(...)`, for example:

    register_section(QueueSection(
        key="actions", title=_l("Actions submitted for review"),
        load=lambda: submitted(Action), template="actions/_review_queue.html"))

`load` returns what waits, oldest first; `template` renders those items (it receives them as
`items` and the section as `section`). The queue page shows the sections in registration order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from hub.extensions import db


@dataclass(frozen=True)
class QueueSection:
    key: str
    title: object  # a (lazy) translated string
    load: Callable[[], list]
    template: str
    limit: int = 50


SECTIONS: dict[str, QueueSection] = {}


def register_section(section: QueueSection) -> None:
    """Add (or replace) a section of the moderation queue."""
    SECTIONS[section.key] = section


def submitted(model, limit: int = 50) -> list:
    """Records of a reviewable model in the "submitted" state, oldest submission first."""
    stmt = sa.select(model).where(model.review_state == "submitted")
    stmt = stmt.order_by(model.submitted_at.asc().nulls_last(), model.id).limit(limit)
    return list(db.session.scalars(stmt))


def _pending_organizations() -> list:
    from hub.orgs.services import pending_organizations

    return pending_organizations()


def _register_defaults() -> None:
    from hub.models import Action, DataSource, Partnership, Story

    register_section(QueueSection("organizations", _l("Organizations waiting for verification"),
                                  _pending_organizations, "moderation/_organizations.html"))
    # Submitted content is listed here until its feature registers a section of its own.
    for key, title, model in (
        ("actions", _l("Actions submitted for review"), Action),
        ("partnerships", _l("Partnerships submitted for review"), Partnership),
        ("stories", _l("Stories submitted for review"), Story),
        ("sources", _l("Data sources submitted for review"), DataSource),
    ):
        register_section(QueueSection(key, title, lambda model=model: submitted(model),
                                      "moderation/_submitted.html"))


_register_defaults()
